/** Every test process starts with Temporal, as the browser and the server do (`domain/temporal.ts`). */
import { loadTemporal } from '../src/lib/domain/temporal.ts';

await loadTemporal();
