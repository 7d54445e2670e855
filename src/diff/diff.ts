import type { Database, Table } from '../model/index.js';
import { compareText } from '../plan/compare-text.js';
import { fingerprintModel } from '../plan/fingerprint.js';
import type { Operation, Plan, PlanSummary, Precheck } from '../plan/types.js';
import { diffColumns } from './columns.js';
import type { DraftOperation } from './draft.js';
import { diffIndexes } from './indexes.js';
import { orderOperations } from './order.js';
import { createTable, deleteTable, diffDatabase, updateTable } from './tables.js';

/**
 * The plan that turns `actual` (the live database, or undefined if it does not exist yet) into
 * `desired`. Pure, synchronous and deterministic; never mutates its inputs.
 *
 * A live table the schema does not declare is left alone unless `desired.removedTables` lists it:
 * deleting a table is always explicit. An `actual` for another database id counts as no database.
 */
export function diff(actual: Database | undefined, desired: Database): Plan {
  const live = actual !== undefined && actual.id === desired.id ? actual : undefined;
  const drafts: DraftOperation[] = [...diffDatabase(live, desired)];
  const prechecks: Precheck[] = [];
  const liveTables = new Map((live?.tables ?? []).map((table) => [table.id, table]));

  for (const table of sortedById(desired.tables)) {
    const previous = liveTables.get(table.id);
    if (previous === undefined) drafts.push(createTable(table));
    else {
      const update = updateTable(previous, table);
      if (update !== undefined) drafts.push(update);
    }
    const columns = diffColumns(table.id, previous, table);
    const indexes = diffIndexes(table.id, previous, table, columns);
    drafts.push(...columns.operations, ...indexes.operations);
    prechecks.push(...columns.prechecks, ...indexes.prechecks);
  }

  const declared = new Set(desired.tables.map((table) => table.id));
  for (const removed of [...new Set(desired.removedTables)].sort(compareText)) {
    const previous = liveTables.get(removed);
    // A table both declared and listed as removed is the loader's error to report; keeping it is the safe reading.
    if (previous !== undefined && !declared.has(removed)) drafts.push(deleteTable(previous));
  }

  const operations = orderOperations(drafts);
  return {
    version: 1,
    database: desired.id,
    operations,
    prechecks: orderPrechecks(prechecks, operations),
    fingerprint: { actual: fingerprintModel(actual), desired: fingerprintModel(desired) },
    summary: summarize(operations),
  };
}

function sortedById(tables: readonly Table[]): Table[] {
  return [...tables].sort((a, b) => compareText(a.id, b.id));
}

/** Pre-checks follow the order of the operations they guard. */
function orderPrechecks(prechecks: readonly Precheck[], operations: readonly Operation[]): Precheck[] {
  const position = new Map(operations.map((op, i) => [op.id, i]));
  return [...prechecks].sort(
    (a, b) => (position.get(a.operation) ?? 0) - (position.get(b.operation) ?? 0) || compareText(a.id, b.id),
  );
}

export function summarize(operations: readonly Operation[]): PlanSummary {
  const count = (risk: Operation['risk']): number => operations.filter((op) => op.risk === risk).length;
  return {
    safe: count('safe'),
    data_dependent: count('data_dependent'),
    destructive: count('destructive'),
    total: operations.length,
  };
}
