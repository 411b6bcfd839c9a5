/**
 * `npm run bench`: every benchmark, each figure printed next to a baseline measured in the same run and their
 * ratio. Not part of the pass/fail tests. `npm run bench -- core` runs one group.
 */
import { runCoreBench } from './core.bench.ts';

const groups: Record<string, () => void | Promise<void>> = {
  core: runCoreBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
