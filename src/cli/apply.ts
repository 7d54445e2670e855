import { executePlan } from '../appwrite/execute.js';
import { withPrecheckResults } from '../appwrite/prechecks.js';
import type { Gateway } from '../appwrite/gateway.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { fingerprintModel, type Plan } from '../plan/index.js';
import { blockedOperations } from '../plan/gates.js';
import { renderText } from '../render/index.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { readPlanFile } from './plan-file.js';
import { planAgainstLive, settledIntrospection } from './planning.js';
import { progressReporter, reportSummary } from './progress.js';
import { loadDesired } from './schema-input.js';
import type { TargetCommandOptions } from './target-options.js';

export interface ApplyOptions extends TargetCommandOptions {
  readonly allowDestructive?: boolean;
  readonly concurrency: number;
  readonly json?: boolean;
}


export async function runApply(planFile: string | undefined, options: ApplyOptions, ctx: CliContext): Promise<ExitCode> {
  // Either schema/ (loaded once) or a saved plan, which names its database itself.
  const source = planFile === undefined
    ? { kind: 'schema' as const, desired: await loadDesired(options.schema, ctx) }
    : { kind: 'saved' as const, saved: await readPlanFile(planFile), file: planFile };
  const connection = await connect(options, ctx, {
    databaseId: source.kind === 'schema' ? source.desired.id : source.saved.database,
    watch: { timeoutMs: options.timeout * 1000, firstPollMs: 25, maxPollMs: 2_000 },
    onRetry: (text) => ctx.stderr(`  ${text}\n`),
    maxInFlight: options.concurrency,
  });
  try {
    const plan = source.kind === 'schema'
      ? (await planAgainstLive(connection.gateway, source.desired, options.timeout * 1000)).plan
      : await revalidateSavedPlan(connection.gateway, source.saved, source.file, options.timeout * 1000);
    if (plan.operations.length === 0) {
      ctx.stderr(`No changes: ${connection.description} already matches.\n`);
      if (options.json) ctx.stdout(`${JSON.stringify({ applied: 0, failed: 0, requests: connection.gateway.requestCount })}\n`);
      return EXIT.ok;
    }
    ctx.stderr(renderText(plan, { color: ctx.color }));
    const blocked = blockedOperations(plan, { destructive: options.allowDestructive === true });
    if (blocked.length > 0) {
      ctx.stderr(`\nBlocked, nothing was changed:\n${blocked.map((b) => `  - ${b.operation.summary}: ${b.reason}\n`).join('')}`);
      return EXIT.blocked;
    }
    ctx.stderr(`\nApplying ${plan.operations.length} change(s) to ${connection.description}\n`);
    const report = await executePlan(connection.gateway, plan, {
      onEvent: progressReporter(ctx),
    });
    ctx.stderr(reportSummary(report));
    if (options.json) ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
    if (report.failed.length > 0) {
      throw new CrmSchemaError('appwrite', `${report.failed.length} step(s) failed; fix the cause and re-run apply, which continues where this run stopped`, {
        details: { failed: report.failed },
      });
    }
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

/** A saved plan runs only against the database it was computed from, with its pre-checks re-run now. */
async function revalidateSavedPlan(gateway: Gateway, saved: Plan, file: string, timeoutMs: number): Promise<Plan> {
  const live = await settledIntrospection(gateway, timeoutMs);
  const now = fingerprintModel(live.model);
  if (now !== saved.fingerprint.actual) {
    throw new CrmSchemaError(
      'plan_stale',
      `the live database changed since ${file} was planned (fingerprint ${now.slice(0, 19)}… != ${saved.fingerprint.actual.slice(0, 19)}…); ` +
        'run `crm-schema plan --out` again and review the new plan',
    );
  }
  return withPrecheckResults(gateway, saved);
}
