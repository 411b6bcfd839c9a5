import { backupCommand } from './backup.ts';
import { calcCommand } from './calc.ts';
import { demoCommand } from './demo.ts';
import { migrateCommand } from './migrate.ts';
import { restoreCommand } from './restore.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import type { Command } from './types.ts';
import { userCommand } from './user.ts';

export const COMMANDS: readonly Command[] = [
  startCommand,
  serveCommand,
  calcCommand,
  demoCommand,
  migrateCommand,
  userCommand,
  backupCommand,
  restoreCommand,
];
