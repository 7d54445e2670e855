import type { Command } from 'commander';
import { numericOption, RANGES } from '../numeric-options.js';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';

/** `crm-schema migrate <subcommand>`: write, check and manage versioned migrations. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  const migrate = program
    .command('migrate')
    .description('Write, check and manage the versioned migrations in migrations/ (apply runs them).');
  const offline = (command: Command): Command =>
    command.option('--migrations <dir>', 'migrations directory', 'migrations').option('--schema <dir>', 'schema directory', 'schema');
  const online = (command: Command): Command =>
    addTargetOptions(command).option('--migrations <dir>', 'migrations directory', 'migrations');

  offline(migrate.command('new').argument('<name>', 'lower-case words joined by _, e.g. add_customer_phone'))
    .description('Write the next migration: the difference between schema/ and what the existing migrations produce (no server needed).')
    .option('--data', 'write a data-migration template (NNNN_name.ts with up(ctx)) instead')
    .addHelpText('after', '\nExamples:\n  $ crm-schema migrate new add_customer_phone\n  $ crm-schema migrate new backfill_regions --data\n')
    .action(async (name: string, options) => setExitCode(await (await import('../migrate/new.js')).runMigrateNew(name, options, ctx)));

  offline(migrate.command('hash'))
    .description('Rewrite migrations/migrations.sum after a deliberate edit of a migration that has not run anywhere.')
    .addHelpText('after', '\nExample:\n  $ crm-schema migrate hash\n')
    .action(async (options) => setExitCode(await (await import('../migrate/hash.js')).runMigrateHash(options, ctx)));

  offline(migrate.command('lint'))
    .description('Check migration files offline: shape, sum file, replay, and the risk gates (unacknowledged destructive or data-dependent steps).')
    .option('--base <git-ref>', 'lint only the migrations added since this git ref, and refuse edits of older ones')
    .option('--json', 'print the problems as JSON')
    .addHelpText('after', '\nExamples:\n  $ crm-schema migrate lint\n  $ crm-schema migrate lint --base origin/main\n\nExit codes: 0 clean, 1 problems found.\n')
    .action(async (options) => setExitCode(await (await import('../migrate/lint.js')).runMigrateLint(options, ctx)));

  online(migrate.command('status'))
    .description('List every migration as applied, pending, failed, rolled back, modified or missing on the target.')
    .option('--json', 'print the status as JSON')
    .addHelpText('after', '\nExamples:\n  $ crm-schema migrate status --local\n  $ crm-schema migrate status --json\n\nExit codes: 0 up to date, 2 migrations pending (or failed), 1 modified or missing migrations, or an error.\n')
    .action(async (options) => setExitCode(await (await import('../migrate/status.js')).runMigrateStatus(options, ctx)));

  online(migrate.command('baseline').argument('<version>', 'the last migration the database already reflects'))
    .description('Adopt a database that already has the schema (built by push or by hand): record migrations up to <version> as applied without running them.')
    .addOption(numericOption('--lock-timeout <seconds>', 'wait this long for the lock', RANGES.lockTimeoutSeconds, 60))
    .addHelpText('after', '\nExample:\n  $ crm-schema migrate baseline 1\n')
    .action(async (version: string, options) => setExitCode(await (await import('../migrate/baseline.js')).runMigrateBaseline(version, options, ctx)));

  online(migrate.command('down'))
    .description('Undo applied migrations, newest first, down to --to (default: the newest one only). Refuses a migration that cannot be undone without losing data unless its file defines down.')
    .option('--to <version>', 'the version to go back to (0 = before the first migration)')
    .option('--allow-destructive', 'allow undoing creates, which deletes the tables or columns and their data')
    .addOption(numericOption('--lock-timeout <seconds>', 'wait this long for the lock', RANGES.lockTimeoutSeconds, 60))
    .addHelpText('after', '\nExamples:\n  $ crm-schema migrate down --local\n  $ crm-schema migrate down --to 3\n')
    .action(async (options) => setExitCode(await (await import('../migrate/down.js')).runMigrateDown(options, ctx)));

  online(migrate.command('unlock'))
    .description('Break the migration lock held by a run that is gone for good (a lease also expires by itself).')
    .requiredOption('--owner <id>', 'the owner the lock message named, e.g. ci@runner-7:4242:a1b2c3')
    .addHelpText('after', '\nExample:\n  $ crm-schema migrate unlock --owner ci@runner-7:4242:a1b2c3\n')
    .action(async (options) => setExitCode(await (await import('../migrate/unlock.js')).runMigrateUnlock(options, ctx)));
}
