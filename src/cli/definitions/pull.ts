import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import { addTargetOptions } from '../target-options.js';
import type { PullOptions } from '../pull.js';

/** `crm-schema pull`: writes schema/ YAML from a live database, to adopt an existing one. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command('pull')
      .description('Write schema YAML (database.yaml + one file per table) from a live database.'),
  )
    .option('--out <dir>', 'directory to write the YAML files into', 'schema')
    .option('--database <id>', 'database to read (default: the id in <schema>/database.yaml)')
    .option('--overwrite', 'replace YAML files that already exist in the output directory')
    .option('--snapshot <file.json>', 'instead of YAML, write the live model as JSON, the "before" side of `crm-schema diff --from`')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema pull --database console-db --out schema\n  $ crm-schema pull --local --out /tmp/pulled --overwrite\n' +
        '  $ crm-schema pull --snapshot live.json && crm-schema diff --from live.json --to schema\n\n' +
        'Appwrite keeps no descriptions, type names or app rules: add them to the pulled files by hand.\n',
    )
    .action(async (options: PullOptions) => setExitCode(await (await import('../pull.js')).runPull(options, ctx)));
}
