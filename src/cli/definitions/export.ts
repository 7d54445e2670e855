import type { Command } from 'commander';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import type { ExportOptions } from '../export.js';
import { DEFAULT_PROJECT_ID as LOCAL_PROJECT } from '../../local/defaults.js';

/** `crm-schema export --appwrite-config`: schema/ as the appwrite.config.json appwrite-cli pushes. Offline. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('export')
    .description('Write schema/ in another tool\'s format (offline).')
    .option('--appwrite-config', 'appwrite-cli 12 appwrite.config.json (tablesDB + tables)')
    .option('--schema <dir>', 'schema directory', 'schema')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--project <id>', `projectId written into the file (env APPWRITE_PROJECT_ID, else ${LOCAL_PROJECT})`)
    .option('--endpoint <url>', 'endpoint written into the file (env APPWRITE_ENDPOINT, else omitted)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ crm-schema export --appwrite-config --out appwrite.config.json\n\n' +
        'appwrite-cli cannot push varchar or text columns: varchar(n) is written as string(n) and\n' +
        'text/mediumtext/longtext as string(65535/16777215/1073741824); each such mapping is listed on stderr.\n' +
        '`crm-schema plan` treats those legacy strings as the declared types (same storage), so a database\n' +
        'pushed from this file plans without changes.\n',
    )
    .action(async (options: ExportOptions) => setExitCode(await (await import('../export.js')).runExport(options, ctx)));
}
