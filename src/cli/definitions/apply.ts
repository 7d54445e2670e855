import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import { numericOption, RANGES } from '../numeric-options.js';
import type { ApplyOptions } from '../apply.js';

/** `crm-schema apply [plan.json]`: converges the live database to schema/ (or to a saved plan). */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('apply')
      .description('Change the live database to match schema/ (or exactly the saved plan given).')
      .argument('[plan-file]', 'a plan saved by `crm-schema plan --out`'),
  )
    .option('--allow-destructive', 'allow drops and column replacements that lose data (approves nothing else)')
    .addOption(numericOption('--concurrency <n>', 'HTTP requests in flight at once', RANGES.concurrency, 8))
    .option('--json', 'print the execution report as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema apply --local\n  $ crm-schema plan --out plan.json && crm-schema apply plan.json\n\n' +
        'Exit codes: 0 applied or nothing to do, 1 error, 3 blocked by a safety gate (nothing was changed).\n',
    )
    .action(async (planFile: string | undefined, options: ApplyOptions) =>
      setExitCode(await (await import('../apply.js')).runApply(planFile, options, ctx)),
    );
}
