import type { LocalProject, TableContext } from '../project.js';
import type { ColumnKind, ColumnMeta, ColumnSpec } from './types.js';
import { LocalApiError } from '../errors.js';
import { columnAlreadyExists, columnLimitExceeded, columnNotAvailable, columnNotFound, indexInvalid } from '../error-catalog.js';
import type { Params } from '../params.js';
import { checkDefaultAllowed, checkSpecValues, parseColumnCreate, parseColumnUpdate } from './column-params.js';
import { BYTES_MAX, bytesUsed, MAX_COLUMNS, MAX_INDEX_LENGTH } from './row-width.js';
import { indexLength } from './index-rules.js';
import { dropPhysicalIndex, createPhysicalIndex, renameColumn } from '../store/ddl.js';
import { columnSqlName, quoteIdent } from '../sql-names.js';

/** Column create (async), get, update (sync) and delete (async), with Appwrite's checks in order. */

export function findColumn(context: TableContext, key: string): ColumnMeta {
  const column = context.columns.find((c) => c.key === key);
  if (!column) throw columnNotFound(key);
  return column;
}

export function createColumn(project: LocalProject, databaseId: string, tableId: string, kind: ColumnKind, params: Params): ColumnMeta {
  const { key, spec } = parseColumnCreate(kind, params);
  const context = project.context(databaseId, tableId);
  checkDefaultAllowed(spec);
  const widthAfter = bytesUsed([...context.columns, { kind, spec }]);
  if (context.columns.length + 1 > MAX_COLUMNS || widthAfter >= BYTES_MAX) throw columnLimitExceeded(context.table.id);
  if (context.columns.some((c) => c.key.toLowerCase() === key.toLowerCase())) throw columnAlreadyExists(key);
  const column = project.store.insertColumn(context.table.seq, key, kind, spec, 'processing');
  project.enqueue({ target: 'column', action: 'create', seq: column.seq });
  return column;
}

export function updateColumn(
  project: LocalProject,
  databaseId: string,
  tableId: string,
  kind: ColumnKind,
  key: string,
  params: Params,
): ColumnMeta {
  // Params first (Appwrite validates them before any lookup); they merge into the stored spec below.
  parseColumnUpdate(kind, params, { required: false, array: false, default: null });
  const context = project.context(databaseId, tableId);
  const column = findColumn(context, key);
  if (column.kind !== kind) {
    throw new LocalApiError(400, 'column_type_invalid', `Column '${key}' is of type ${column.kind}, not ${kind}.`);
  }
  const { spec, newKey } = parseColumnUpdate(kind, params, column.spec);
  // Attributes/Action::updateAttribute throws this one without params, so Appwrite leaves the '%s' in.
  if (column.status !== 'available') throw columnNotAvailable('%s');
  checkDefaultAllowed(spec);
  checkSpecValues(kind, spec);
  if (spec.size !== column.spec.size) checkResize(project, context, column, spec);
  if (newKey !== undefined && newKey !== key) {
    if (context.columns.some((c) => c.seq !== column.seq && c.key.toLowerCase() === newKey.toLowerCase())) throw columnAlreadyExists(newKey);
  }
  project.transaction(() => {
    project.store.updateColumn(column.seq, newKey ?? key, spec);
    if (newKey !== undefined && newKey !== key) renameEverywhere(project, context, key, newKey);
  });
  project.rowStatements.clear();
  return project.store.getColumnBySeq(column.seq)!;
}

function checkResize(project: LocalProject, context: TableContext, column: ColumnMeta, spec: ColumnSpec): void {
  const size = spec.size ?? 0;
  const others = context.columns.filter((c) => c.seq !== column.seq);
  if (size > (column.spec.size ?? 0) && bytesUsed([...others, { kind: column.kind, spec }]) >= BYTES_MAX) {
    throw columnLimitExceeded(context.table.id);
  }
  if (size < (column.spec.size ?? 0)) {
    const c = quoteIdent(columnSqlName(column.key));
    const sql = column.spec.array
      ? `SELECT 1 FROM ${quoteIdent(context.sqlTable)}, json_each(${c}) WHERE length(json_each.value) > ? LIMIT 1`
      : `SELECT 1 FROM ${quoteIdent(context.sqlTable)} WHERE length(${c}) > ? LIMIT 1`;
    if (project.db.prepare(sql).get(size)) {
      throw new LocalApiError(400, 'column_invalid_resize', 'Existing data is too large for new size, truncate your existing data then try again.');
    }
  }
  const resized = context.columns.map((c) => (c.seq === column.seq ? { ...c, spec } : c));
  for (const index of context.indexes) {
    if (index.type !== 'fulltext' && index.columns.includes(column.key) && indexLength(index, resized) > MAX_INDEX_LENGTH) {
      throw indexInvalid(`Index length is longer than the maximum: ${MAX_INDEX_LENGTH}`);
    }
  }
}

/** Renames the SQL column and rewrites index column lists; FTS5 tables name columns, so they are rebuilt. */
function renameEverywhere(project: LocalProject, context: TableContext, from: string, to: string): void {
  const affected = context.indexes.filter((i) => i.columns.includes(from));
  const physical = affected.filter((i) => i.status === 'available');
  for (const index of physical) dropPhysicalIndex(project.db, context.sqlTable, index);
  renameColumn(project.db, context.sqlTable, from, to);
  for (const index of affected) {
    const columns = index.columns.map((c) => (c === from ? to : c));
    project.store.updateIndexColumns(index.seq, columns, index.orders, index.lengths);
    if (index.status === 'available') createPhysicalIndex(project.db, context.sqlTable, { ...index, columns });
  }
}

export function deleteColumn(project: LocalProject, databaseId: string, tableId: string, key: string): void {
  const context = project.context(databaseId, tableId);
  const column = findColumn(context, key);
  if (column.status === 'deleting') return;
  if (column.status === 'available') project.store.setColumnStatus(column.seq, 'deleting');
  project.enqueue({ target: 'column', action: 'delete', seq: column.seq });
}
