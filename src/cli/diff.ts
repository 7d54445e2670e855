import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { diff } from '../diff/index.js';
import { CrmSchemaError, EXIT, usageError, type ExitCode } from '../errors.js';
import { loadSchema, readSchemaDir, type SchemaFile } from '../loader/index.js';
import type { Database } from '../model/index.js';
import { parseSnapshot } from '../plan/index.js';
import { renderJson, renderMarkdown, renderText } from '../render/index.js';
import type { CliContext } from './context.js';
import { formatProblem } from './validate.js';

const run = promisify(execFile);

export interface DiffOptions {
  readonly from: string;
  readonly to: string;
  readonly json?: boolean;
  readonly format: 'text' | 'markdown' | 'json';
  readonly detailedExitcode?: boolean;
}


export async function runDiff(options: DiffOptions, ctx: CliContext): Promise<ExitCode> {
  const toDir = path.resolve(ctx.cwd, options.to);
  const desired = await schemaFromDir(toDir, options.to, ctx.cwd);
  if (desired === undefined) throw new CrmSchemaError('schema_invalid', `--to ${options.to} holds no schema files (*.yaml)`);
  const actual = await loadFrom(options.from, toDir, ctx.cwd);
  const plan = diff(actual, desired);
  const format = options.json ? 'json' : options.format;
  if (format === 'json') ctx.stdout(renderJson(plan));
  else if (format === 'markdown') ctx.stdout(renderMarkdown(plan));
  else ctx.stdout(renderText(plan, { color: ctx.color, gateHint: true }));
  return options.detailedExitcode && plan.operations.length > 0 ? EXIT.changes : EXIT.ok;
}

/** `undefined` when the source holds no schema at all, which diffs as "no database yet". */
async function loadFrom(source: string, toDir: string, cwd: string): Promise<Database | undefined> {
  const resolved = path.resolve(cwd, source);
  const kind = await stat(resolved).then(
    (found) => (found.isDirectory() ? 'dir' : 'file'),
    () => 'missing' as const,
  );
  if (kind === 'dir') return schemaFromDir(resolved, source, cwd);
  if (kind === 'file' || source.endsWith('.json')) {
    if (!source.endsWith('.json')) throw usageError(`--from ${source} is a file; a model snapshot must end in .json`);
    const text = await readFile(resolved, 'utf8').catch((error: unknown) => {
      throw new CrmSchemaError('io', `cannot read snapshot ${source}: ${(error as Error).message}`, { cause: error });
    });
    return parseSnapshot(text, source);
  }
  return schemaFromGit(source, toDir);
}

async function schemaFromDir(dir: string, label: string, cwd: string): Promise<Database | undefined> {
  return fromFiles(await readSchemaDir(dir, cwd), label);
}

function fromFiles(files: readonly SchemaFile[], label: string): Database | undefined {
  if (files.length === 0) return undefined;
  const { model, problems } = loadSchema(files);
  if (model !== undefined) return model;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new CrmSchemaError('schema_invalid', `the schema in ${label} has ${count}:\n${problems.map(formatProblem).join('').trimEnd()}`, {
    details: { source: label, problems },
  });
}

/** Reads the schema files of `<ref>:<path of --to inside the repository>` with git; no shell, no checkout. */
async function schemaFromGit(ref: string, toDir: string): Promise<Database | undefined> {
  if (ref.startsWith('-')) throw usageError(`--from ${ref} is not a directory, a .json snapshot or a git ref`);
  const git = (args: readonly string[], cwd: string): Promise<string> =>
    run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }).then((result) => result.stdout);
  let root: string;
  try {
    root = (await git(['rev-parse', '--show-toplevel'], toDir)).trim();
    await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  } catch {
    throw usageError(`--from ${ref} is not a directory, a .json snapshot or a git ref of the repository holding --to`);
  }
  const relative = path.relative(root, await realpath(toDir)).split(path.sep).join('/');
  const listing = await git(['ls-tree', '--name-only', ref, '--', relative === '' ? '.' : `${relative}/`], root);
  const names = listing
    .split('\n')
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  const files = await Promise.all(
    names.map(async (name) => ({ path: `${ref}:${name}`, text: await git(['show', `${ref}:${name}`], root) })),
  );
  return fromFiles(files, `${ref}:${relative === '' ? '.' : relative}`);
}
