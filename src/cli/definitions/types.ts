import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import type { TypesOptions } from '../types.js';

/** `crm-schema types`: the schema's TypeScript types, printed or written to a file. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('types')
    .description('Generate TypeScript types (rows, create inputs, enums, JSON shapes) from the schema.')
    .option('--out <file>', 'write the types to this file instead of stdout')
    .option('--schema <dir>', 'schema directory', 'schema')
    .option('--check', 'with --out: change nothing, exit 1 if the file is not what the schema generates')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ crm-schema types --out src/generated/schema-types.ts\n' +
        '  $ crm-schema types --out src/generated/schema-types.ts --check   # in CI\n',
    )
    .action(async (options: TypesOptions) => setExitCode(await (await import('../types.js')).runTypes(options, ctx)));
}
