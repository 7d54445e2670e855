import { EXIT, usageError, type ExitCode } from '../../errors.js';
import { runOwner } from '../../migrations/lease.js';
import { undoMigrations } from '../../migrations/manage.js';
import { versionLabel } from '../../migrations/source.js';
import { VERSION } from '../../version.js';
import type { CliContext } from '../context.js';
import { withMigrateSession, type MigrateTargetOptions } from './session.js';

export interface MigrateDownOptions extends MigrateTargetOptions {
  readonly to?: string;
  readonly lockTimeout: number;
  readonly allowDestructive?: boolean;
}

export async function runMigrateDown(options: MigrateDownOptions, ctx: CliContext): Promise<ExitCode> {
  const to = options.to === undefined ? undefined : Number(options.to);
  if (to !== undefined && (!Number.isInteger(to) || to < 0)) throw usageError(`--to takes a migration version (0 = before the first), not "${options.to}"`);
  return withMigrateSession(options, ctx, async ({ catalog, target, description }) => {
    const undone = await undoMigrations(catalog, to, target, {
      lease: { ttlMs: 30_000, lockTimeoutMs: options.lockTimeout * 1000 },
      toolVersion: VERSION,
      appliedBy: runOwner(),
      allowDestructive: options.allowDestructive === true,
      onEvent: (text) => ctx.stderr(`${text}\n`),
    });
    ctx.stderr(undone.length === 0
      ? `Nothing to undo on ${description}.\n`
      : `Undid ${undone.length} migration(s) (${undone.map(versionLabel).join(', ')}) on ${description}. schema/ still describes the newer version: apply would run them again.\n`);
    return EXIT.ok;
  });
}
