/**
 * The mail libraries are loaded when mail is first handled, not at start (`server/lazy-package.ts`):
 * a running server with no mailbox, relaying and storing a ticket's changes, has not loaded them.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { addThreadEntry, readTicket } from '../../src/lib/domain/ticket.ts';
import { lazyPackage } from '../../server/lazy-package.ts';
import { spawnServer } from './child-server.ts';
import {
  AINO,
  cleanupAfterEach,
  connect,
  newTicket,
  synced,
  tempDir,
  ticketId,
  until
} from './helpers.ts';

const MAIL_PACKAGES = ['imapflow', 'nodemailer', 'mailparser', 'sanitize-html'];

describe('packages loaded on first use', () => {
  const cleanups = cleanupAfterEach();

  it('loads a package on the first call only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lazy-'));
    try {
      const file = join(dir, 'counted.cjs');
      writeFileSync(
        file,
        'globalThis.__lazyLoads = (globalThis.__lazyLoads ?? 0) + 1; module.exports = { answer: 42 };'
      );
      const loads = () => (globalThis as { __lazyLoads?: number }).__lazyLoads ?? 0;
      const counted = lazyPackage<{ answer: number }>(file);
      expect(loads()).toBe(0);
      expect(counted().answer).toBe(42);
      expect(counted().answer).toBe(42);
      expect(loads()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server without a mailbox has not loaded the mail libraries while it relays and stores', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let packages: string[] | null = null;
    const server = await spawnServer(dir.path, {
      preload: ['./tests/integration/loaded-packages-probe.ts'],
      onLine: (line) => {
        if (!line.startsWith('{"event":"packages"')) return;
        packages = (JSON.parse(line) as { names: string[] }).names;
      }
    });
    cleanups.push(async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    });
    const id = ticketId('lazy');
    const doc = new Y.Doc();
    const provider = connect(`ws://127.0.0.1:${server.port}/sync`, ticketDocName(id), doc);
    cleanups.push(() => provider.destroy());
    await synced(provider, 'the client');
    newTicket(doc, { id, subject: 'No mail here' });
    addThreadEntry(doc, 'note', 'A note', AINO, Date.now());
    // Asked once the server's workers have acted on the ticket: it has a number.
    await until(() => readTicket(doc)?.fields.number != null, 'the server to number the ticket');
    server.process.kill('SIGUSR2');
    await until(() => packages !== null, 'the probe to answer');
    const loaded = packages as unknown as string[];
    // The probe sees the packages the server does load (the check below can fail).
    expect(loaded).toEqual(expect.arrayContaining(['yjs', 'better-sqlite3']));
    expect(loaded.filter((name) => MAIL_PACKAGES.includes(name))).toEqual([]);
  });
});
