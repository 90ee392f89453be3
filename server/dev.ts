import type { ViteDevServer } from 'vite';

/** Placeholder until the server lands: `vite dev` runs the app without the relay. */
export async function startDevServices(_server: ViteDevServer): Promise<void> {}
