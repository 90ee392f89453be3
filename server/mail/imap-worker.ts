/**
 * Watches one mailbox's IMAP folder (a workspace may have several mailboxes) and feeds new
 * messages to the ingestor, which records the mailbox on each new ticket.
 *
 * New mail is noticed at once through IDLE (imapflow idles between commands and reports
 * `exists`), and by polling every `pollMs` as a fallback (servers without IDLE, or a silently
 * dead connection). A pass fetches the UIDs above the last one processed, in chunks, ingests
 * each message, then flags or moves the chunk as configured, and only then advances the
 * stored last UID. A crash anywhere in between fetches the chunk again; ingestion is
 * idempotent by Message-ID, so nothing is duplicated, and nothing is skipped. A changed
 * UIDVALIDITY starts over from the beginning, equally safely.
 *
 * Nothing is flagged or moved before it is somewhere a person can see it: a ticket, a note, a
 * deliberate "ignored" record, or the "could not import" list (`held.ts`), which ingestion
 * writes before it returns. A message that keeps failing is held with its error after a few
 * tries (and left unflagged); if even that fails, the pass stops before it, so the stored last
 * UID never moves past a message that is nowhere.
 *
 * Messages over the size limit are fetched one at a time (never a chunk of them in memory) and
 * held as too large.
 *
 * Connection failures back off (1 s doubling to 5 min) and are reported through `onStatus`.
 */
import type { ImapFlow } from 'imapflow';
import type { IngestOptions, MailIngestor } from './ingest.ts';
import { CONNECTION_ERROR_MESSAGES, explain, imapClient, type Mailbox } from './mailbox.ts';
import type { MailHostPolicy } from './mail-host.ts';
import type { MailStore } from './mail-store.ts';
import type { Credential } from './oauth.ts';

const CHUNK = 50;
/** Tries before a message that keeps failing is skipped (and left unmarked on the server). */
const MAX_TRIES = 3;
export const PROCESSED_KEYWORD = '$BatonProcessed';

export interface WatcherStatus {
  state: 'connecting' | 'watching' | 'failed' | 'stopped';
  message: string;
  at: number;
}

export interface WatcherDeps {
  store: MailStore;
  ingestor: MailIngestor;
  pollMs: number;
  /** Which hosts the watcher may connect to (`mail-host.ts`). */
  hosts: MailHostPolicy;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  onStatus?: (status: WatcherStatus) => void;
  /** Called after each pass with how many messages it handled (tests and the bench wait on it). */
  onPass?: (handled: number) => void;
  /** Called when a pass stops on an error (it is retried); tests count these. */
  onPassError?: (error: unknown) => void;
  /** Larger messages are fetched alone and held as too large. */
  maxMessageBytes: number;
  /** Every address of the workspace's mailboxes (mail from any of them is our own). */
  ownAddresses?: () => readonly string[];
  /**
   * The access token of a mailbox that signs in with OAuth (`oauth.ts`), asked before every
   * connection; `token: null` uses the saved password. `force`: the server refused the last one.
   */
  credential?: (force: boolean) => Promise<Credential>;
}

export class MailboxWatcher {
  readonly #mailbox: Mailbox;
  readonly #deps: WatcherDeps;
  #client: ImapFlow | null = null;
  #stopped = false;
  #running: Promise<void> | null = null;
  #again = false;
  #pollTimer: ReturnType<typeof setInterval> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  /** The next connection refreshes the access token first (the server refused it). */
  #forceRefresh = false;
  /** A refused token was refreshed once since the last good connection. */
  #refreshedOnce = false;
  /** Failed ingestion tries per UID (see `#pass`). */
  readonly #messageFailures = new Map<number, number>();

  constructor(mailbox: Mailbox, deps: WatcherDeps) {
    this.#mailbox = mailbox;
    this.#deps = deps;
  }

  start(): void {
    void this.#connect();
    this.#pollTimer = setInterval(() => this.kick(), this.#deps.pollMs);
    this.#pollTimer.unref();
  }

  /** Runs a pass now (or right after the one in progress). */
  kick(): void {
    if (this.#stopped || !this.#client?.usable) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((error: unknown) => {
        this.#deps.log('A mail pass failed', error);
        this.#deps.onPassError?.(error);
      })
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#running?.catch(() => undefined);
    const client = this.#client;
    this.#client = null;
    if (client) {
      await client.logout().catch(() => undefined);
      client.close();
    }
    this.#status('stopped', 'Stopped.');
  }

  #status(state: WatcherStatus['state'], message: string): void {
    this.#deps.onStatus?.({ state, message, at: this.#deps.now() });
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const { imap } = this.#mailbox.settings;
    this.#status('connecting', `Connecting to ${imap.host}:${imap.port}…`);
    const force = this.#forceRefresh;
    this.#forceRefresh = false;
    const credential = (await this.#deps.credential?.(force)) ?? { ok: true, token: null };
    if (this.#stopped) return;
    if (!credential.ok) {
      // A refused grant waits for an admin to sign in again (which restarts the watcher).
      if (credential.reason === 'reconnect-needed') {
        this.#status('failed', 'The mailbox must be signed in again (reconnect needed).');
      } else {
        this.#retry('The sign-in provider could not be reached.');
      }
      return;
    }
    const token = credential.token;
    const opened = await imapClient(
      token === null ? this.#mailbox : { ...this.#mailbox, imapSecret: token },
      this.#deps.hosts
    );
    if (this.#stopped) return;
    if (!opened.ok) {
      this.#retry(CONNECTION_ERROR_MESSAGES[opened.reason]);
      return;
    }
    const client = opened.client;
    client.on('error', (error: unknown) => this.#deps.log('IMAP connection error', error));
    client.on('exists', () => this.kick());
    client.on('close', () => {
      if (this.#client === client) this.#client = null;
      if (!this.#stopped) this.#retry('The IMAP connection closed.');
    });
    try {
      await client.connect();
      await client.mailboxOpen(imap.folder);
      if (this.#stopped) {
        await client.logout().catch(() => undefined);
        return;
      }
      this.#client = client;
      this.#failures = 0;
      this.#refreshedOnce = false;
      this.#status('watching', `Watching ${imap.folder} on ${imap.host}.`);
      this.kick();
    } catch (error) {
      const reason = explain(error);
      // A refused access token is refreshed on the next try, once until a connection works.
      if (reason === 'auth-failed' && token !== null && !this.#refreshedOnce) {
        this.#refreshedOnce = true;
        this.#forceRefresh = true;
      }
      client.close();
      this.#retry(CONNECTION_ERROR_MESSAGES[reason]);
    }
  }

  #retry(message: string): void {
    if (this.#stopped || this.#retryTimer) return;
    this.#failures++;
    const delay = Math.min(300_000, 1000 * 2 ** Math.min(this.#failures - 1, 9));
    this.#status('failed', `${message} Retrying in ${Math.round(delay / 1000)} s.`);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, delay);
    this.#retryTimer.unref();
  }

  async #pass(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const { store, ingestor } = this.#deps;
    const { settings, workspaceId } = this.#mailbox;
    const folder = settings.imap.folder;
    const box = client.mailbox;
    if (!box) return;
    const validity = String(box.uidValidity);
    const mailboxId = this.#mailbox.id;
    const state = store.imapState(workspaceId, mailboxId, folder);
    const lastUid = state && state.uidValidity === validity ? state.lastUid : 0;
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    const options: IngestOptions = {
      mode: 'live',
      ownAddresses: [settings.address, ...(this.#deps.ownAddresses?.() ?? [])],
      reopenDays: settings.reopenDays,
      rules: settings.rules,
      mailbox: { id: mailboxId, defaultTags: settings.defaultTags }
    };
    if (settings.processed === 'move') {
      await client.mailboxCreate(settings.moveTo).catch(() => undefined);
    }
    let handled = 0;
    for (let i = 0; i < uids.length; i += CHUNK) {
      const chunk = uids.slice(i, i + CHUNK);
      const sizes = await client.fetchAll(chunk, { uid: true, size: true }, { uid: true });
      const large = new Set(
        sizes.filter((m) => (m.size ?? 0) > this.#deps.maxMessageBytes).map((m) => m.uid)
      );
      const small = chunk.filter((uid) => !large.has(uid));
      const messages =
        small.length > 0
          ? await client.fetchAll(small, { uid: true, source: true }, { uid: true })
          : [];
      const done: number[] = [];
      for (const uid of chunk) {
        const source = large.has(uid)
          ? (
              (await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true })) ||
              null
            )?.source
          : messages.find((m) => m.uid === uid)?.source;
        if (!source) continue;
        try {
          await ingestor.ingest(workspaceId, source, options);
          this.#messageFailures.delete(uid);
          done.push(uid);
          handled++;
        } catch (error) {
          // Stop here and retry the pass later (nothing after this message is marked). After
          // a few tries the message is held for an admin with its error ("could not import")
          // and left unflagged in the mailbox, so that one bad message cannot hold up all the
          // others. If it cannot even be held, the pass stops before it, every time.
          const tries = (this.#messageFailures.get(uid) ?? 0) + 1;
          this.#messageFailures.set(uid, tries);
          this.#deps.log(`Could not ingest UID ${uid} (try ${tries})`, error);
          if (tries < MAX_TRIES) throw error;
          ingestor.hold(
            workspaceId,
            source,
            'failed',
            error instanceof Error ? error.message : String(error)
          );
          this.#messageFailures.delete(uid);
          this.#status('watching', `Held a message that failed ${tries} times (UID ${uid}).`);
        }
      }
      if (done.length > 0 && settings.processed === 'move') {
        await client.messageMove(done, settings.moveTo, { uid: true });
      } else if (done.length > 0) {
        await client.messageFlagsAdd(done, ['\\Seen', PROCESSED_KEYWORD], { uid: true });
      }
      store.setImapState(
        workspaceId,
        mailboxId,
        folder,
        validity,
        chunk[chunk.length - 1] ?? lastUid
      );
    }
    this.#deps.onPass?.(handled);
  }
}
