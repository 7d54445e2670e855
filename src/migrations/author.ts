import { diff } from '../diff/index.js';
import type { Column, Database, Table } from '../model/index.js';
import type { Operation, Plan, Precheck, ReplaceColumnOp } from '../plan/types.js';
import { conversionFor, describeConversion } from './conversions.js';
import { isReversible } from './phases.js';
import type { CopyColumnStep, MigrationStep, OperationStep, SchemaMigration } from './types.js';

/** What `migrate new` writes: one schema migration, or three files when a conversion needs code. */
export type Authored =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'schema'; readonly migration: SchemaMigration }
  /** expand (schema) → the author's conversion (data template) → contract (schema). */
  | { readonly kind: 'custom_conversion'; readonly expand: SchemaMigration; readonly conversions: readonly CustomConversion[]; readonly contract: SchemaMigration };

export interface CustomConversion {
  readonly table: string;
  readonly from: Column;
  readonly to: Column;
  /** The temporary key the converted values go to. */
  readonly scratchKey: string;
}

/**
 * The migration that takes `replayed` (what the existing migrations produce) to `desired`. A column
 * whose type, array-ness or encryption changes is never dropped and re-created: it goes through
 * expand (a new column under a scratch key), copy (every row, converted), contract (delete the old
 * column, rename the new one to its key, rebuild its indexes). Reversible steps come first and the
 * irreversible ones last, so a failure before them rolls back cleanly.
 */
export function authorMigration(replayed: Database | undefined, desired: Database): Authored {
  const plan = diff(replayed, desired);
  if (plan.operations.length === 0) return { kind: 'nothing' };
  const replaces = plan.operations.filter((op): op is ReplaceColumnOp => op.kind === 'replace_column');
  if (replaces.length === 0 || replayed === undefined) return { kind: 'schema', migration: fromPlans(desired.id, [plan]) };

  const scratch = new Map(replaces.map((op) => [op, scratchKey(replayed, desired, op)]));
  const expanded = mapTables(replayed, (table) => ({
    ...table,
    columns: [...table.columns, ...replaces.filter((op) => op.table === table.id).map((op) => scratchColumn(op.column, scratch.get(op) ?? ''))],
  }));
  const contracted = mapTables(expanded, (table) => {
    const gone = new Set(replaces.filter((op) => op.table === table.id).map((op) => op.key));
    return { ...table, columns: table.columns.filter((c) => !gone.has(c.key)), indexes: table.indexes.filter((i) => !i.columns.some((c) => gone.has(c))) };
  });
  const finished = mapTables(desired, (table) => ({
    ...table,
    columns: table.columns.map((column) => {
      const op = replaces.find((r) => r.table === table.id && r.column.key === column.key);
      return op === undefined ? column : { ...column, renamedFrom: scratch.get(op) ?? '' };
    }),
  }));
  const expandPlan = diff(replayed, expanded);
  const contractPlan = diff(expanded, contracted);
  const finishPlan = diff(contracted, finished);
  const conversions = replaces.map((op) => ({ op, conversion: conversionFor(op.previous, op.column) }));
  const custom = conversions.filter((c) => c.conversion === 'custom');
  const rebuilt = new Map(contractPlan.operations.flatMap((op) => (op.kind === 'delete_index' ? [[`${op.table}.${op.key}`, op.previous.type] as const] : [])));
  const markPreserved = (step: OperationStep): OperationStep => {
    if (step.kind === 'delete_index' && replaces.some((r) => r.table === step.table && step.previous.columns.includes(r.key))) {
      return { ...step, acknowledged: 'the index covers a column that changes type; it is rebuilt over the converted column below' };
    }
    // The scratch column is optional while rows are copied; making it required again only restores what held before.
    if (step.kind === 'update_column' && step.changes.every((c) => c.property === 'required') &&
      replaces.some((r) => r.table === step.table && r.column.key === step.key && r.previous.required && r.column.required)) {
      return { ...step, acknowledged: 'the column was required before its type changed and every value was copied; the pre-check confirms no row is empty' };
    }
    // An index rebuilt as it was over a converted column holds the values it held before.
    if (step.kind === 'create_index' && rebuilt.get(`${step.table}.${step.index.key}`) === step.index.type) {
      return { ...step, acknowledged: 'rebuilds an index that held before the type change over the converted values; its pre-check runs first' };
    }
    const op = step.kind === 'delete_column' ? replaces.find((r) => r.table === step.table && r.key === step.key) : undefined;
    if (op === undefined) return step;
    const into = scratch.get(op) ?? '';
    return { ...step, preservedIn: into, acknowledged: `values were copied to ${into} (${describeConversion(conversionFor(op.previous, op.column))}), which takes the key ${op.column.key}` };
  };
  // Changes that have nothing to do with the type change need not wait for the contract: the
  // reversible ones run with the expand steps, so that a failure before the first delete undoes them too.
  const scratchKeys = new Set(replaces.map((op) => `${op.table}.${scratch.get(op) ?? ''}`));
  const tied = new Set<string>();
  for (const op of finishPlan.operations) {
    const rename = op.kind === 'rename_column' && scratchKeys.has(`${op.table}.${op.from}`);
    const rebuild = op.kind === 'create_index' && rebuilt.has(`${op.table}.${op.index.key}`);
    if (rename || rebuild || !isReversible(op as OperationStep) || op.after.some((id) => tied.has(id))) tied.add(op.id);
  }
  const early = subPlan(finishPlan, (id) => !tied.has(id));
  const late = subPlan(finishPlan, (id) => tied.has(id));
  const contractSteps = (): MigrationStep[] => [...ordered(contractPlan), ...ordered(late)].map(markPreserved);

  const copies: CopyColumnStep[] = conversions.flatMap(({ op, conversion }) => {
    if (conversion === 'custom') return [];
    const to = scratch.get(op) ?? '';
    return [{
      kind: 'copy_column',
      id: `copy_column:${op.table}.${op.key}`,
      risk: 'safe',
      summary: `copy every row's ${op.key} into ${to} (${describeConversion(conversion)})`,
      table: op.table,
      from: op.key,
      to,
      conversion,
    }];
  });
  if (custom.length > 0) {
    // The columns that convert losslessly are copied by the expand migration; the others by the author's conversion.
    const expand = fromPlans(desired.id, [expandPlan, early]);
    return {
      kind: 'custom_conversion',
      expand: { ...expand, steps: [...expand.steps, ...copies] },
      conversions: custom.map(({ op }) => ({ table: op.table, from: op.previous, to: op.column, scratchKey: scratch.get(op) ?? '' })),
      contract: { database: desired.id, steps: contractSteps(), prechecks: [...contractPlan.prechecks, ...late.prechecks] },
    };
  }
  return {
    kind: 'schema',
    migration: {
      database: desired.id,
      steps: [...ordered(expandPlan), ...ordered(early), ...copies, ...contractSteps()],
      prechecks: [...expandPlan.prechecks, ...early.prechecks, ...contractPlan.prechecks, ...late.prechecks],
    },
  };
}

/** The operations of a plan that `keep` selects, with their pre-checks and the dependencies among them. */
function subPlan(plan: Plan, keep: (id: string) => boolean): Plan {
  return {
    ...plan,
    operations: plan.operations.filter((op) => keep(op.id)).map((op) => ({ ...op, after: op.after.filter(keep) }) as Operation),
    prechecks: plan.prechecks.filter((check) => keep(check.operation)),
  };
}

function fromPlans(database: string, plans: readonly Plan[]): SchemaMigration {
  return { database, steps: plans.flatMap(ordered), prechecks: plans.flatMap((p): Precheck[] => [...p.prechecks]) };
}

/**
 * A plan's operations as migration steps, reversible ones first. An operation that depends on an
 * irreversible one (a create that reuses a deleted key, say) moves after it with everything that
 * depends on it in turn.
 */
function ordered(plan: Plan): OperationStep[] {
  const late = new Set<string>();
  for (const op of plan.operations) {
    if (!isReversible(op as OperationStep) || op.after.some((id) => late.has(id))) late.add(op.id);
  }
  const strip = (op: Operation): OperationStep => {
    const { after: _after, ...step } = op;
    return step as OperationStep;
  };
  return [...plan.operations.filter((op) => !late.has(op.id)), ...plan.operations.filter((op) => late.has(op.id))].map(strip);
}

/** The new definition under a free temporary key, optional so that existing rows may hold null until copied. */
function scratchColumn(column: Column, key: string): Column {
  return { ...column, key, required: false, renamedFrom: undefined } as Column;
}

/** A key free both now and in the schema (a new column may want `<key>_new` itself). */
function scratchKey(replayed: Database, desired: Database, op: ReplaceColumnOp): string {
  const keys = (db: Database): string[] => db.tables.find((t) => t.id === op.table)?.columns.map((c) => c.key.toLowerCase()) ?? [];
  const taken = new Set([...keys(replayed), ...keys(desired)]);
  for (let n = 0; ; n += 1) {
    const suffix = n === 0 ? '_new' : `_new${n}`;
    const key = `${op.column.key.slice(0, 36 - suffix.length)}${suffix}`;
    if (!taken.has(key.toLowerCase())) return key;
  }
}

function mapTables(db: Database, map: (table: Table) => Table): Database {
  return { ...db, tables: db.tables.map(map) };
}
