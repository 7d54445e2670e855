import { Option, type Command } from 'commander';
import { EXIT, type ExitCode } from '../errors.js';
import { renderJson, renderMarkdown, renderText } from '../render/index.js';
import type { Plan } from '../plan/index.js';
import type { SetExitCode } from './commands.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { planAgainstLive } from './planning.js';
import { writePlanFile } from './plan-file.js';
import { loadDesired } from './schema-input.js';
import { addTargetOptions, type TargetCommandOptions } from './target-options.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

interface PlanOptions extends TargetCommandOptions {
  readonly json?: boolean;
  readonly format: PlanFormat;
  readonly out?: string;
  readonly detailedExitcode?: boolean;
  readonly stats?: boolean;
}

/** `crm-schema plan`: what apply would change, with live pre-checks; changes nothing. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('plan')
      .description('Show every change apply would make to the live database (read-only).'),
  )
    .option('--json', 'print the plan as versioned JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--out <file>', 'also save the plan, for `crm-schema apply <file>`')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--stats', 'print what planning cost on stderr: `stats: requests=N tables=M operations=K`')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema plan --local\n  $ crm-schema plan --format markdown > plan.md\n' +
        '  $ crm-schema plan --out plan.json --detailed-exitcode\n',
    )
    .action(async (options: PlanOptions) => setExitCode(await runPlan(options, ctx)));
}

async function runPlan(options: PlanOptions, ctx: CliContext): Promise<ExitCode> {
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
      return renderText(plan, { color });
  }
}
