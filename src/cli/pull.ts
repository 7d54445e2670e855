import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';
import { parse } from 'yaml';
import { modelToYamlFiles } from '../codegen/yaml-schema.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { connect } from './connect.js';
import type { Database } from '../model/index.js';
import type { CliContext } from './context.js';
import { settledIntrospection } from './planning.js';
import type { TargetCommandOptions } from './target-options.js';

export interface PullOptions extends TargetCommandOptions {
  readonly out: string;
  readonly database?: string;
  readonly overwrite?: boolean;
  /** Write the live model as a snapshot JSON file (for `diff --from`) instead of YAML files. */
  readonly snapshot?: string;
}

/** The JSON Schema shipped with the package (package.json `files`), copied next to the pulled files. */
const SHIPPED_SCHEMA = path.join(PACKAGE_ROOT, 'src/loader/schema.json');
/**
 * The editor line of each pulled file points at a copy of the JSON Schema in the same directory: a
 * path into the tool's install directory would only resolve on the machine that ran pull.
 */
const SCHEMA_COPY = 'schema.json';


export async function runPull(options: PullOptions, ctx: CliContext): Promise<ExitCode> {
  const databaseId = options.database ?? (await databaseIdFromSchema(path.resolve(ctx.cwd, options.schema), options.schema));
  const outDir = path.resolve(ctx.cwd, options.out);
  const connection = await connect(options, ctx, { databaseId });
  let files;
  try {
    const live = await settledIntrospection(connection.gateway, options.timeout * 1000);
    if (live.model === undefined) {
      throw new CrmSchemaError('not_found', `database "${databaseId}" does not exist on ${connection.description}`);
    }
    if (options.snapshot !== undefined) return await writeSnapshot(live.model, options.snapshot, ctx);
    files = [
      ...modelToYamlFiles(live.model, { schemaRef: `./${SCHEMA_COPY}`, header: `Pulled by crm-schema from database "${databaseId}".` }),
      { name: SCHEMA_COPY, text: await readFile(SHIPPED_SCHEMA, 'utf8') },
    ];
  } finally {
    await connection.close();
  }
  await mkdir(outDir, { recursive: true });
  const existing = new Set(await readdir(outDir));
  const clashes = files.filter((file) => existing.has(file.name)).map((file) => file.name);
  if (clashes.length > 0 && options.overwrite !== true) {
    throw new CrmSchemaError('usage', `${options.out} already has ${clashes.join(', ')}; pass --overwrite to replace them`);
  }
  for (const file of files) await writeFile(path.join(outDir, file.name), file.text, 'utf8');
  ctx.stderr(`Wrote ${files.length} ${files.length === 1 ? 'file' : 'files'} to ${options.out}: ${files.map((file) => file.name).join(', ')}\n`);
  return EXIT.ok;
}

/** The Model as JSON: what `diff --from <file>.json` reads as its "before" side, offline. */
async function writeSnapshot(model: Database, file: string, ctx: CliContext): Promise<ExitCode> {
  if (!file.endsWith('.json')) throw new CrmSchemaError('usage', `--snapshot ${file}: a model snapshot must end in .json`);
  const full = path.resolve(ctx.cwd, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, `${JSON.stringify(model, null, 2)}\n`, 'utf8');
  ctx.stderr(`Wrote the live model of database "${model.id}" to ${file}; compare with \`crm-schema diff --from ${file} --to <dir>\`.\n`);
  return EXIT.ok;
}

/** Only the id is needed, so a schema directory with other problems still names its database. */
async function databaseIdFromSchema(dir: string, shown: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'database.yaml'), 'utf8');
  } catch {
    throw new CrmSchemaError('usage', `no --database given and no ${shown}/database.yaml to take the database id from`);
  }
  const id = (parse(text) as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') {
    throw new CrmSchemaError('usage', `${shown}/database.yaml has no id; pass --database <id>`);
  }
  return id;
}
