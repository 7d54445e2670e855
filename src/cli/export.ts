import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatAppwriteConfig, modelToAppwriteConfig } from '../codegen/appwrite-config.js';
import { EXIT, usageError, type ExitCode } from '../errors.js';
import type { SetExitCode } from './commands.js';
import type { CliContext } from './context.js';
import { loadDesired } from './schema-input.js';

interface ExportOptions {
  readonly appwriteConfig?: boolean;
  readonly schema: string;
  readonly out?: string;
  readonly project?: string;
  readonly endpoint?: string;
}

const LOCAL_PROJECT = 'crm-local';

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
        'text/mediumtext/longtext as string(65535/16777215/2147483647); each such mapping is listed on stderr.\n',
    )
    .action(async (options: ExportOptions) => setExitCode(await runExport(options, ctx)));
}

async function runExport(options: ExportOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.appwriteConfig !== true) throw usageError('choose a format: crm-schema export --appwrite-config');
  const model = await loadDesired(options.schema, ctx);
  const endpoint = options.endpoint ?? nonEmpty(ctx.env.APPWRITE_ENDPOINT);
  const { config, notes } = modelToAppwriteConfig(model, {
    projectId: options.project ?? nonEmpty(ctx.env.APPWRITE_PROJECT_ID) ?? LOCAL_PROJECT,
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  const text = formatAppwriteConfig(config);
  if (options.out === undefined) ctx.stdout(text);
  // 0600 like appwrite-cli: the file sits next to credentials in the same directory.
  else await writeFile(path.resolve(ctx.cwd, options.out), text, { encoding: 'utf8', mode: 0o600 });
  if (notes.length > 0) ctx.stderr(`note: ${notes.length} column(s) mapped for appwrite-cli:\n${notes.map((n) => `  ${n}\n`).join('')}`);
  if (options.out !== undefined) ctx.stderr(`Wrote ${options.out} (${config.tables.length} table(s)).\n`);
  return EXIT.ok;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
