import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import { numericOption, RANGES } from '../numeric-options.js';
import type { ApplyOptions } from '../apply.js';

/** `crm-schema apply`: runs the pending versioned migrations under the lock, then checks for drift. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('apply')
      .description('Run the pending migrations in migrations/ under a lock, record them, then check that the live database equals schema/.'),
  )
    .option('--migrations <dir>', 'migrations directory', 'migrations')
    .option('--allow-destructive', 'allow migration steps that lose data (acknowledged in their file); approves nothing else')
    .option('--no-rollback', 'leave a failed migration\'s completed steps in place; a re-run continues where it stopped')
    .addOption(numericOption('--lock-timeout <seconds>', 'wait this long for another run\'s lock, then exit 4', RANGES.lockTimeoutSeconds, 60))
    .addOption(numericOption('--lease-ttl <seconds>', 'how long the lock outlives a run that stops renewing it (killed)', RANGES.leaseTtlSeconds, 30))
    .addOption(numericOption('--concurrency <n>', 'HTTP requests in flight at once', RANGES.concurrency, 8))
    .option('--json', 'print the result as JSON (versioned; the same shape for every outcome)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema apply --local\n  $ crm-schema apply --lock-timeout 300 --json\n\n' +
        'Exit codes: 0 applied or nothing pending, 1 error or drift (the live database differs from schema/ afterwards),\n' +
        '3 blocked (an unacknowledged or unapproved step, or a failed data pre-check), 4 lock held by another run.\n',
    )
    .action(async (options: ApplyOptions) => setExitCode(await (await import('../apply.js')).runApply(options, ctx)));
}
