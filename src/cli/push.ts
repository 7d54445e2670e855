import { executePlan } from '../appwrite/execute.js';
import { withPrecheckResults } from '../appwrite/prechecks.js';
import type { Gateway } from '../appwrite/gateway.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { fingerprintModel, type Plan } from '../plan/index.js';
import { blockedOperations } from '../plan/gates.js';
import { renderText } from '../render/index.js';
import { operationsOf, ResultReporter, type ApplyResult, type ApplyResultFields } from './apply-result.js';
import { changeWatch, connect } from './connect.js';
import type { CliContext } from './context.js';
import { readPlanFile } from './plan-file.js';
import { planAgainstLive, settledIntrospection } from './planning.js';
import { progressReporter, reportSummary } from './progress.js';
import { loadDesired } from './schema-input.js';
import type { TargetCommandOptions } from './target-options.js';

export interface PushOptions extends TargetCommandOptions {
  readonly allowDestructive?: boolean;
  readonly concurrency: number;
  readonly json?: boolean;
}

/**
 * `push`: converges the live database straight to schema/ (or to a saved plan), recording no history.
 * For prototyping against local or scratch databases; `apply` runs the versioned migrations.
 */
export async function runPush(planFile: string | undefined, options: PushOptions, ctx: CliContext): Promise<ExitCode> {
  const result = new ResultReporter('push', options.json === true, ctx.stdout);
  try {
    // Either schema/ (loaded once) or a saved plan, which names its database itself.
    const source = planFile === undefined
      ? { kind: 'schema' as const, desired: await loadDesired(options.schema, ctx) }
      : { kind: 'saved' as const, saved: await readPlanFile(planFile), file: planFile };
    const connection = await connect(options, ctx, {
      databaseId: source.kind === 'schema' ? source.desired.id : source.saved.database,
      watch: changeWatch(options.timeout),
      maxInFlight: options.concurrency,
    });
    result.connected(connection);
    try {
      return await pushPlan(connection.gateway, source, options, ctx, (fields) => result.report(fields), connection.description);
    } finally {
      await connection.close();
    }
  } catch (error) {
    return result.failed(error);
  }
}

type Source = { kind: 'schema'; desired: Awaited<ReturnType<typeof loadDesired>> } | { kind: 'saved'; saved: Plan; file: string };

async function pushPlan(gateway: Gateway, source: Source, options: PushOptions, ctx: CliContext, report: (fields: ApplyResultFields) => void, description: string): Promise<ExitCode> {
  const timeoutMs = options.timeout * 1000;
  const { plan, toolTables } = source.kind === 'schema'
    ? await planAgainstLive(gateway, source.desired, timeoutMs).then(({ plan, live }) => ({ plan, toolTables: live.toolTables }))
    : await revalidateSavedPlan(gateway, source.saved, source.file, timeoutMs);
  if (toolTables.length > 0) {
    ctx.stderr('warning: this database has migration history (crm-schema apply manages it); push changes it without recording a migration, so its history no longer describes it\n');
  }
  if (plan.operations.length === 0) {
    ctx.stderr(`No changes: ${description} already matches.\n`);
    report({ outcome: 'no_changes' });
    return EXIT.ok;
  }
  ctx.stderr(renderText(plan, { color: ctx.color }));
  const blocked = blockedOperations(plan, { destructive: options.allowDestructive === true });
  if (blocked.length > 0) {
    const message = `Blocked, nothing was changed:\n${blocked.map((b) => `  - ${b.operation.summary}: ${b.reason}\n`).join('')}`;
    ctx.stderr(`\n${message}`);
    report({ outcome: 'blocked', error: { code: 'blocked', message } });
    return EXIT.blocked;
  }
  ctx.stderr(`\nApplying ${plan.operations.length} change(s) to ${description}\n`);
  const execution = await executePlan(gateway, plan, { onEvent: progressReporter(ctx) });
  ctx.stderr(reportSummary(execution));
  const failed = execution.failed.length > 0;
  const message = `${execution.failed.length} step(s) failed; fix the cause and re-run, which continues where this run stopped`;
  report({ outcome: failed ? 'failed' : 'applied', operations: operationsOf(execution), ...(failed ? { error: { code: 'appwrite', message } } : {}) });
  if (failed) {
    if (options.json) return EXIT.error;
    throw new CrmSchemaError('appwrite', message, { details: { failed: execution.failed } });
  }
  return EXIT.ok;
}

/** A saved plan runs only against the database it was computed from, with its pre-checks re-run now. */
async function revalidateSavedPlan(gateway: Gateway, saved: Plan, file: string, timeoutMs: number): Promise<{ plan: Plan; toolTables: readonly string[] }> {
  const live = await settledIntrospection(gateway, timeoutMs);
  const now = fingerprintModel(live.model);
  if (now !== saved.fingerprint.actual) {
    throw new CrmSchemaError(
      'plan_stale',
      `the live database changed since ${file} was planned (fingerprint ${now.slice(0, 19)}… != ${saved.fingerprint.actual.slice(0, 19)}…); ` +
        'run `crm-schema plan --out` again and review the new plan',
    );
  }
  return { plan: await withPrecheckResults(gateway, saved), toolTables: live.toolTables };
}

export type { ApplyResult };
