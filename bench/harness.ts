/**
 * Benchmark helpers: time a function over repeated runs and report the median, next to a baseline measured in the
 * same run (machines here are shared and noisy: only ratios measured together mean anything).
 */
export interface Timing {
  name: string;
  median_ms: number;
  min_ms: number;
  runs: number;
}

export function time(name: string, fn: () => unknown, runs = 7, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return timingOf(name, samples);
}

function timingOf(name: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    median_ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min_ms: sorted[0] ?? 0,
    runs: sorted.length,
  };
}

/** `time` for an async function. */
export async function timeAsync(
  name: string,
  fn: () => Promise<unknown>,
  runs = 3,
  warmup = 1,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return timingOf(name, samples);
}

/**
 * A figure and its baseline timed in turns (figure, baseline, figure, …): on a shared machine a burst of load then
 * falls on both instead of on whichever was being timed, so their ratio moves less than the figures do.
 */
export async function timePairAsync(
  figure: { name: string; fn: () => Promise<unknown> },
  baseline: { name: string; fn: () => Promise<unknown> },
  runs = 5,
  warmup = 1,
): Promise<{ figure: Timing; baseline: Timing }> {
  for (let i = 0; i < warmup; i++) {
    await figure.fn();
    await baseline.fn();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of [
      [figure.fn, a],
      [baseline.fn, b],
    ] as const) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
  }
  return { figure: timingOf(figure.name, a), baseline: timingOf(baseline.name, b) };
}

export interface Row {
  scenario: string;
  items: number;
  figure: Timing;
  baseline: Timing;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    ['scenario', 'items', 'cpaudit ms', 'µs/item', 'baseline ms', 'µs/item', 'ratio']
      .map((h) => h.padEnd(14))
      .join(''),
  );
  for (const r of rows) {
    const per = (t: Timing) => ((t.median_ms * 1000) / r.items).toFixed(3);
    console.log(
      [
        r.scenario,
        String(r.items),
        r.figure.median_ms.toFixed(1),
        per(r.figure),
        r.baseline.median_ms.toFixed(1),
        per(r.baseline),
        `${(r.figure.median_ms / r.baseline.median_ms).toFixed(2)}×`,
      ]
        .map((c) => c.padEnd(14))
        .join(''),
    );
  }
}

/** Deterministic PRNG (mulberry32) so every run benchmarks the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
