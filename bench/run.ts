/**
 * `npm run bench`: every benchmark, each figure printed next to a baseline measured in the same run and their
 * ratio. Not part of the pass/fail tests. `npm run bench -- core` runs one group.
 *
 * A group is a file `bench/<group>.bench.ts` whose default export runs it; files are found, not listed here. A file
 * may also export `aliases` (more group names that run it: `documents.bench.ts` runs for `report` and `import`).
 * `bench/province.ts` helps the province groups (api, aggregation, documents): it is not a group.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  const mod: { default?: () => void | Promise<void>; aliases?: readonly string[] } = await import(
    new URL(file, import.meta.url).href
  );
  if (wanted.length && !wanted.includes(name) && !(mod.aliases ?? []).some((a) => wanted.includes(a)))
    continue;
  if (typeof mod.default !== 'function') throw new Error(`bench/${file} has no default export to run`);
  await mod.default();
}
