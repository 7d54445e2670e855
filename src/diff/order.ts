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
  const after = new Map(ranked.map((op) => [op.id, dependenciesOf(op, ranked)]));
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

function dependenciesOf(op: DraftOperation, all: readonly DraftOperation[]): string[] {
  const deps = new Set<string>();
  const sameTable = all.filter((other) => 'table' in other && 'table' in op && other.table === op.table && other !== op);
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

/** Kahn's algorithm, always taking the earliest ready operation so the phase order survives. */
function topologicalOrder(ranked: readonly DraftOperation[], after: ReadonlyMap<string, readonly string[]>): DraftOperation[] {
  const done = new Set<string>();
  const pending = [...ranked];
  const ordered: DraftOperation[] = [];
  while (pending.length > 0) {
    const next = pending.findIndex((op) => (after.get(op.id) ?? []).every((dep) => done.has(dep)));
    if (next < 0) {
      throw new CrmSchemaError(
        'schema_invalid',
        `These changes depend on each other in a cycle: ${pending.map((op) => op.summary).join('; ')}. ` +
          'Swapping column keys needs two steps: rename one column to a temporary key first.',
        { details: { operations: pending.map((op) => op.id) } },
      );
    }
    const [op] = pending.splice(next, 1);
    if (op === undefined) break;
    done.add(op.id);
    ordered.push(op);
  }
  return ordered;
}

export function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}
