import { EXIT, type ExitCode } from '../errors.js';
import { renderJson, renderMarkdown, renderText } from '../render/index.js';
import type { Plan } from '../plan/index.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { planAgainstLive } from './planning.js';
import { migrationsView, renderMigrationsView } from './plan-migrations.js';
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
  readonly migrations: string;
}


export async function runPlan(options: PlanOptions, ctx: CliContext): Promise<ExitCode> {
  const desired = await loadDesired(options.schema, ctx);
  const connection = await connect(options, ctx, { databaseId: desired.id });
  try {
    const { plan, live } = await planAgainstLive(connection.gateway, desired, options.timeout * 1000);
    const view = await migrationsView(options.migrations, desired, connection.gateway, ctx);
    if (options.stats) {
      // Every HTTP attempt the gateway made (retries included), introspection and pre-checks together.
      const tables = live.model?.tables.length ?? 0;
      ctx.stderr(`stats: requests=${connection.gateway.requestCount} tables=${tables} operations=${plan.operations.length}\n`);
    }
    const format = options.json ? 'json' : options.format;
    if (view !== undefined) {
      // JSON keeps its documented shape on stdout; the migrations view goes to stderr there.
      const text = renderMigrationsView(view, format === 'markdown' ? 'markdown' : 'text');
      if (format === 'json') ctx.stderr(text);
      else ctx.stdout(text);
    }
    ctx.stdout(renderPlan(plan, format, ctx.color));
    if (options.out !== undefined) {
      await writePlanFile(options.out, plan);
      ctx.stderr(`Saved the plan to ${options.out}; run \`crm-schema push ${options.out}\` to apply exactly it.\n`);
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
