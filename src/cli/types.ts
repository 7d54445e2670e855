import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateTypes, TypeNameError } from '../codegen/index.js';
import { CrmSchemaError, EXIT, usageError, type ExitCode } from '../errors.js';
import { loadSchema, readSchemaDir } from '../loader/index.js';
import type { Database } from '../model/types.js';
import type { CliContext } from './context.js';
import { formatProblem } from './validate.js';

export interface TypesOptions {
  readonly out?: string;
  readonly schema: string;
  readonly check?: boolean;
}


export async function runTypes(options: TypesOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.check && options.out === undefined) throw usageError('--check needs --out <file> to compare with');
  const db = await loadModel(path.resolve(ctx.cwd, options.schema), ctx);
  if (db === undefined) return EXIT.error;
  const source = generate(db);
  if (options.out === undefined) {
    ctx.stdout(source);
    return EXIT.ok;
  }
  const out = path.resolve(ctx.cwd, options.out);
  const shown = path.relative(ctx.cwd, out) || out;
  if (options.check) return checkFile(out, shown, source, ctx);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, source);
  ctx.stderr(`wrote ${shown} (${db.tables.length} ${db.tables.length === 1 ? 'table' : 'tables'})\n`);
  return EXIT.ok;
}

/** The Model, or undefined after printing every problem (a schema with problems gets no types). */
async function loadModel(dir: string, ctx: CliContext): Promise<Database | undefined> {
  const { model, problems } = loadSchema(await readSchemaDir(dir, ctx.cwd));
  if (problems.length === 0 && model !== undefined) return model;
  for (const problem of problems) ctx.stderr(formatProblem(problem));
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  ctx.stderr(`crm-schema: the schema has ${count}; no types generated\n`);
  return undefined;
}

function generate(db: Database): string {
  try {
    return generateTypes(db);
  } catch (error) {
    if (error instanceof TypeNameError) {
      throw new CrmSchemaError('schema_invalid', error.message, { details: { problems: [...error.problems] } });
    }
    throw error;
  }
}

async function checkFile(out: string, shown: string, source: string, ctx: CliContext): Promise<ExitCode> {
  const current = await readFile(out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CrmSchemaError('io', `cannot read ${shown}: ${error.message}`, { cause: error });
  });
  if (current === source) {
    ctx.stderr(`${shown} is up to date\n`);
    return EXIT.ok;
  }
  const why = current === undefined ? 'does not exist' : 'is stale';
  ctx.stderr(`crm-schema: ${shown} ${why}; run \`crm-schema types --out ${shown}\` and commit it\n`);
  return EXIT.error;
}
