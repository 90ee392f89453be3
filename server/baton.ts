/**
 * Composition root: storage, documents, authorization, relay, workers and the demo seed, wired
 * together once. `server/main.ts` (production) and `server/dev.ts` (`vite dev`) both call
 * `createBaton`; tests call it too, on a temp folder and port 0.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { registerServices, type BatonServices } from '../src/lib/server/services.ts';
import { Authorizer, DEMO_WORKSPACE_ID } from './auth.ts';
import { runBatchSync } from './batch-sync.ts';
import { systemClock, type BatonConfig, type Clock } from './config.ts';
import { seedDemoWorkspace } from './demo.ts';
import { DocManager, type DocStats } from './documents.ts';
import { Relay } from './relay.ts';
import { SqliteStorage, type DocStorage } from './storage.ts';
import { startIndexProjection } from './workers/index-projection.ts';
import { startTicketNumbering } from './workers/ticket-numbering.ts';
import { MailChannel } from './mail/index.ts';
import { registerMailServices } from '../src/lib/server/mail-services.ts';

export interface Baton {
  services: BatonServices;
  /** Handles `/sync/…` upgrades; returns `false` for any other path (leave it to others). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  docs: DocManager;
  storage: DocStorage;
  /** The email channel: mailboxes, ingestion, the outbound queue, import. */
  mail: MailChannel;
  stats(): DocStats & { connections: number };
  /** Closes sockets, compacts and unloads documents, closes the database. */
  close(): Promise<void>;
}

export interface BatonDeps {
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
  /** Register the services for SvelteKit (default true; tests running several Batons say false). */
  register?: boolean;
}

export function createBaton(config: BatonConfig, deps: BatonDeps = {}): Baton {
  const clock = deps.clock ?? systemClock;
  const storage = new SqliteStorage(config.dataDir, () => clock.now());
  let authorizer: Authorizer | null = null;
  const docs = new DocManager({
    storage,
    unloadGraceMs: config.unloadGraceMs,
    compactEveryMs: config.compactEveryMs,
    compactThreshold: config.compactThreshold,
    maxUpdateBytes: config.maxMessageBytes,
    guard: (check) => authorizer?.guard(check) ?? null,
    ...(deps.log ? { log: deps.log } : {})
  });
  const auth = new Authorizer(docs, storage, config);
  authorizer = auth;

  if (config.demo) seedDemoWorkspace(storage, clock);
  const stopWorkers = [
    startTicketNumbering(docs, storage, clock),
    startIndexProjection(docs, storage, clock)
  ];
  const relay = new Relay({ config, docs, auth, ...(deps.log ? { log: deps.log } : {}) });
  const mail = new MailChannel({
    db: storage.database,
    dataDir: config.dataDir,
    docs,
    clock,
    config: config.mail,
    workspaceOf: (memberId) => auth.member(memberId)?.workspaceId ?? null,
    log: deps.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''))
  });
  mail.start();

  const services: BatonServices = {
    async identify(request) {
      const found = auth.identifyCookie(request.headers.get('cookie'));
      return found ? { memberId: found.memberId, name: found.name } : null;
    },
    async batchSync(identity, body) {
      const found = auth.member(identity.memberId);
      if (!found) {
        return {
          status: 401,
          body: { error: { reason: 'not-signed-in', message: 'Sign in first.' } }
        };
      }
      return runBatchSync(docs, auth, found, body);
    },
    async devMembers() {
      return {
        workspaceId: DEMO_WORKSPACE_ID,
        members: auth.members().map(({ memberId, name }) => ({ memberId, name }))
      };
    }
  };
  if (deps.register ?? true) {
    registerServices(services);
    registerMailServices(mail.services());
  }

  let closing: Promise<void> | null = null;
  return {
    services,
    docs,
    storage,
    mail,
    handleUpgrade: (req, socket, head) => relay.handleUpgrade(req, socket, head),
    stats: () => ({ ...docs.stats(), connections: relay.connectionCount }),
    close() {
      closing ??= (async () => {
        await relay.close();
        await mail.close();
        for (const stop of stopWorkers) stop();
        docs.close();
        storage.close();
      })();
      return closing;
    }
  };
}
