import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { generateTypes, TypeNameError } from '../codegen/index.js';
import { CrmSchemaError, EXIT, usageError, type ExitCode } from '../errors.js';
import { loadSchema, readSchemaDir } from '../loader/index.js';
import type { Database } from '../model/types.js';
import type { SetExitCode } from './commands.js';
import type { CliContext } from './context.js';
import { formatProblem } from './validate.js';

interface TypesOptions {
  readonly out?: string;
  readonly schema: string;
  readonly check?: boolean;
}

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
    .action(async (options: TypesOptions) => setExitCode(await runTypes(options, ctx)));
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
