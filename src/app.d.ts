// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/principal';

declare global {
  namespace App {
    interface Locals {
      /** Who is making the request; `null` when nobody is signed in. */
      principal: Principal | null;
    }
  }
}

export {};
