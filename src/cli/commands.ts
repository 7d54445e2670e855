import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';
import type { CliContext } from './context.js';
import { register as registerTypes } from './types.js';
import { register as registerValidate } from './validate.js';
import { register as registerLocal } from './local.js';
import { register as registerDiff } from './diff.js';
import { register as registerApply } from './apply.js';
import { register as registerPlan } from './plan.js';
import { register as registerPull } from './pull.js';
import { register as registerExport } from './export.js';

export type SetExitCode = (code: ExitCode) => void;

/**
 * One place that lists every command; each command lives in its own file and registers itself here.
 */
export function registerCommands(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  for (const register of COMMANDS) register(program, ctx, setExitCode);
}

type Register = (program: Command, ctx: CliContext, setExitCode: SetExitCode) => void;

const COMMANDS: readonly Register[] = [
  registerValidate,
  registerPlan,
  registerApply,
  registerDiff,
  registerPull,
  registerExport,
  registerTypes,
  registerLocal,
];
