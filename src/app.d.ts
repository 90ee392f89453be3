// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Identity } from '$lib/server/services';

declare global {
  namespace App {
    interface Locals {
      /** Who is making the request; `null` when nobody is signed in. */
      identity: Identity | null;
    }
  }
}

export {};
