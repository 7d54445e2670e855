import kleur from 'kleur';
import { appwriteMigrationTarget } from '../appwrite/migration-target.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { assertCaptured } from '../migrations/catalog.js';
import { runOwner } from '../migrations/lease.js';
import { applyMigrations, type RunReport } from '../migrations/runner.js';
import { renderText } from '../render/index.js';
import { VERSION } from '../version.js';
import { applyResult, driftOf, failureFields, type ApplyResultFields } from './apply-result.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { loadMigrations } from './migrations-input.js';
import { settledIntrospection } from './planning.js';
import { progressReporter } from './progress.js';
import { rowProgress } from './row-progress.js';
import { loadDesired } from './schema-input.js';
import type { TargetCommandOptions } from './target-options.js';

export interface ApplyOptions extends TargetCommandOptions {
  readonly migrations: string;
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
  const started = Date.now();
  let target = '';
  let requests = (): number => 0;
  const report = (fields: ApplyResultFields): void => {
    if (options.json) ctx.stdout(`${JSON.stringify(applyResult('apply', { target, requests: requests(), wallMs: Date.now() - started, ...fields }), null, 2)}\n`);
  };
  try {
    const desired = await loadDesired(options.schema, ctx);
    const { dir, catalog } = await loadMigrations(options.migrations, ctx);
    assertCaptured(catalog, desired);
    const connection = await connect(options, ctx, {
      databaseId: desired.id,
      watch: { timeoutMs: options.timeout * 1000, firstPollMs: 25, maxPollMs: 2_000 },
      onRetry: (text) => ctx.stderr(`  ${text}\n`),
      maxInFlight: options.concurrency,
    });
    target = connection.description;
    requests = () => connection.gateway.requestCount;
    try {
      const gateway = connection.gateway;
      const migrationTarget = appwriteMigrationTarget(gateway, {
        onEvent: progressReporter(ctx),
        log: (message) => ctx.stderr(`  ${message}\n`),
        progress: rowProgress(ctx),
        liveModel: async () => (await settledIntrospection(gateway, options.timeout * 1000)).model,
        migrationsDir: dir.dir,
      });
      const run = await applyMigrations(catalog, desired, migrationTarget, {
        rollback: options.rollback,
        allowDestructive: options.allowDestructive === true,
        lease: { ttlMs: options.leaseTtl * 1000, lockTimeoutMs: options.lockTimeout * 1000 },
        toolVersion: VERSION,
        appliedBy: runOwner(),
        onEvent: (event) => ctx.stderr(`${event.type === 'migration_start' ? '' : '  '}${event.text}\n`),
      });
      return finish(run, ctx, connection.description, report, options.json === true);
    } finally {
      await connection.close();
    }
  } catch (error) {
    const failure = failureFields(error);
    if (failure === undefined || !options.json) throw error;
    report(failure);
    return (error as CrmSchemaError).exitCode;
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
