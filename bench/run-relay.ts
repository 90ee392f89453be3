import { compareLatency } from './relay-latency.ts';
const out = await compareLatency([2, 50], () => 2);
console.log(JSON.stringify(out, null, 2));
