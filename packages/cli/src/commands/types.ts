import type { CliIO } from '../main.ts';

export interface Command {
  name: string;
  summary: string;
  /** Returns the process exit code. Throws CpError for bad input (exit 2, one line on stderr). */
  run(args: string[], io: CliIO): Promise<number>;
}
