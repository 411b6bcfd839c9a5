import { calcCommand } from './calc.ts';
import { serveCommand, startCommand } from './server.ts';
import type { Command } from './types.ts';

export const COMMANDS: readonly Command[] = [startCommand, serveCommand, calcCommand];
