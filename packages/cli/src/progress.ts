/**
 * A terminal progress bar for long commands (report, form, workbook, import): on a terminal one line redrawn in
 * place (`[██████░░░░]  60 %  写入第 3 章`), elsewhere (a pipe, CI logs) one line per tenth so logs stay short.
 * Written to stderr so that stdout keeps only the command's result.
 */
export interface Progress {
  /** Reports `done` of `total` units of work, with what is being done now. */
  update(done: number, total: number, label?: string): void;
  /** Ends the bar (a newline on a terminal). */
  finish(label?: string): void;
}

export interface ProgressOptions {
  readonly write: (s: string) => void;
  /** True on an interactive terminal (redraw in place). */
  readonly tty: boolean;
  readonly width?: number;
}

export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)} %`;
}

export function createProgress(opts: ProgressOptions): Progress {
  const width = opts.width ?? 24;
  let lastTenth = -1;
  return {
    update(done, total, label = '') {
      const fraction = total > 0 ? done / total : 1;
      if (opts.tty) {
        opts.write(`\r\x1b[2K${bar(fraction, width)}  ${label}`);
        return;
      }
      const tenth = Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        opts.write(`${bar(fraction, width)}  ${label}\n`);
      }
    },
    finish(label = '') {
      if (opts.tty) {
        opts.write(`\r\x1b[2K${bar(1, width)}  ${label}\n`);
      } else if (lastTenth !== 10 || label) {
        opts.write(`${bar(1, width)}  ${label}\n`);
      }
    },
  };
}

/** The progress bar of a command run from the terminal: stderr, redrawn in place when stderr is a TTY. */
export function terminalProgress(): Progress {
  return createProgress({ write: (s) => process.stderr.write(s), tty: process.stderr.isTTY === true });
}
