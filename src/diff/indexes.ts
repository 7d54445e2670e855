import type { Index, Table } from '../model/index.js';
import type { Precheck } from '../plan/types.js';
import type { ColumnDiff } from './columns.js';
import { describeIndex } from './describe.js';
import { operationId, precheckId, type DraftOperation, type DraftPart } from './draft.js';
import { deletedIndexHazard } from './hazards.js';

/**
 * Diffs the indexes of a table. Appwrite cannot update an index, so a changed one is deleted and
 * created again; so is one over a column that this plan drops (Appwrite would lose it with the column).
 * Renamed columns need nothing: Appwrite rewrites index column lists on rename.
 */
export function diffIndexes(tableId: string, actual: Table | undefined, desired: Table, columns: ColumnDiff): DraftPart {
  const operations: DraftOperation[] = [];
  const prechecks: Precheck[] = [];
  const live = new Map((actual?.indexes ?? []).map((index) => [index.key, index]));
  const declared = new Set(desired.indexes.map((index) => index.key));

  for (const previous of actual?.indexes ?? []) {
    const wanted = desired.indexes.find((index) => index.key === previous.key);
    if (wanted !== undefined && !mustRebuild(previous, wanted, columns)) continue;
    const removed = !declared.has(previous.key);
    operations.push({
      kind: 'delete_index',
      id: operationId('delete_index', tableId, previous.key),
      risk: removed ? 'destructive' : 'safe',
      table: tableId,
      key: previous.key,
      previous,
      summary: `delete ${describeIndex(previous)}${removed ? '' : ' (recreated below)'}`,
      reasons: removed ? ['not in the schema'] : rebuildReasons(previous, columns),
      hazards: removed ? [deletedIndexHazard(tableId, previous)] : [],
    });
  }

  for (const index of desired.indexes) {
    const previous = live.get(index.key);
    if (previous !== undefined && !mustRebuild(previous, index, columns)) continue;
    const id = operationId('create_index', tableId, index.key);
    const dataDependent = actual !== undefined && needsDuplicateCheck(previous, index, columns);
    if (dataDependent) {
      const liveColumns = index.columns.map((name) => liveKey(name, columns));
      prechecks.push({
        kind: 'duplicates_under_unique',
        id: precheckId(id),
        operation: id,
        table: tableId,
        index: index.key,
        columns: liveColumns,
        description: `rows sharing the same (${liveColumns.join(', ')})`,
      });
    }
    operations.push({
      kind: 'create_index',
      id,
      risk: dataDependent ? 'data_dependent' : 'safe',
      table: tableId,
      index,
      summary: `create ${describeIndex(index)}`,
      reasons: [
        ...(previous === undefined ? [] : ['replaces the previous definition (Appwrite cannot update an index)']),
        ...(dataDependent ? ['unique over existing rows (duplicates would make it fail)'] : []),
      ],
      hazards: [],
    });
  }
  return { operations, prechecks };
}

/** The live index, seen through this plan's renames, no longer matches; or it loses a column. */
function mustRebuild(previous: Index, wanted: Index, columns: ColumnDiff): boolean {
  if (previous.columns.some((key) => columns.dropped.has(key))) return true;
  const renamed = previous.columns.map((key) => columns.renames.get(key) ?? key);
  return (
    previous.type !== wanted.type ||
    !sameList(renamed, wanted.columns) ||
    !sameList(previous.orders, wanted.orders) ||
    !sameList(previous.lengths, wanted.lengths)
  );
}

function rebuildReasons(previous: Index, columns: ColumnDiff): string[] {
  const lost = previous.columns.filter((key) => columns.dropped.has(key));
  return lost.length > 0
    ? [`column ${lost.join(', ')} is deleted or replaced in this plan`]
    : ['definition changed (Appwrite cannot update an index)'];
}

/**
 * A unique index over existing rows fails on duplicates, unless it only widens a unique index that
 * was already there (same columns and lengths, plus more). Over a column that starts empty in this plan
 * there is nothing to collide: its values are all null, and null never equals null in a unique index.
 */
function needsDuplicateCheck(previous: Index | undefined, index: Index, columns: ColumnDiff): boolean {
  if (index.type !== 'unique') return false;
  if (index.columns.some((key) => columns.fresh.has(key))) return false;
  if (previous === undefined || previous.type !== 'unique') return true;
  return !previous.columns.every((key, i) => {
    const at = index.columns.indexOf(columns.renames.get(key) ?? key);
    return at >= 0 && index.lengths[at] === previous.lengths[i];
  });
}

/** Pre-checks run before any rename, so they name columns by their live keys. */
function liveKey(desiredKey: string, columns: ColumnDiff): string {
  for (const [from, to] of columns.renames) if (to === desiredKey) return from;
  return desiredKey;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
