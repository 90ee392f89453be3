/**
 * The search worker: holds the browser's `LocalSearchIndex` off the main thread. Messages are
 * handled in order, so a query sent after a build or an update sees it.
 */
import { LocalSearchIndex } from './local-index';
import type { SearchWorkerAnswer, SearchWorkerRequest } from './worker-protocol';

const index = new LocalSearchIndex();
const post = (message: SearchWorkerAnswer) => self.postMessage(message);

self.onmessage = (event: MessageEvent<SearchWorkerRequest>) => {
  const message = event.data;
  const start = performance.now();
  switch (message.type) {
    case 'build':
      index.replaceAll(message.docs);
      post({ type: 'built', size: index.size, ms: performance.now() - start });
      return;
    case 'upsert':
      index.upsert(message.docs);
      return;
    case 'remove':
      index.remove(message.kind, message.ids);
      return;
    case 'suggest':
      post({
        type: 'suggested',
        id: message.id,
        hits: index.suggest(message.text, message.kind, message.limit)
      });
      return;
    case 'query':
      post({
        type: 'answer',
        id: message.id,
        answer: index.search(message.query, message.perGroup),
        ms: performance.now() - start
      });
  }
};
