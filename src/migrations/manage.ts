import { CrmSchemaError } from '../errors.js';
import { diff } from '../diff/index.js';
import type { Catalog, Migration } from './catalog.js';
import { Lease, type LeaseOptions } from './lease.js';
import { inverseOf, splitPhases } from './phases.js';
import { checkHistory } from './runner.js';
import type { MigrationTarget } from './target.js';
import type { HistoryEntry, MigrationStep, OperationStep } from './types.js';

export interface ManageOptions {
  readonly lease: LeaseOptions;
  readonly toolVersion: string;
  readonly appliedBy: string;
}

/**
 * `migrate baseline`: records migrations up to `version` as applied without running them, for a
 * database that already has that schema (built by push or by hand). Refused unless the live database
 * equals what those migrations produce, and unless the target has no history yet.
 */
export async function baselineMigrations(catalog: Catalog, version: number, target: MigrationTarget, options: ManageOptions): Promise<number> {
  const upTo = catalog.migrations.find((m) => m.file.version === version);
  if (upTo === undefined) throw new CrmSchemaError('usage', `there is no migration ${version} in migrations/`);
  const history = (await target.store.readHistory()) ?? [];
  if (history.some((entry) => entry.status === 'applied')) {
    throw new CrmSchemaError('usage', 'this database already has migration history; baseline adopts a database that has none (see `crm-schema migrate status`)');
  }
  const live = await target.liveModel();
  if (live === undefined) throw new CrmSchemaError('usage', 'the database does not exist: there is nothing to baseline; run `crm-schema apply` instead');
  const gap = diff(live, upTo.after ?? live);
  if (gap.operations.length > 0) {
    throw new CrmSchemaError(
      'schema_invalid',
      `the live database is not what migrations up to ${upTo.file.file} produce (${gap.operations.length} difference(s), e.g. ${gap.operations[0]?.summary}); ` +
        'baseline at the version it really matches, or bring it there with push first',
      { details: { differences: gap.operations.map((op) => op.summary) } },
    );
  }
  await target.store.ensure(live);
  const lease = await Lease.acquire(target.store, options.lease);
  try {
    const now = new Date().toISOString();
    const adopted = catalog.migrations.filter((m) => m.file.version <= version);
    for (const migration of adopted) {
      lease.assertHeld();
      await target.store.writeHistory(entryFor(migration, options, { status: 'applied', startedAt: now, finishedAt: now, durationMs: 0, appliedBy: `${options.appliedBy} (baseline)` }));
    }
    return adopted.length;
  } finally {
    await lease.release();
  }
}

/** `export async function down`, `export const down = …` or `export { down }` at the start of a line. */
const DOWN_EXPORT = /^\s*export\s+(?:(?:async\s+)?function\s*\*?\s*down\b|(?:const|let|var)\s+down\b|\{[^}]*\bdown\b[^}]*\})/m;

/** The steps that undo a migration, or the reason it cannot be undone. */
export function undoSteps(migration: Migration): { steps: MigrationStep[] } | { refused: string } {
  const schema = migration.schema;
  if (schema === undefined) {
    // Data migrations undo through their own down(ctx); one without it is refused before anything is undone.
    if (!DOWN_EXPORT.test(migration.file.content)) return { refused: 'it exports no down(ctx), so it cannot be undone; add `export async function down(ctx) { … }`' };
    return { steps: [] };
  }
  if (schema.down !== undefined) return { steps: [...schema.down] };
  const steps: MigrationStep[] = [];
  for (const step of [...schema.steps].reverse()) {
    if (step.kind === 'copy_column' || step.kind === 'create_database' || step.kind === 'update_database') continue;
    const inverse = inverseOf(step);
    if (inverse === undefined) return { refused: `step ${step.id} (${step.summary}) cannot be undone without losing data; give the file a \`down:\` list of steps` };
    steps.push({ ...inverse, risk: inverse.kind === 'delete_table' || inverse.kind === 'delete_column' ? 'destructive' : inverse.risk } as OperationStep);
  }
  return { steps };
}

/**
 * `migrate down`: undoes applied migrations newer than `to`, newest first, under the lease. Checks
 * every one can be undone (and that deletes are approved) before changing anything.
 */
export async function undoMigrations(
  catalog: Catalog,
  to: number | undefined,
  target: MigrationTarget,
  options: ManageOptions & { readonly allowDestructive: boolean; readonly onEvent?: (text: string) => void },
): Promise<number[]> {
  const history = (await target.store.readHistory()) ?? [];
  checkHistory(catalog, history);
  const applied = history.filter((e) => e.status === 'applied').map((e) => e.version).sort((a, b) => b - a);
  const floor = to ?? applied[1] ?? 0;
  const victims = applied.filter((v) => v > floor).map((v) => catalog.migrations.find((m) => m.file.version === v) as Migration);
  const plans = victims.map((migration) => ({ migration, undo: undoSteps(migration) }));
  for (const { migration, undo } of plans) {
    if ('refused' in undo) throw new CrmSchemaError('blocked', `cannot undo ${migration.file.file}: ${undo.refused}`, { exitCode: 3 });
    const deletes = undo.steps.filter((s) => s.risk === 'destructive');
    if (deletes.length > 0 && !options.allowDestructive) {
      throw new CrmSchemaError('blocked', `undoing ${migration.file.file} deletes data (${deletes.map((s) => s.summary).join('; ')}); run with --allow-destructive to approve it`, { exitCode: 3 });
    }
  }
  if (plans.length === 0) return [];
  const lease = await Lease.acquire(target.store, options.lease);
  const undone: number[] = [];
  try {
    for (const { migration, undo } of plans) {
      lease.assertHeld();
      options.onEvent?.(`undoing ${migration.file.file}`);
      const started = Date.now();
      if (migration.file.kind === 'data') {
        await target.runDataMigration(migration.file, 'down', { initial: null, save: async () => {} });
      } else if ('steps' in undo) {
        for (const phase of splitPhases(undo.steps)) {
          if (phase.kind !== 'operations') continue;
          const outcome = await target.runOperations(phase.operations, []);
          if (outcome.kind !== 'done') throw new CrmSchemaError('appwrite', `undoing ${migration.file.file} failed: ${outcome.message}; fix the cause and run migrate down again`);
        }
      }
      const previous = history.find((e) => e.version === migration.file.version);
      await target.store.writeHistory({
        ...entryFor(migration, options, { status: 'rolled_back', startedAt: new Date(started).toISOString(), finishedAt: new Date().toISOString(), durationMs: Date.now() - started }),
        ...(previous ? { appliedBy: options.appliedBy } : {}),
      });
      undone.push(migration.file.version);
    }
  } finally {
    await lease.release();
  }
  return undone;
}

function entryFor(migration: Migration, options: ManageOptions, fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'status' | 'startedAt'>): HistoryEntry {
  return {
    version: migration.file.version,
    name: migration.file.name,
    checksum: migration.file.checksum,
    finishedAt: null,
    durationMs: null,
    toolVersion: options.toolVersion,
    appliedBy: options.appliedBy,
    error: null,
    checkpoint: null,
    ...fields,
  };
}
