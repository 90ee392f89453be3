/**
 * Attachments and inline images live outside the Yjs documents, as content-addressed files
 * under `<dataDir>/blobs/<first two hex digits>/<sha256>`: the same file twice is stored once,
 * and a name can never point at other content. Which workspace may read a blob, and its type,
 * are rows in `mail_blobs`. Files are written to a temp name and renamed, so a crash never
 * leaves half a blob under a real name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailStore } from './mail-store.ts';

export interface StoredBlob {
  hash: string;
  path: string;
  type: string;
  size: number;
}

export class BlobStore {
  readonly #dir: string;
  readonly #store: MailStore;

  constructor(dataDir: string, store: MailStore) {
    this.#dir = join(dataDir, 'blobs');
    this.#store = store;
    mkdirSync(this.#dir, { recursive: true });
  }

  pathOf(hash: string): string {
    return join(this.#dir, hash.slice(0, 2), hash);
  }

  put(workspaceId: string, content: Buffer, type: string): string {
    const hash = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(hash);
    if (!existsSync(path)) {
      mkdirSync(join(this.#dir, hash.slice(0, 2)), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, content);
      renameSync(temp, path);
    }
    this.#store.putBlob(workspaceId, hash, type, content.length);
    return hash;
  }

  /** The blob if `workspaceId` may read it and the file is there. */
  get(workspaceId: string, hash: string): StoredBlob | null {
    if (!/^[a-f0-9]{64}$/.test(hash)) return null;
    const row = this.#store.blob(workspaceId, hash);
    if (!row) return null;
    const path = this.pathOf(hash);
    try {
      return { hash, path, type: row.type, size: statSync(path).size };
    } catch {
      return null;
    }
  }
}
