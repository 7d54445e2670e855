import kleur from 'kleur';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { assertCaptured } from '../migrations/catalog.js';
import { runOwner } from '../migrations/lease.js';
import { applyMigrations, type RunReport } from '../migrations/runner.js';
import { renderText } from '../render/index.js';
import { VERSION } from '../version.js';
import { driftOf, ResultReporter, type ApplyResultFields } from './apply-result.js';
import type { CliContext } from './context.js';
import { withMigrateSession, type MigrateTargetOptions } from './migrate/session.js';

export interface ApplyOptions extends MigrateTargetOptions {
  readonly allowDestructive?: boolean;
  readonly rollback: boolean;
  readonly lockTimeout: number;
  readonly leaseTtl: number;
  readonly concurrency: number;
  readonly json?: boolean;
}

/**
 * `apply`: everything that can be checked offline first (schema/, migrations/, the sum file, that
 * every change in schema/ is captured by a migration), then the runner against the target.
 */
export async function runApply(options: ApplyOptions, ctx: CliContext): Promise<ExitCode> {
  const result = new ResultReporter('apply', options.json === true, ctx.stdout);
  try {
    return await withMigrateSession(options, ctx, async ({ catalog, desired, target, connection, description }) => {
      result.connected(connection);
      const run = await applyMigrations(catalog, desired, target, {
        rollback: options.rollback,
        allowDestructive: options.allowDestructive === true,
        lease: { ttlMs: options.leaseTtl * 1000, lockTimeoutMs: options.lockTimeout * 1000 },
        toolVersion: VERSION,
        appliedBy: runOwner(),
        onEvent: (event) => ctx.stderr(`${event.type === 'migration_start' ? '' : '  '}${event.text}\n`),
      });
      return finish(run, ctx, description, (fields) => result.report(fields), options.json === true);
    }, { offline: ({ catalog }, desired) => assertCaptured(catalog, desired), maxInFlight: options.concurrency });
  } catch (error) {
    return result.failed(error);
  }
}

function finish(run: RunReport, ctx: CliContext, description: string, report: (fields: ApplyResultFields) => void, json: boolean): ExitCode {
  const migrations = { attempted: run.outcomes, alreadyApplied: run.alreadyApplied };
  const stopped = run.outcomes.find((o) => o.status !== 'applied');
  if (stopped !== undefined) {
    const message = `migration ${stopped.file} ${stopped.status.replace('_', ' ')}: ${stopped.error ?? ''}`;
    report({ outcome: stopped.status === 'blocked' ? 'blocked' : 'failed', migrations, error: { code: stopped.status, message } });
    if (stopped.status === 'blocked') {
      ctx.stderr(`crm-schema: ${message}\n`);
      return EXIT.blocked;
    }
    if (json) return EXIT.error;
    throw new CrmSchemaError('appwrite', message, { details: { migrations } });
  }
  if (run.drift !== undefined) {
    ctx.stderr(`\nThe live database differs from schema/ although every migration ran (drift: changed by hand or by push?):\n`);
    ctx.stderr(renderText(run.drift, { color: ctx.color }));
    report({ outcome: 'drift', migrations, drift: driftOf(run.drift), error: { code: 'drift', message: 'the live database differs from schema/' } });
    return EXIT.error;
  }
  const applied = run.outcomes.length;
  const ok = (text: string): string => (ctx.color ? kleur.green(text) : text);
  ctx.stderr(applied === 0
    ? `No pending migrations: ${description} is at version ${run.alreadyApplied} and matches schema/.\n`
    : `${ok('Applied')} ${applied} migration(s) to ${description}; it matches schema/.\n`);
  report({ outcome: applied === 0 ? 'no_changes' : 'applied', migrations });
  return EXIT.ok;
}
