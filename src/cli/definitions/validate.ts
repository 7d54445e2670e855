import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import type { ValidateOptions } from '../validate.js';

/** `crm-schema validate [dir]`: checks the schema files offline; no Appwrite needed. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('validate')
    .description('Check the schema files (YAML syntax, shape and Appwrite rules) without contacting Appwrite.')
    .argument('[dir]', 'schema directory', 'schema')
    .option('--json', 'print {ok, problems, tables} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema validate\n  $ crm-schema validate path/to/schema --json\n\n' +
        'Exit codes: 0 valid, 1 problems found (each printed as file:line:column  rule-id  message).\n',
    )
    .action(async (dir: string, options: ValidateOptions) => setExitCode(await (await import('../validate.js')).runValidate(dir, options, ctx)));
}
