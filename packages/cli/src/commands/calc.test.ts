import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CALCULATIONS } from '@cpaudit/core';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const BIN = fileURLToPath(new URL('../../bin/cpaudit.js', import.meta.url));

async function run(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stdin: Readable.from([stdin]),
  });
  return { code, out, err };
}

describe('cpaudit calc (in process)', () => {
  it.each(CALCULATIONS.map((c) => [c.name] as const))(
    '%s: the example piped in gives result and breakdown',
    async (name) => {
      const ex = await run(['calc', name, '--example']);
      expect(ex.code).toBe(0);
      const r = await run(['calc', name], ex.out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json).toHaveProperty('result');
      expect(json.breakdown.label).toEqual(expect.any(String));
    },
  );

  it('bad input: exit 2 and one line naming the field', async () => {
    const r = await run(['calc', 'economics'], JSON.stringify({ investment_wanYuan: 'ten' }));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^cpaudit: VALIDATION: .*investment_wanYuan/);
  });

  it('malformed JSON and unknown calculation are one-line errors', async () => {
    expect((await run(['calc', 'carbon'], '{oops')).err).toMatch(
      /^cpaudit: VALIDATION: input is not valid JSON/,
    );
    const u = await run(['calc', 'nope'], '{}');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown calculation "nope"; one of: energy/);
  });

  it('--help lists every calculation with an example', async () => {
    const r = await run(['calc', '--help']);
    expect(r.code).toBe(0);
    for (const c of CALCULATIONS) expect(r.out).toContain(`cpaudit calc ${c.name} <<'EOF'`);
  });
});

describe('cpaudit calc (the real command)', () => {
  it('reads a file argument and prints the CO2 of the Guangdong example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpaudit-cli-'));
    const file = join(dir, 'in.json');
    // 10 000 kWh × 0.4403 kgCO2/kWh (广东 2022, MEE/NBS) = 4.403 tCO2.
    writeFileSync(
      file,
      JSON.stringify({ savings: { electricity_kWh: 10000 }, grid: { region: '广东', dataYear: 2022 } }),
    );
    const p = spawnSync(process.execPath, [BIN, 'calc', 'carbon', file, '--compact'], { encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).result.total_tCO2).toBeCloseTo(4.403, 9);
  });

  it('exits 2 with one line on bad standard input', () => {
    const p = spawnSync(process.execPath, [BIN, 'calc', 'uscc'], { input: '{"code": 42}', encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(/^cpaudit: VALIDATION: .*code/);
  });
});
