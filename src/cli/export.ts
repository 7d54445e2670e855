import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatAppwriteConfig, modelToAppwriteConfig } from '../codegen/appwrite-config.js';
import { EXIT, usageError, type ExitCode } from '../errors.js';
import type { CliContext } from './context.js';
import { DEFAULT_PROJECT_ID as LOCAL_PROJECT } from '../local/defaults.js';
import { loadDesired } from './schema-input.js';

export interface ExportOptions {
  readonly appwriteConfig?: boolean;
  readonly schema: string;
  readonly out?: string;
  readonly project?: string;
  readonly endpoint?: string;
}



export async function runExport(options: ExportOptions, ctx: CliContext): Promise<ExitCode> {
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
  if (options.out !== undefined) ctx.stderr(`Wrote ${options.out} (${config.tables.length} ${config.tables.length === 1 ? 'table' : 'tables'}).\n`);
  return EXIT.ok;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
