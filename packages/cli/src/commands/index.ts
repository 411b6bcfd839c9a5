import { backupCommand } from './backup.ts';
import { calcCommand } from './calc.ts';
import { demoCommand } from './demo.ts';
import { formCommand } from './form.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { reportCommand } from './report.ts';
import { restoreCommand } from './restore.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { synthCommand } from './synth.ts';
import type { Command } from './types.ts';
import { userCommand } from './user.ts';
import { workbookCommand } from './workbook.ts';

export const COMMANDS: readonly Command[] = [
  startCommand,
  serveCommand,
  calcCommand,
  demoCommand,
  migrateCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  formCommand,
  reportCommand,
  workbookCommand,
  importCommand,
  synthCommand,
];
