/** Messages between the page and the search worker (`search.worker.ts`). */
import type { SearchAnswer } from './answer';
import type { SearchDoc, SearchGroup } from './search-docs';

export type SearchWorkerRequest =
  | { type: 'build'; docs: SearchDoc[] }
  | { type: 'upsert'; docs: SearchDoc[] }
  | { type: 'remove'; kind: SearchGroup; ids: string[] }
  | { type: 'query'; id: number; query: string; perGroup: number };

export type SearchWorkerAnswer =
  | { type: 'built'; size: number; ms: number }
  | { type: 'answer'; id: number; answer: SearchAnswer; ms: number };
