import type { Command } from 'commander';
import { numericOption, RANGES } from '../numeric-options.js';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import type { SeedCommandOptions } from '../seed.js';

/** `crm-schema seed`: deterministic demo data (users, customers, invoices, interactions). */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('seed')
      .description('Write deterministic, realistic demo data; re-running with the same seed adds nothing.'),
  )
    .addOption(numericOption('--customers <n>', 'customers to create', RANGES.seedCount, 1000))
    .addOption(numericOption('--invoices <m>', 'average invoices per customer (each gets 0..2m)', RANGES.invoicesPerCustomer, 3))
    .option('--seed <s>', 'seed (1-12 letters or digits): same seed, same data; another seed, another set', '1')
    .addOption(numericOption('--accounts <n>', 'customer owners that get an Appwrite user account (the rest only an id)', RANGES.seedCount, 100))
    .addOption(numericOption('--concurrency <n>', 'bulk batches in flight at once', RANGES.concurrency, 4))
    .option('--json', 'print the counts as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema apply --local && crm-schema seed --local --customers 5000\n' +
        '  $ crm-schema seed --local --customers 100000 --invoices 3 --seed 7\n',
    )
    .action(async (options: SeedCommandOptions) => setExitCode(await (await import('../seed.js')).runSeed(options, ctx)));
}
