import { CrmSchemaError } from '../../../src/errors.js';
import { buildCatalog, type Catalog } from '../../../src/migrations/catalog.js';
import { formatSchemaMigration } from '../../../src/migrations/schema-file.js';
import { computeSum } from '../../../src/migrations/sum.js';
import { toMigrationFiles } from '../../../src/migrations/source.js';
import type { MigrationStep, SchemaMigration } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { diff } from '../../../src/diff/index.js';

export { col, db, idx, table, customers } from '../diff/builders.js';

/** The CrmSchemaError `run` throws (fails the test when it throws nothing or something else). */
export function caught(run: () => unknown): CrmSchemaError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmSchemaError) return error;
    throw error;
  }
  throw new Error('expected a CrmSchemaError, nothing was thrown');
}

export async function caughtAsync(run: () => Promise<unknown>): Promise<CrmSchemaError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CrmSchemaError) return error;
    throw error;
  }
  throw new Error('expected a CrmSchemaError, nothing was thrown');
}

/** The steps that take `from` to `to`, as a migration file would hold them. */
export function stepsBetween(from: Database | undefined, to: Database): MigrationStep[] {
  return diff(from, to).operations.map(({ after: _after, ...step }) => step as MigrationStep);
}

export function schemaFile(version: string, name: string, migration: SchemaMigration): { name: string; content: string } {
  return { name: `${version}_${name}.yaml`, content: formatSchemaMigration(version, name, 'test', migration) };
}

/** A catalog (sum file included) from file entries. */
export function catalogOf(entries: readonly { name: string; content: string }[]): Catalog {
  const files = toMigrationFiles(entries);
  return buildCatalog({ dir: 'migrations', files, sum: computeSum(files) });
}

/** A hand-written step: the empty reasons and hazards a file may leave out are filled in. */
export function op(fields: { readonly kind: MigrationStep['kind'] } & Record<string, unknown>): MigrationStep {
  return { id: `${fields.kind}:test`, risk: 'safe', summary: fields.kind, reasons: [], hazards: [], ...fields } as unknown as MigrationStep;
}
