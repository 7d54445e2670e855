import { EXIT, usageError, type ExitCode } from '../../errors.js';
import { runOwner } from '../../migrations/lease.js';
import { baselineMigrations } from '../../migrations/manage.js';
import { versionLabel } from '../../migrations/source.js';
import { VERSION } from '../../version.js';
import type { CliContext } from '../context.js';
import { withMigrateSession, type MigrateTargetOptions } from './session.js';

export async function runMigrateBaseline(version: string, options: MigrateTargetOptions & { readonly lockTimeout: number }, ctx: CliContext): Promise<ExitCode> {
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1) throw usageError(`baseline takes a migration version such as 1 or 0001, not "${version}"`);
  return withMigrateSession(options, ctx, async ({ catalog, target, description }) => {
    const count = await baselineMigrations(catalog, number, target, {
      lease: { ttlMs: 30_000, lockTimeoutMs: options.lockTimeout * 1000 },
      toolVersion: VERSION,
      appliedBy: runOwner(),
    });
    ctx.stderr(`Recorded ${count} migration(s) up to ${versionLabel(number)} as applied on ${description} (nothing was run); apply runs the rest.\n`);
    return EXIT.ok;
  });
}
