/** Messages between the page and the search worker (`search.worker.ts`). */
import type { SearchAnswer, SearchHit } from './answer';
import type { SearchDoc, SearchGroup } from './search-docs';

export type SearchWorkerRequest =
  | { type: 'build'; docs: SearchDoc[] }
  | { type: 'upsert'; docs: SearchDoc[] }
  | { type: 'remove'; kind: SearchGroup; ids: string[] }
  | { type: 'query'; id: number; query: string; perGroup: number }
  | { type: 'suggest'; id: number; text: string; kind: SearchGroup; limit: number };

export type SearchWorkerAnswer =
  | { type: 'built'; size: number; ms: number }
  | { type: 'answer'; id: number; answer: SearchAnswer; ms: number }
  | { type: 'suggested'; id: number; hits: SearchHit[] };
