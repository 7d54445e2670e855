import { EXIT, type ExitCode } from '../errors.js';
import { renderJson, renderMarkdown, renderText } from '../render/index.js';
import type { Plan } from '../plan/index.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { planAgainstLive } from './planning.js';
import { writePlanFile } from './plan-file.js';
import { loadDesired } from './schema-input.js';
import type { TargetCommandOptions } from './target-options.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

export interface PlanOptions extends TargetCommandOptions {
  readonly json?: boolean;
  readonly format: PlanFormat;
  readonly out?: string;
  readonly detailedExitcode?: boolean;
  readonly stats?: boolean;
}


export async function runPlan(options: PlanOptions, ctx: CliContext): Promise<ExitCode> {
  const desired = await loadDesired(options.schema, ctx);
  const connection = await connect(options, ctx, { databaseId: desired.id });
  try {
    const { plan, live } = await planAgainstLive(connection.gateway, desired, options.timeout * 1000);
    if (options.stats) {
      // Every HTTP attempt the gateway made (retries included), introspection and pre-checks together.
      const tables = live.model?.tables.length ?? 0;
      ctx.stderr(`stats: requests=${connection.gateway.requestCount} tables=${tables} operations=${plan.operations.length}\n`);
    }
    ctx.stdout(renderPlan(plan, options.json ? 'json' : options.format, ctx.color));
    if (options.out !== undefined) {
      await writePlanFile(options.out, plan);
      ctx.stderr(`Saved the plan to ${options.out}; run \`crm-schema apply ${options.out}\` to apply exactly it.\n`);
    }
    return options.detailedExitcode && plan.operations.length > 0 ? EXIT.changes : EXIT.ok;
  } finally {
    await connection.close();
  }
}

export function renderPlan(plan: Plan, format: PlanFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(plan);
    case 'markdown':
      return renderMarkdown(plan);
    case 'text':
      return renderText(plan, { color, gateHint: true });
  }
}
