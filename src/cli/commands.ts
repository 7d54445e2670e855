import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';
import type { CliContext } from './context.js';
import { register as registerTypes } from './definitions/types.js';
import { register as registerValidate } from './definitions/validate.js';
import { register as registerLocal } from './definitions/local.js';
import { register as registerDiff } from './definitions/diff.js';
import { register as registerApply } from './definitions/apply.js';
import { register as registerPush } from './definitions/push.js';
import { register as registerMigrate } from './definitions/migrate.js';
import { register as registerPlan } from './definitions/plan.js';
import { register as registerPull } from './definitions/pull.js';
import { register as registerExport } from './definitions/export.js';
import { register as registerSeed } from './definitions/seed.js';

export type SetExitCode = (code: ExitCode) => void;

/**
 * One place that lists every command. A command's definition (src/cli/definitions/) names its options
 * and help and loads nothing heavy; its implementation (src/cli/<command>.ts) is imported only when
 * it runs, so `--help` or `local` never pay for ajv, yaml or node-appwrite.
 */
export function registerCommands(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  for (const register of COMMANDS) register(program, ctx, setExitCode);
}

type Register = (program: Command, ctx: CliContext, setExitCode: SetExitCode) => void;

const COMMANDS: readonly Register[] = [
  registerValidate,
  registerPlan,
  registerApply,
  registerPush,
  registerMigrate,
  registerDiff,
  registerPull,
  registerExport,
  registerTypes,
  registerSeed,
  registerLocal,
];
