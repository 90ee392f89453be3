/** Small statistics and table helpers shared by the benchmarks. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface Row {
  benchmark: string;
  measure: string;
  baton: string;
  reference?: string;
  ratio?: string;
  budget: string;
  verdict: 'ok' | 'over' | 'info';
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a';
}

export function printTable(rows: readonly Row[]): string {
  const headers = ['benchmark', 'measure', 'baton', 'reference', 'ratio', 'budget', 'verdict'];
  const cells = rows.map((row) => [
    row.benchmark,
    row.measure,
    row.baton,
    row.reference ?? '',
    row.ratio ?? '',
    row.budget,
    row.verdict
  ]);
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))
  );
  const line = (values: string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line)
  ].join('\n');
  return out;
}

/** Waits for `check` to hold, polling; throws naming what it waited for. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
