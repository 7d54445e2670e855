import type { Command } from 'commander';
import { numericOption, RANGES } from '../numeric-options.js';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import type { PushOptions } from '../push.js';

/** `crm-schema push [plan.json]`: converges the live database straight to schema/, recording no migration. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('push')
      .description('Change the live database straight to match schema/ (or exactly the saved plan given), without migrations. For prototyping on local or scratch databases.')
      .argument('[plan-file]', 'a plan saved by `crm-schema plan --out`'),
  )
    .option('--allow-destructive', 'allow drops and column replacements that lose data (approves nothing else)')
    .addOption(numericOption('--concurrency <n>', 'HTTP requests in flight at once', RANGES.concurrency, 8))
    .option('--json', 'print the result as JSON (the same versioned shape as apply --json)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema push --local\n  $ crm-schema plan --out plan.json && crm-schema push plan.json\n\n' +
        'push records no migration history: use `crm-schema apply` (versioned migrations) for shared and production databases.\n' +
        'Exit codes: 0 applied or nothing to do, 1 error, 3 blocked by a safety gate (nothing was changed).\n',
    )
    .action(async (planFile: string | undefined, options: PushOptions) =>
      setExitCode(await (await import('../push.js')).runPush(planFile, options, ctx)),
    );
}
