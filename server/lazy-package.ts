/**
 * Packages the server needs for some of its work only, loaded the first time they are used
 * rather than at start. The mail libraries take 12 MB of heap between them (imapflow 6.1 MB,
 * mailparser 6.3, nodemailer 3.0, sanitize-html 1.9; shared dependencies counted once): a
 * server with no mailbox would keep them, and walk them in every full garbage collection, for
 * nothing. Only CommonJS packages qualify: `require` loads them synchronously, so their callers
 * stay as they are.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `name`'s exports, loaded on the first call and kept. */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
