/**
 * Loaded with `--import` into both benchmarked servers (started with `--expose-gc`): on the
 * IPC message `'heap'` it collects garbage and answers with the process's memory; on `'cpu'`
 * it answers with the CPU time used so far. Heap after
 * a full collection counts what the server holds; RSS alone mostly shows how far V8 let its
 * heap grow before collecting, which depends on how much garbage a server makes, not keeps.
 */
const collect = (globalThis as { gc?: () => void }).gc;

process.on('message', (message) => {
  if (message === 'cpu' && process.send) {
    // CPU time the process has used so far, user + system, in microseconds.
    const { user, system } = process.cpuUsage();
    process.send({ cpuMicros: user + system });
    return;
  }
  if (message !== 'heap' || !process.send) return;
  if (!collect) throw new Error('heap-probe needs node --expose-gc');
  // Twice: the first pass may only queue finalizers that free more on the second.
  collect();
  collect();
  const { heapUsed, external, rss } = process.memoryUsage();
  process.send({ heapUsed, external, rss });
});
// Adding the listener refs the IPC channel; unref it so that the probe never keeps a server
// alive that would otherwise exit.
process.channel?.unref();
