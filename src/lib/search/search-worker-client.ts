/**
 * The page's side of the search worker: posts builds and updates, and answers queries with a
 * promise. Only the latest query matters while typing: an answer to an older one resolves as
 * `null` (superseded), so a slow answer never replaces a newer one on screen.
 */
import type { SearchAnswer, SearchHit } from './answer';
import type { SearchDoc, SearchGroup } from './search-docs';
import type { SearchWorkerAnswer, SearchWorkerRequest } from './worker-protocol';

/** What the client needs of a worker (a real `Worker`, or an in-page stand-in for tests). */
export interface WorkerPort {
  postMessage(message: SearchWorkerRequest): void;
  onmessage: ((event: MessageEvent<SearchWorkerAnswer>) => void) | null;
  terminate(): void;
}

export interface SearchWorkerClient {
  build(docs: SearchDoc[]): Promise<{ size: number; ms: number }>;
  upsert(docs: SearchDoc[]): void;
  remove(kind: SearchGroup, ids: string[]): void;
  /** The answer, or `null` when a newer query was sent before this one was answered. */
  query(query: string, perGroup?: number): Promise<SearchAnswer | null>;
  /** The best `limit` documents of `kind` for a text (any of its words): suggestions. */
  suggest(text: string, kind: SearchGroup, limit: number): Promise<SearchHit[]>;
  destroy(): void;
}

export function createSearchWorker(): WorkerPort {
  return new Worker(new URL('./search.worker.ts', import.meta.url), {
    type: 'module'
  }) as unknown as WorkerPort;
}

export function searchWorkerClient(worker: WorkerPort): SearchWorkerClient {
  let latest = 0;
  const pending = new Map<number, (answer: SearchAnswer | null) => void>();
  const builds: ((value: { size: number; ms: number }) => void)[] = [];
  let suggestions = 0;
  const suggesting = new Map<number, (hits: SearchHit[]) => void>();
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'built') {
      builds.shift()?.({ size: message.size, ms: message.ms });
      return;
    }
    if (message.type === 'suggested') {
      suggesting.get(message.id)?.(message.hits);
      suggesting.delete(message.id);
      return;
    }
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve?.(message.id === latest ? message.answer : null);
  };
  return {
    build(docs) {
      return new Promise((resolve) => {
        builds.push(resolve);
        worker.postMessage({ type: 'build', docs });
      });
    },
    upsert(docs) {
      if (docs.length > 0) worker.postMessage({ type: 'upsert', docs });
    },
    remove(kind, ids) {
      if (ids.length > 0) worker.postMessage({ type: 'remove', kind, ids });
    },
    query(query, perGroup = 8) {
      const id = ++latest;
      // Answers come in order: every query still waiting is older than this one.
      for (const [older, resolve] of pending) {
        if (older < id) resolve(null);
      }
      pending.clear();
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'query', id, query, perGroup });
      });
    },
    suggest(text, kind, limit) {
      const id = ++suggestions;
      return new Promise((resolve) => {
        suggesting.set(id, resolve);
        worker.postMessage({ type: 'suggest', id, text, kind, limit });
      });
    },
    destroy() {
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
      for (const resolve of suggesting.values()) resolve([]);
      suggesting.clear();
      worker.terminate();
    }
  };
}
