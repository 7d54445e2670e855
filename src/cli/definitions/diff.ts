import { Option, type Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import type { DiffOptions } from '../diff.js';

/** `crm-schema diff --from <dir | git-ref | snapshot.json> --to <dir>`: the plan between two schemas, offline. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('diff')
    .description('Show the plan that would turn one schema into another, without contacting Appwrite.')
    .requiredOption('--from <source>', 'the "before" side: a schema directory, a git ref (read at the --to path) or a model snapshot .json (`crm-schema pull --snapshot`)')
    .requiredOption('--to <dir>', 'the "after" side: a schema directory')
    .option('--json', 'print the plan as versioned JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--detailed-exitcode', 'exit 2 when there are changes (0 none, 1 error)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema diff --from origin/main --to schema --format markdown\n' +
        '  $ crm-schema diff --from old-schema --to schema --detailed-exitcode\n' +
        '  $ crm-schema pull --snapshot live.json && crm-schema diff --from live.json --to schema --json\n\n' +
        'Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error, 2 changes with --detailed-exitcode.\n',
    )
    .action(async (options: DiffOptions) => setExitCode(await (await import('../diff.js')).runDiff(options, ctx)));
}
