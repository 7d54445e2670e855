import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CrmSchemaError, EXIT, type ExitCode } from '../../errors.js';
import { buildCatalog } from '../../migrations/catalog.js';
import { gatesFor } from '../../migrations/gates.js';
import { checksumOf, readMigrationsDir } from '../../migrations/source.js';
import { verifySum } from '../../migrations/sum.js';
import type { CliContext } from '../context.js';

const run = promisify(execFile);

interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

/**
 * `migrate lint`: everything about migrations/ that can be known without a server. With --base, only
 * migrations added since that git ref are held to the risk gates, and any change to a file that
 * existed at the ref is an error (it may have run somewhere already).
 */
export async function runMigrateLint(options: { readonly migrations: string; readonly base?: string; readonly json?: boolean }, ctx: CliContext): Promise<ExitCode> {
  const dirPath = path.resolve(ctx.cwd, options.migrations);
  const dir = await readMigrationsDir(dirPath);
  const problems: LintProblem[] = [];
  const sumFile = path.join(options.migrations, 'migrations.sum');
  try {
    verifySum(dir.files, dir.sum);
  } catch (error) {
    problems.push({ file: sumFile, line: Number((error as CrmSchemaError).details?.line ?? 1), rule: String((error as CrmSchemaError).details?.rule ?? 'migration-sum-mismatch'), message: (error as Error).message });
  }
  let catalog;
  try {
    catalog = buildCatalog(dir, { verifySum: false });
  } catch (error) {
    if (!(error instanceof CrmSchemaError)) throw error;
    const located = (error.details.problems as { file: string; line: number; rule: string; message: string }[] | undefined) ?? [];
    if (located.length > 0) problems.push(...located.map((p) => ({ file: p.file, line: p.line, rule: p.rule, message: p.message })));
    else problems.push({ file: options.migrations, line: 1, rule: String(error.details.rule ?? 'migration-invalid'), message: error.message });
  }
  let fresh = new Set(dir.files.map((f) => f.file));
  if (options.base !== undefined) {
    const atBase = await filesAtRef(options.base, dirPath, ctx.cwd);
    fresh = new Set(dir.files.filter((f) => !atBase.has(f.file)).map((f) => f.file));
    for (const file of dir.files) {
      const old = atBase.get(file.file);
      if (old !== undefined && checksumOf(old) !== file.checksum) {
        problems.push({ file: `migrations/${file.file}`, line: 1, rule: 'migration-edited', message: `changed since ${options.base}; a migration that may have run must not change: write a new one` });
      }
    }
    for (const name of atBase.keys()) {
      if (!dir.files.some((f) => f.file === name)) problems.push({ file: `migrations/${name}`, line: 1, rule: 'migration-deleted', message: `deleted or renamed since ${options.base}` });
    }
  }
  for (const migration of catalog?.migrations ?? []) {
    if (fresh.has(migration.file.file)) problems.push(...gatesFor(migration, { allowDestructive: true, forLint: true }));
  }
  if (options.json) ctx.stdout(`${JSON.stringify({ ok: problems.length === 0, checked: fresh.size, problems }, null, 2)}\n`);
  else if (problems.length > 0) ctx.stdout(problems.map((p) => `${p.file}:${p.line}  ${p.rule}  ${p.message}\n`).join(''));
  else ctx.stderr(`migrations/ is clean: ${dir.files.length} file(s), ${fresh.size} checked against the risk gates.\n`);
  return problems.length === 0 ? EXIT.ok : EXIT.error;
}

/** The migration files (name → text) at a git ref; empty when the directory did not exist there. */
async function filesAtRef(ref: string, dir: string, cwd: string): Promise<Map<string, string>> {
  const git = async (...args: string[]): Promise<string> => {
    try {
      return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (error) {
      throw new CrmSchemaError('usage', `git ${args.join(' ')} failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
    }
  };
  const top = (await git('rev-parse', '--show-toplevel')).trim();
  const rel = path.relative(top, dir).split(path.sep).join('/');
  const names = (await git('ls-tree', '--name-only', `${ref}:${rel}`).catch(() => '')).split('\n').filter(Boolean);
  const files = new Map<string, string>();
  for (const name of names) {
    if (name === 'migrations.sum') continue;
    files.set(name, await git('show', `${ref}:${rel}/${name}`));
  }
  return files;
}
