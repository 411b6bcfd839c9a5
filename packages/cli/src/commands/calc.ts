/**
 * `cpaudit calc <name> [input.json|-]`: run one calculation of the core on JSON input and print the result with its
 * breakdown. The list of calculations and their example inputs is the core's CALCULATIONS registry, the same one
 * the API serves, so the CLI and the server can never disagree on what a calculation accepts.
 */
import { parseArgs } from 'node:util';
import { CALCULATIONS, type Calculation, CpError } from '@cpaudit/core';
import { readJsonInput } from '../io.ts';
import type { Command } from './types.ts';

function calcHelp(): string {
  const lines = [
    'Usage: cpaudit calc <name> [input.json | -] [--compact]',
    '       cpaudit calc <name> --example     print an example input',
    '',
    'JSON in (a file argument or standard input), JSON out: { "result": …, "breakdown": … }.',
    'Bad input: a one-line message on standard error and exit code 2.',
    '',
    'Calculations:',
  ];
  for (const c of CALCULATIONS) {
    lines.push('', `  ${c.name}: ${c.summary}`, `    example: cpaudit calc ${c.name} <<'EOF'`);
    lines.push(`    ${JSON.stringify(c.example)}`, '    EOF');
  }
  return `${lines.join('\n')}\n`;
}

function find(name: string): Calculation {
  const c = CALCULATIONS.find((x) => x.name === name);
  if (!c) {
    throw new CpError(
      'VALIDATION',
      `unknown calculation "${name}"; one of: ${CALCULATIONS.map((x) => x.name).join(', ')}`,
    );
  }
  return c;
}

export const calcCommand: Command = {
  name: 'calc',
  summary: 'run a calculation of the audit (energy, carbon, economics, …) on JSON input',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        example: { type: 'boolean' },
        compact: { type: 'boolean' },
      },
    });
    const [name, file] = positionals;
    if (values.help || !name) {
      io.stdout(calcHelp());
      return values.help ? 0 : 2;
    }
    const calc = find(name);
    if (values.example) {
      io.stdout(`${JSON.stringify(calc.example, null, 2)}\n`);
      return 0;
    }
    const input = await readJsonInput(file, io.stdin);
    const out = calc.run(input);
    io.stdout(
      `${JSON.stringify({ result: out.value, breakdown: out.breakdown }, null, values.compact ? 0 : 2)}\n`,
    );
    return 0;
  },
};
