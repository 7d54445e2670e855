import { Option, type Command } from 'commander';
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
    .addOption(new Option('--customers <n>', 'customers to create').default(1000).argParser(Number))
    .addOption(new Option('--invoices <m>', 'average invoices per customer (each gets 0..2m)').default(3).argParser(Number))
    .option('--seed <s>', 'seed (1-12 letters or digits): same seed, same data; another seed, another set', '1')
    .addOption(new Option('--accounts <n>', 'customer owners that get an Appwrite user account (the rest only an id)').default(100).argParser(Number))
    .addOption(new Option('--concurrency <n>', 'bulk batches in flight at once').default(4).argParser(Number))
    .option('--json', 'print the counts as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema apply --local && crm-schema seed --local --customers 5000\n' +
        '  $ crm-schema seed --local --customers 100000 --invoices 3 --seed 7\n',
    )
    .action(async (options: SeedCommandOptions) => setExitCode(await (await import('../seed.js')).runSeed(options, ctx)));
}
