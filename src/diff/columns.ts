import type { Column, Table } from '../model/index.js';
import type { ColumnChange, Precheck } from '../plan/types.js';
import { compareColumns, highestRisk } from './column-changes.js';
import { describeColumn, describeType } from './describe.js';
import { operationId, precheckId, type DraftOperation } from './draft.js';
import { deletedColumnHazard, replacedColumnHazard } from './hazards.js';

/** Column operations for one table, plus what the index diff needs to know about them. */
export interface ColumnDiff {
  readonly operations: readonly DraftOperation[];
  readonly prechecks: readonly Precheck[];
  /** Live key → desired key, for every declared rename that happens. */
  readonly renames: ReadonlyMap<string, string>;
  /** Live keys whose column disappears (deleted or replaced): indexes over them must be rebuilt. */
  readonly dropped: ReadonlySet<string>;
  /** Desired keys whose column starts empty in this plan (created or replaced). */
  readonly fresh: ReadonlySet<string>;
}

/**
 * Diffs the columns of a table. Renames happen only when declared with `renamedFrom` and the old key
 * is still live; a live column that the schema no longer has is deleted.
 */
export function diffColumns(tableId: string, actual: Table | undefined, desired: Table): ColumnDiff {
  const operations: DraftOperation[] = [];
  const prechecks: Precheck[] = [];
  const renames = new Map<string, string>();
  const dropped = new Set<string>();
  const fresh = new Set<string>();
  const live = new Map((actual?.columns ?? []).map((column) => [column.key, column]));
  const declared = new Set(desired.columns.map((column) => column.key));
  const consumed = new Set<string>();

  for (const column of desired.columns) {
    const sameKey = live.get(column.key);
    const renamedFrom = column.renamedFrom;
    const renameSource =
      sameKey === undefined && renamedFrom !== undefined && !declared.has(renamedFrom) && !consumed.has(renamedFrom)
        ? live.get(renamedFrom)
        : undefined;
    const previous = sameKey ?? renameSource;
    if (previous === undefined) {
      fresh.add(column.key);
      operations.push(createColumn(tableId, column, actual !== undefined, prechecks));
      continue;
    }
    consumed.add(previous.key);
    const comparison = compareColumns(previous, column);
    if (comparison.kind === 'replace') {
      dropped.add(previous.key);
      fresh.add(column.key);
      const renamed = previous.key === column.key ? '' : ` (renamed from ${previous.key})`;
      operations.push({
        kind: 'replace_column',
        id: operationId('replace_column', tableId, column.key),
        risk: 'destructive',
        table: tableId,
        key: previous.key,
        previous,
        column,
        replaced: comparison.replaced,
        summary: `replace column ${column.key}${renamed}: ${describeType(previous)} → ${describeType(column)}, drops its data`,
        reasons: comparison.reasons,
        hazards: [replacedColumnHazard(tableId, previous, column)],
      });
      continue;
    }
    if (previous.key !== column.key) {
      renames.set(previous.key, column.key);
      operations.push({
        kind: 'rename_column',
        id: operationId('rename_column', tableId, previous.key),
        risk: 'safe',
        table: tableId,
        from: previous.key,
        to: column.key,
        current: previous,
        summary: `rename column ${previous.key} → ${column.key} (keeps the data)`,
        reasons: [`declared renamedFrom: ${previous.key}`],
        hazards: [],
      });
    }
    if (comparison.kind === 'update') {
      operations.push(updateColumn(tableId, previous, column, comparison.changes, comparison.reasons, prechecks));
    }
  }

  for (const previous of actual?.columns ?? []) {
    if (declared.has(previous.key) || consumed.has(previous.key)) continue;
    dropped.add(previous.key);
    operations.push({
      kind: 'delete_column',
      id: operationId('delete_column', tableId, previous.key),
      risk: 'destructive',
      table: tableId,
      key: previous.key,
      previous,
      summary: `delete column ${previous.key} (${describeType(previous)}) and its data`,
      reasons: ['not in the schema'],
      hazards: [deletedColumnHazard(tableId, previous)],
    });
  }
  return { operations, prechecks, renames, dropped, fresh };
}

function createColumn(tableId: string, column: Column, tableExists: boolean, prechecks: Precheck[]): DraftOperation {
  const id = operationId('create_column', tableId, column.key);
  // Rows that already exist read null in a new required column and can no longer be updated.
  const guardsRows = tableExists && column.required;
  if (guardsRows) {
    prechecks.push({
      kind: 'rows_missing_required',
      id: precheckId(id),
      operation: id,
      table: tableId,
      column: column.key,
      description: `rows in ${tableId} (all of them would hold null in the new required column ${column.key})`,
    });
  }
  return {
    kind: 'create_column',
    id,
    risk: guardsRows ? 'data_dependent' : 'safe',
    table: tableId,
    column,
    summary: `create column ${column.key} (${describeColumn(column)})`,
    reasons: guardsRows ? ['new required column on an existing table (existing rows would hold null)'] : [],
    hazards: [],
  };
}

function updateColumn(
  tableId: string,
  previous: Column,
  column: Column,
  changes: readonly ColumnChange[],
  reasons: readonly string[],
  prechecks: Precheck[],
): DraftOperation {
  const id = operationId('update_column', tableId, column.key);
  // Pre-checks run before anything is applied, so they name the column by its live key.
  const check = { id: '', operation: id, table: tableId, column: previous.key };
  let n = 0;
  const nextId = (): string => (n++ === 0 ? precheckId(id) : `${precheckId(id)}#${n}`);
  for (const change of changes) {
    if (change.risk !== 'data_dependent') continue;
    switch (change.property) {
      case 'required':
        prechecks.push({ ...check, id: nextId(), kind: 'nulls_in_required', description: `rows where ${previous.key} is null` });
        break;
      case 'size':
        prechecks.push({
          ...check,
          id: nextId(),
          kind: 'values_too_long',
          maxLength: change.to as number,
          description: `rows where ${previous.key} is longer than ${String(change.to)} characters`,
        });
        break;
      case 'elements': {
        const after = change.to as readonly string[];
        const values = (change.from as readonly string[]).filter((value) => !after.includes(value));
        prechecks.push({ ...check, id: nextId(), kind: 'enum_values_in_use', values, description: `rows where ${previous.key} is one of ${values.join(', ')}` });
        break;
      }
      case 'min':
      case 'max':
        break; // Both bounds go into one range check below.
      case 'default':
        break; // A default never depends on data.
    }
  }
  const tightenedMin = changes.find((c) => c.property === 'min' && c.risk === 'data_dependent');
  const tightenedMax = changes.find((c) => c.property === 'max' && c.risk === 'data_dependent');
  if (tightenedMin !== undefined || tightenedMax !== undefined) {
    // bigint bounds are decimal strings; Appwrite's bigint filters take them as such, exactly.
    const min = tightenedMin?.to as number | string | undefined;
    const max = tightenedMax?.to as number | string | undefined;
    const bounds = [min === undefined ? '' : `below ${min}`, max === undefined ? '' : `above ${max}`].filter(Boolean);
    prechecks.push({
      ...check,
      id: nextId(),
      kind: 'values_out_of_range',
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
      description: `rows where ${previous.key} is ${bounds.join(' or ')}`,
    });
  }
  return {
    kind: 'update_column',
    id,
    risk: highestRisk(changes.map((c) => c.risk)),
    table: tableId,
    key: column.key,
    column,
    previous,
    changes,
    summary: `update column ${column.key}: ${changes.map((c) => c.property).join(', ')}`,
    reasons,
    hazards: [],
  };
}
