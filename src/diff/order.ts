import { CrmSchemaError } from '../errors.js';
import type { Operation } from '../plan/types.js';
import type { DraftOperation } from './draft.js';

/**
 * Decides what each operation waits for (`after`) and returns the operations in an order that respects
 * it: database, tables, index deletes, renames, column deletes and replacements, column creates, column
 * updates, index creates. `after` holds only direct dependencies, so an executor can run every
 * operation whose dependencies are done concurrently.
 */
export function orderOperations(drafts: readonly DraftOperation[]): Operation[] {
  const ranked = drafts
    .map((op, position) => ({ op, position }))
    .sort((a, b) => PHASE[a.op.kind] - PHASE[b.op.kind] || a.position - b.position)
    .map(({ op }) => op);
  const byTable = new Map<string, DraftOperation[]>();
  for (const op of ranked) {
    if (!('table' in op)) continue;
    const list = byTable.get(op.table) ?? [];
    list.push(op);
    byTable.set(op.table, list);
  }
  const after = new Map(
    ranked.map((op) => [op.id, dependenciesOf(op, 'table' in op ? (byTable.get(op.table) ?? []) : [], ranked)]),
  );
  return topologicalOrder(ranked, after).map((op) => ({ ...op, after: after.get(op.id) ?? [] }) as Operation);
}

const PHASE: Record<Operation['kind'], number> = {
  create_database: 0,
  update_database: 0,
  create_table: 1,
  update_table: 1,
  delete_table: 1,
  delete_index: 2,
  rename_column: 3,
  delete_column: 4,
  replace_column: 4,
  create_column: 5,
  update_column: 6,
  create_index: 7,
};

function dependenciesOf(op: DraftOperation, tableOps: readonly DraftOperation[], all: readonly DraftOperation[]): string[] {
  const deps = new Set<string>();
  const sameTable = tableOps.filter((other) => other !== op);
  const need = (predicate: (other: DraftOperation) => boolean): void => {
    for (const other of sameTable) if (predicate(other)) deps.add(other.id);
  };
  const tableCreated = (other: DraftOperation): boolean => other.kind === 'create_table';
  const frees = (key: string) => (other: DraftOperation): boolean => freedKey(other) === key;
  const indexOver = (key: string) => (other: DraftOperation): boolean =>
    other.kind === 'delete_index' && other.previous.columns.includes(key);

  switch (op.kind) {
    case 'create_database':
    case 'update_database':
      break;
    case 'create_table':
    case 'update_table':
    case 'delete_table':
      for (const other of all) if (other.kind === 'create_database') deps.add(other.id);
      break;
    case 'delete_index':
      break;
    case 'rename_column':
      need(frees(op.to));
      break;
    case 'delete_column':
      need(indexOver(op.key));
      break;
    case 'replace_column':
      need(indexOver(op.key));
      if (op.column.key !== op.key) need(frees(op.column.key));
      break;
    case 'create_column':
      need(tableCreated);
      need(frees(op.column.key));
      break;
    case 'update_column':
      need((other) => other.kind === 'rename_column' && other.to === op.key);
      need(indexOver(op.previous.key));
      break;
    case 'create_index':
      need(tableCreated);
      need((other) => other.kind === 'delete_index' && other.key === op.index.key);
      for (const column of op.index.columns) need((other) => providesColumn(other, column));
      break;
    default:
      assertNever(op);
  }
  return [...deps].sort();
}

/** The live column key an operation removes, so that a later operation can take that key. */
function freedKey(op: DraftOperation): string | undefined {
  if (op.kind === 'delete_column' || op.kind === 'replace_column') return op.key;
  if (op.kind === 'rename_column') return op.from;
  return undefined;
}

/** Operations that bring a column into its desired shape under its desired key. */
function providesColumn(op: DraftOperation, key: string): boolean {
  switch (op.kind) {
    case 'create_column':
    case 'replace_column':
      return op.column.key === key;
    case 'rename_column':
      return op.to === key;
    case 'update_column':
      return op.key === key;
    default:
      return false;
  }
}

/** Kahn's algorithm, always taking the earliest-ranked ready operation so the phase order survives. */
function topologicalOrder(ranked: readonly DraftOperation[], after: ReadonlyMap<string, readonly string[]>): DraftOperation[] {
  const rank = new Map(ranked.map((op, i) => [op.id, i]));
  const waiting = new Map(ranked.map((op) => [op.id, (after.get(op.id) ?? []).length]));
  const dependents = new Map<string, string[]>();
  for (const op of ranked) {
    for (const dep of after.get(op.id) ?? []) {
      const list = dependents.get(dep) ?? [];
      list.push(op.id);
      dependents.set(dep, list);
    }
  }
  const ready = ranked.filter((op) => waiting.get(op.id) === 0).map((op) => rank.get(op.id) ?? 0).reverse();
  const ordered: DraftOperation[] = [];
  while (ready.length > 0) {
    // `ready` is kept sorted descending, so the earliest rank is at the end.
    const next = ranked[ready.pop() ?? 0];
    if (next === undefined) break;
    ordered.push(next);
    for (const dependent of dependents.get(next.id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) insertDescending(ready, rank.get(dependent) ?? 0);
    }
  }
  if (ordered.length < ranked.length) {
    const stuck = ranked.filter((op) => !ordered.includes(op));
    throw new CrmSchemaError(
      'schema_invalid',
      `These changes depend on each other in a cycle: ${stuck.map((op) => op.summary).join('; ')}. ` +
        'Swapping column keys needs two steps: rename one column to a temporary key first.',
      { details: { operations: stuck.map((op) => op.id) } },
    );
  }
  return ordered;
}

function insertDescending(list: number[], value: number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid] ?? 0) > value) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, value);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}
