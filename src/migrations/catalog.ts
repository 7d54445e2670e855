import { CrmSchemaError } from '../errors.js';
import { diff } from '../diff/index.js';
import type { Database } from '../model/index.js';
import type { Plan } from '../plan/types.js';
import type { Problem } from '../loader/problem.js';
import { replaySteps } from './replay.js';
import { parseSchemaMigration } from './schema-file.js';
import type { MigrationsDir } from './source.js';
import { verifySum } from './sum.js';
import type { MigrationFile, SchemaMigration } from './types.js';

/** A migration file with its schema steps parsed (data migrations have none). */
export interface Migration {
  readonly file: MigrationFile;
  readonly schema?: SchemaMigration;
  /** 1-based line of each step in the file. */
  readonly stepLines: readonly number[];
  /** The model once this migration has run, replayed from empty. */
  readonly after: Database | undefined;
}

export interface Catalog {
  readonly migrations: readonly Migration[];
  /** The model every migration together produces. */
  readonly replayed: Database | undefined;
}

/**
 * Reads every migration offline: checks the sum file, parses schema steps (every problem located),
 * and replays them onto an empty model. Throws CrmSchemaError on the first kind of problem found.
 */
export function buildCatalog(dir: MigrationsDir, options: { verifySum?: boolean } = {}): Catalog {
  if (options.verifySum !== false) verifySum(dir.files, dir.sum);
  const problems: Problem[] = [];
  const parsed = dir.files.map((file) => {
    if (file.kind === 'data') return { file, stepLines: [] as number[] };
    const result = parseSchemaMigration(`migrations/${file.file}`, file.content);
    problems.push(...result.problems);
    return { file, schema: result.migration, stepLines: result.stepLines };
  });
  if (problems.length > 0) {
    throw new CrmSchemaError('schema_invalid', `migrations have ${problems.length} problem(s):\n${problems.map(formatLocated).join('')}`, {
      details: { problems },
    });
  }
  let state: Database | undefined;
  const migrations = parsed.map((entry) => {
    if (entry.schema !== undefined) state = replaySteps(state, entry.schema.steps, `migrations/${entry.file.file}`);
    return { ...entry, after: state };
  });
  return { migrations, replayed: state };
}

export function formatLocated(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.rule}  ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}\n`;
}

/** What schema/ declares that no migration captures yet (empty when the two agree). */
export function uncaptured(catalog: Catalog, desired: Database): Plan {
  return diff(catalog.replayed, desired);
}

/** Refuses to go on when schema/ holds a change that no migration captures. */
export function assertCaptured(catalog: Catalog, desired: Database): void {
  const missing = uncaptured(catalog, desired);
  if (missing.operations.length === 0) return;
  const sample = missing.operations.slice(0, 5).map((op) => `  - ${op.summary}\n`).join('');
  const more = missing.operations.length > 5 ? `  … and ${missing.operations.length - 5} more\n` : '';
  throw new CrmSchemaError(
    'schema_invalid',
    `schema/ has ${missing.operations.length} change(s) that no migration captures:\n${sample}${more}` +
      'run `crm-schema migrate new <name>` to write the migration, review it, and commit it with the schema change',
    { details: { rule: 'schema-not-captured', operations: missing.operations.map((op) => op.id) } },
  );
}
