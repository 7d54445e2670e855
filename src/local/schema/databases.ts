import type { LocalProject } from '../project.js';
import type { DatabaseMeta, TableMeta } from './types.js';
import { databaseAlreadyExists, tableAlreadyExists } from '../error-catalog.js';
import { createRowTable, dropRowTable } from '../store/ddl.js';
import { rowTableName } from '../sql-names.js';
import type { Params } from '../params.js';
import { boolParam, customIdParam, has, textParam } from '../params.js';
import { parseTablePermissions } from '../permissions.js';

/** Databases and tables: synchronous metadata work; row tables are created and dropped in the same transaction. */

export function createDatabase(project: LocalProject, params: Params, type: DatabaseMeta['type']): DatabaseMeta {
  const id = customIdParam(params, 'databaseId');
  const name = textParam(params, 'name', { required: true, max: 128, min: 1 })!;
  const enabled = boolParam(params, 'enabled', true);
  if (project.store.getDatabase(id)) throw databaseAlreadyExists();
  return project.store.insertDatabase(id, name, enabled, type);
}

export function updateDatabase(project: LocalProject, databaseId: string, params: Params): DatabaseMeta {
  const database = project.database(databaseId);
  const name = textParam(params, 'name', { required: false, max: 128 }) || database.name;
  project.store.updateDatabase(database.seq, name, boolParam(params, 'enabled', true));
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
}

export function createTable(project: LocalProject, databaseId: string, params: Params, names: TableNames): TableMeta {
  const id = customIdParam(params, names.idParam);
  const name = textParam(params, 'name', { required: true, max: 128, min: 1 })!;
  const permissions = parseTablePermissions(params['permissions']) ?? [];
  const rowSecurity = boolParam(params, names.securityParam, false);
  const enabled = boolParam(params, 'enabled', true);
  const database = project.database(databaseId);
  if (project.store.getTable(database.seq, id)) throw tableAlreadyExists();
  return project.transaction(() => {
    const seq = project.store.insertTable(database.seq, id, name, enabled, rowSecurity, permissions);
    createRowTable(project.db, rowTableName(database.seq, seq));
    return project.store.getTableBySeq(seq)!;
  });
}

/** Appwrite's updateTable resets omitted rowSecurity to false and enabled to true; null permissions keep. */
export function updateTable(project: LocalProject, databaseId: string, tableId: string, params: Params, names: TableNames): TableMeta {
  const table = project.table(databaseId, tableId);
  const name = textParam(params, 'name', { required: false, max: 128 }) || table.name;
  const permissions = has(params, 'permissions') ? parseTablePermissions(params['permissions']) ?? table.permissions : table.permissions;
  const rowSecurity = boolParam(params, names.securityParam, false);
  const enabled = boolParam(params, 'enabled', true);
  project.store.updateTable(table.seq, name, enabled, rowSecurity, permissions);
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
