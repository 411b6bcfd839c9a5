import { calcCommand } from './calc.ts';
import type { Command } from './types.ts';

export const COMMANDS: readonly Command[] = [calcCommand];
