/**
 * The local search of another commit and of this tree side by side, in one process, so that a
 * loaded machine slows both alike: `node --import tsx bench/search-compare.ts <commit> [rounds]`.
 *
 * The other commit's `src/lib/search` is copied to a temp folder (with this tree's
 * node_modules) and imported beside this tree's. Both build the bench corpus of
 * `bench/search.ts` alternately (`rounds` builds each, which goes first alternating too), then
 * every keystroke of the bench queries is answered by both, alternately; the answers' totals
 * must agree (a change of speed, not of what is found). Printed: each side's first build (what
 * a user waits for, nothing compiled or stemmed yet — though the first side to build warms the
 * shared libraries for the second), the median build, and the keystrokes' p50 and p95, with
 * the load average before and after.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LocalSearchIndex } from '../src/lib/search/local-index.ts';
import type { SearchDoc } from '../src/lib/search/search-docs.ts';
import { percentile, SEARCH_QUERIES, searchCorpus } from './search.ts';

interface Index {
  replaceAll(docs: readonly SearchDoc[]): void;
  search(query: string): { totals: Record<string, number> };
}

const ref = process.argv[2];
const rounds = Number(process.argv[3] ?? 4);
if (!ref || !Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: node --import tsx bench/search-compare.ts <commit> [rounds]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'baton-search-compare-'));
try {
  const files = execFileSync('git', ['ls-tree', '--name-only', ref, 'src/lib/search/'])
    .toString()
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of files) {
    writeFileSync(join(dir, basename(file)), execFileSync('git', ['show', `${ref}:${file}`]));
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const other = (await import(pathToFileURL(join(dir, 'local-index.ts')).href)) as {
    LocalSearchIndex: new () => Index;
  };
  const sides: [string, new () => Index][] = [
    [ref, other.LocalSearchIndex],
    ['this tree', LocalSearchIndex]
  ];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average before: ${load()}`);

  const docs = searchCorpus(10_000, 500, 300);
  const builds = sides.map(() => [] as number[]);
  const built: Index[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const s of order) {
      const index = new sides[s]![1]();
      const start = performance.now();
      index.replaceAll(docs);
      builds[s]!.push(performance.now() - start);
      built[s] = index;
    }
  }

  const keystrokes = sides.map(() => [] as number[]);
  let differ = 0;
  for (let round = 0; round < 3; round++) {
    for (const query of SEARCH_QUERIES) {
      for (let end = 1; end <= query.length; end++) {
        const typed = query.slice(0, end);
        const totals: string[] = [];
        for (const s of end % 2 === 0 ? [0, 1] : [1, 0]) {
          const start = performance.now();
          const answer = built[s]!.search(typed);
          keystrokes[s]!.push(performance.now() - start);
          totals[s] = JSON.stringify(answer.totals);
        }
        if (totals[0] !== totals[1]) {
          differ++;
          if (round === 0) console.log(`totals differ for "${typed}": ${totals.join(' vs ')}`);
        }
      }
    }
  }

  const median = (values: number[]) => percentile(values, 50);
  for (const [s, [name]] of sides.entries()) {
    console.log(
      `${name}: build first ${builds[s]![0]!.toFixed(0)} ms, median of ${rounds} ` +
        `${median(builds[s]!).toFixed(0)} ms; keystroke p50 ${median(keystrokes[s]!).toFixed(2)} ms, ` +
        `p95 ${percentile(keystrokes[s]!, 95).toFixed(2)} ms (× 4 = ${(percentile(keystrokes[s]!, 95) * 4).toFixed(1)} ms) of ${keystrokes[s]!.length}`
    );
  }
  console.log(`answers with different totals: ${differ}`);
  console.log(`load average after: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
