import { readFile } from 'node:fs/promises';
import { CpError } from '@cpaudit/core';

/** Reads JSON from a file path, or from standard input when the path is absent or `-`. */
export async function readJsonInput(
  path: string | undefined,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<unknown> {
  let text: string;
  if (path && path !== '-') {
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new CpError(
        'VALIDATION',
        `cannot read input file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
  } else {
    if ('isTTY' in stdin && stdin.isTTY) {
      throw new CpError('VALIDATION', 'no input: give a JSON file argument or pipe JSON to standard input');
    }
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CpError('VALIDATION', `input is not valid JSON: ${(e as Error).message}`);
  }
}

/** One line, no stack trace: what the user did wrong and where. */
export function errorLine(e: unknown): string {
  if (e instanceof CpError) return `cpaudit: ${e.code}: ${e.message}`;
  return `cpaudit: INTERNAL: ${e instanceof Error ? e.message : String(e)}`;
}
