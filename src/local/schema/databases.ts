import type { LocalProject } from '../project.js';
import type { ColumnMeta, DatabaseMeta, TableMeta } from './types.js';
import { databaseAlreadyExists, tableAlreadyExists } from '../error-catalog.js';
import { addColumn, createPhysicalIndex, createRowTable, dropRowTable } from '../store/ddl.js';
import { rowTableName } from '../sql-names.js';
import type { Params } from '../params.js';
import { boolParam, customIdParam, has, objectListParam, textParam } from '../params.js';
import { LocalApiError } from '../errors.js';
import { parseInlineColumns } from './inline-columns.js';
import { parseInlineIndexes, type InlineIndex } from './inline-indexes.js';
import { BYTES_MAX, bytesUsed } from './row-width.js';
import { parseTablePermissions } from '../permissions.js';

/** Databases and tables: synchronous metadata work; row tables are created and dropped in the same transaction. */

export function createDatabase(project: LocalProject, params: Params, type: DatabaseMeta['type']): DatabaseMeta {
  const id = customIdParam(params, 'databaseId');
  const name = textParam(params, 'name', { required: true, max: 128, min: 1 })!;
  const enabled = boolParam(params, 'enabled', true);
  if (project.store.getDatabase(id)) throw databaseAlreadyExists(id);
  return project.store.insertDatabase(id, name, enabled, type);
}

export function updateDatabase(project: LocalProject, databaseId: string, params: Params): DatabaseMeta {
  const newName = textParam(params, 'name', { required: false, max: 128 });
  const enabled = boolParam(params, 'enabled', true);
  const database = project.database(databaseId);
  project.store.updateDatabase(database.seq, newName || database.name, enabled);
  return project.database(databaseId);
}

export function deleteDatabase(project: LocalProject, databaseId: string): void {
  const database = project.database(databaseId);
  project.transaction(() => {
    for (const table of project.store.listTables(database.seq)) dropRowTable(project.db, rowTableName(table.dbSeq, table.seq));
    project.store.deleteDatabase(database.seq);
  });
  project.rowStatements.clear();
}

export interface TableNames {
  idParam: 'tableId' | 'collectionId';
  securityParam: 'rowSecurity' | 'documentSecurity';
  /** The inline column list: `columns` (TablesDB) or `attributes` (legacy). */
  columnsParam: 'columns' | 'attributes';
}

/**
 * createTable, with its inline columns and indexes created at once and `available` (Appwrite's
 * Collections/Create.php): all of them are validated before anything is written, and any failure
 * leaves no table behind.
 */
export function createTable(project: LocalProject, databaseId: string, params: Params, names: TableNames): TableMeta {
  const id = customIdParam(params, names.idParam);
  const name = textParam(params, 'name', { required: true, max: 128, min: 1 })!;
  const permissions = parseTablePermissions(params['permissions']) ?? [];
  const rowSecurity = boolParam(params, names.securityParam, false);
  const enabled = boolParam(params, 'enabled', true);
  const columnItems = objectListParam(params, names.columnsParam);
  const indexItems = objectListParam(params, 'indexes');
  const database = project.database(databaseId);
  if (project.store.getTable(database.seq, id)) throw tableAlreadyExists(id);
  const columns: ColumnMeta[] = parseInlineColumns(columnItems).map(({ key, kind, spec }) => ({
    seq: 0, tableSeq: 0, key, kind, spec, status: 'available', error: '', createdAt: '', updatedAt: '',
  }));
  const indexes = parseInlineIndexes(indexItems, columns);
  // utopia's createCollection: a Limit exception, which Appwrite reports with the table's id as param.
  if (bytesUsed(columns) > BYTES_MAX) {
    throw new LocalApiError(400, 'table_limit_exceeded', `The maximum number of tables for database '${id}' has been reached.`);
  }
  // Keys differing only in case pass Appwrite's validator, then MariaDB refuses the duplicate column.
  if (new Set(columns.map((c) => c.key.toLowerCase())).size !== columns.length) throw tableAlreadyExists(id);
  return project.transaction(() => {
    const seq = project.store.insertTable(database.seq, id, name, enabled, rowSecurity, permissions);
    const sqlTable = rowTableName(database.seq, seq);
    createRowTable(project.db, sqlTable);
    for (const column of columns) {
      project.store.insertColumn(seq, column.key, column.kind, column.spec, 'available');
      addColumn(project.db, sqlTable, column.key, column.kind, column.spec.array);
    }
    for (const index of indexes) createInlineIndex(project, seq, sqlTable, index);
    return project.store.getTableBySeq(seq)!;
  });
}

function createInlineIndex(project: LocalProject, tableSeq: number, sqlTable: string, index: InlineIndex): void {
  project.store.insertIndex(tableSeq, index, 'available');
  createPhysicalIndex(project.db, sqlTable, index);
}

/**
 * Appwrite's updateTable resets omitted rowSecurity to false and enabled to true; null permissions keep;
 * `purge` drops the table's cached listRows responses.
 */
export function updateTable(project: LocalProject, databaseId: string, tableId: string, params: Params, names: TableNames): TableMeta {
  // Params first: Appwrite validates them before it looks the table up.
  const newName = textParam(params, 'name', { required: false, max: 128 });
  const newPermissions = has(params, 'permissions') ? parseTablePermissions(params['permissions']) : undefined;
  const rowSecurity = boolParam(params, names.securityParam, false);
  const enabled = boolParam(params, 'enabled', true);
  const purge = boolParam(params, 'purge', false);
  const table = project.table(databaseId, tableId);
  const name = newName || table.name;
  const permissions = newPermissions ?? table.permissions;
  project.store.updateTable(table.seq, name, enabled, rowSecurity, permissions);
  if (purge) project.listCache.purge(table.seq);
  return project.store.getTableBySeq(table.seq)!;
}

export function deleteTable(project: LocalProject, databaseId: string, tableId: string): void {
  const table = project.table(databaseId, tableId);
  project.transaction(() => {
    dropRowTable(project.db, rowTableName(table.dbSeq, table.seq));
    project.store.deleteTable(table.seq);
  });
  project.rowStatements.clear();
}
