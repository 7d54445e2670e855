import { Option, type Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import type { PlanOptions } from '../plan.js';

/** `crm-schema plan`: what apply would change, with live pre-checks; changes nothing. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('plan')
      .description('Show every change apply would make to the live database (read-only).'),
  )
    .option('--migrations <dir>', 'migrations directory: pending migrations and uncaptured schema changes are listed too', 'migrations')
    .option('--json', 'print the plan as versioned JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--out <file>', 'also save the plan, for `crm-schema push <file>`')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--stats', 'print what planning cost on stderr: `stats: requests=N tables=M operations=K`')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema plan --local\n  $ crm-schema plan --format markdown > plan.md\n' +
        '  $ crm-schema plan --out plan.json --detailed-exitcode\n',
    )
    .action(async (options: PlanOptions) => setExitCode(await (await import('../plan.js')).runPlan(options, ctx)));
}
