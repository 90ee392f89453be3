/**
 * How fast one member may grow one document, and how much one workspace may store: the part of
 * the storage quota that needs memory and the database, so it lives here rather than in the
 * pure update check (which caps each document's entries and bytes on its own).
 *
 * Rate: a token bucket per writer and document, in estimated bytes and in new thread and
 * activity entries (`AddedContent`: what the update check found the update added, so a
 * re-sent update that adds nothing costs nothing). Buckets refill continuously at the
 * per-minute rate up to their burst. The defaults sit far above a person — typing is a few
 * hundred bytes a second; a note every two seconds, each with its activity entry, is 60
 * entries a minute — and far below a script: one socket that posts a thousand notes in seven
 * seconds is stopped after about a hundred. A full bucket always admits one update, however
 * large (an offline day replayed through the batch sync), and the debt is paid back at the
 * refill rate before the next one.
 *
 * Workspace: the bytes SQLite holds for the workspace's documents, measured with one query
 * when first needed and again every `recountMs`; in between, each accepted update's growth is
 * added. Updates that grow a workspace past its cap are refused; ones that add nothing are not.
 *
 * Both answer through the write guard, after authorization, so a refused writer spends no
 * budget, and before the update is stored. One process keeps its buckets in memory; with
 * several processes they move to Redis, like the relay's other rate limits.
 */
import type { AddedContent } from '../src/lib/domain/added-content.ts';
import { indexDocName, settingsDocName } from '../src/lib/domain/doc-names.ts';
import type { Clock } from './config.ts';
import type { WriteGuard } from './documents.ts';
import type { DocStorage } from './storage.ts';

export interface WriteQuotaLimits {
  /** Estimated bytes one member may add to one document per minute, and at once. */
  bytesPerMinute: number;
  bytesBurst: number;
  /** New thread and activity entries one member may add to one document per minute, and at once. */
  entriesPerMinute: number;
  entriesBurst: number;
  /** Bytes one workspace may store in all; 0: no cap. */
  workspaceMaxBytes: number;
  /** How often a workspace's stored bytes are measured again. */
  recountMs: number;
}

interface Bucket {
  bytes: number;
  entries: number;
  at: number;
}

interface Measured {
  bytes: number;
  at: number;
}

const MINUTE = 60_000;
/** Buckets are swept once there are this many, dropping those that have refilled. */
const SWEEP_AT = 10_000;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;
}

export class WriteQuota {
  readonly #limits: WriteQuotaLimits;
  readonly #clock: Clock;
  readonly #storage: Pick<DocStorage, 'workspaceBytes'>;
  readonly #buckets = new Map<string, Bucket>();
  readonly #workspaces = new Map<string, Measured>();

  constructor(deps: {
    limits: WriteQuotaLimits;
    clock: Clock;
    storage: Pick<DocStorage, 'workspaceBytes'>;
  }) {
    this.#limits = deps.limits;
    this.#clock = deps.clock;
    this.#storage = deps.storage;
  }

  /** The write guard's part: `null` to let the update through (and count it), else why not. */
  readonly guard: WriteGuard = (check) => {
    const { name, writer, added: growth } = check;
    if (growth.bytes === 0 && growth.entries === 0) return null;
    const workspaceId = workspaceOf(check);
    const now = this.#clock.now();
    const key = `${writer.memberId}\n${name}`;
    const bucket = this.#refilled(key, now);
    if (!this.#admits(bucket, growth)) {
      return {
        reason: 'rate-limited',
        detail: 'Too many changes to this document in a short time; wait a minute and try again.'
      };
    }
    if (workspaceId !== null && this.#limits.workspaceMaxBytes > 0) {
      const stored = this.#workspaceBytes(workspaceId, now);
      if (stored.bytes + growth.bytes > this.#limits.workspaceMaxBytes) {
        return {
          reason: 'too-large',
          detail: `This workspace is full (${megabytes(this.#limits.workspaceMaxBytes)} at most); ask an admin to make room.`
        };
      }
      stored.bytes += growth.bytes;
    }
    bucket.bytes -= growth.bytes;
    bucket.entries -= growth.entries;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > SWEEP_AT) this.#sweep(now);
    return null;
  };

  /** Forgets what was measured (tests; or after an operator freed space). */
  reset(): void {
    this.#buckets.clear();
    this.#workspaces.clear();
  }

  #refilled(key: string, now: number): Bucket {
    const { bytesBurst, entriesBurst, bytesPerMinute, entriesPerMinute } = this.#limits;
    const found = this.#buckets.get(key);
    if (!found) return { bytes: bytesBurst, entries: entriesBurst, at: now };
    const minutes = Math.max(0, now - found.at) / MINUTE;
    return {
      bytes: Math.min(bytesBurst, found.bytes + minutes * bytesPerMinute),
      entries: Math.min(entriesBurst, found.entries + minutes * entriesPerMinute),
      at: now
    };
  }

  #admits(bucket: Bucket, growth: AddedContent): boolean {
    const full =
      bucket.bytes >= this.#limits.bytesBurst && bucket.entries >= this.#limits.entriesBurst;
    if (full) return true;
    return growth.bytes <= bucket.bytes && growth.entries <= bucket.entries;
  }

  #workspaceBytes(workspaceId: string, now: number): Measured {
    const found = this.#workspaces.get(workspaceId);
    if (found && now - found.at < this.#limits.recountMs) return found;
    const measured = {
      bytes: this.#storage.workspaceBytes(workspaceId, [
        indexDocName(workspaceId),
        settingsDocName(workspaceId)
      ]),
      at: now
    };
    this.#workspaces.set(workspaceId, measured);
    return measured;
  }

  #sweep(now: number): void {
    // A bucket that has refilled is the same as no bucket.
    for (const key of this.#buckets.keys()) {
      const refilled = this.#refilled(key, now);
      if (
        refilled.bytes >= this.#limits.bytesBurst &&
        refilled.entries >= this.#limits.entriesBurst
      )
        this.#buckets.delete(key);
    }
  }
}

function workspaceOf(check: Parameters<WriteGuard>[0]): string | null {
  const { ref } = check;
  switch (ref.kind) {
    case 'index':
    case 'settings':
      return ref.workspaceId;
    case 'ticket':
      // Accepted by `applyChecked` and the authorization guard before this runs.
      return check.ticketWorkspace;
    case 'article':
    case 'draft':
      return null;
  }
}
