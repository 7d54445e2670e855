import type { FastifyInstance } from 'fastify';
import type { LocalProject } from '../project.js';
import type { Facade } from './facade.js';
import { addRoute } from './app.js';
import { boolParam, queriesParam, textParam } from '../params.js';
import { createDatabase, createTable, deleteDatabase, deleteTable, updateDatabase, updateTable } from '../schema/databases.js';
import { databaseModel, tableModel } from './models.js';
import { checkMetaQueries, listMeta } from './list-meta.js';
import type { DatabaseMeta, TableMeta } from '../schema/types.js';

/** Databases and tables/collections. */
export function registerSchemaRoutes(app: FastifyInstance, project: LocalProject, facade: Facade): void {
  const route = addRoute.bind(null, app, project, facade);
  const names = { idParam: facade.tableIdParam, securityParam: facade.securityField, columnsParam: facade.columnsField };
  const tables = `/:databaseId/${facade.tableSegment}`;

  route('POST', '', ({ params }) => ({ status: 201, body: databaseModel(createDatabase(project, params, facade.name)) }));
  route('GET', '', ({ params }) => {
    const { total, items } = listMeta(project.store.listDatabases(), queriesParam(params), DATABASE_LIST, {
      search: textParam(params, 'search', { required: false, max: 256 }),
      total: boolParam(params, 'total', true),
    });
    return { status: 200, body: { total, databases: items.map(databaseModel) } };
  });
  route('GET', '/:databaseId', ({ path }) => ({ status: 200, body: databaseModel(project.database(path['databaseId']!)) }));
  route('PUT', '/:databaseId', ({ path, params }) => ({ status: 200, body: databaseModel(updateDatabase(project, path['databaseId']!, params)) }));
  route('DELETE', '/:databaseId', ({ path }) => {
    deleteDatabase(project, path['databaseId']!);
    return { status: 204 };
  });

  route('POST', tables, ({ path, params }) => ({
    status: 201,
    body: tableModel(project, createTable(project, path['databaseId']!, params, names), facade),
  }));
  route('GET', tables, ({ path, params }) => {
    checkMetaQueries(queriesParam(params), TABLE_LIST);
    const search = textParam(params, 'search', { required: false, max: 256 });
    const database = project.database(path['databaseId']!);
    const { total, items } = listMeta(project.store.listTables(database.seq), queriesParam(params), TABLE_LIST, {
      search,
      total: boolParam(params, 'total', true),
    });
    return { status: 200, body: { total, [facade.tableSegment]: items.map((t) => tableModel(project, t, facade)) } };
  });
  route('GET', `${tables}/:tableId`, ({ path }) => ({
    status: 200,
    body: tableModel(project, project.table(path['databaseId']!, path['tableId']!), facade),
  }));
  route('PUT', `${tables}/:tableId`, ({ path, params }) => ({
    status: 200,
    body: tableModel(project, updateTable(project, path['databaseId']!, path['tableId']!, params, names), facade),
  }));
  route('DELETE', `${tables}/:tableId`, ({ path }) => {
    deleteTable(project, path['databaseId']!, path['tableId']!);
    return { status: 204 };
  });
}

const DATABASE_LIST = {
  fields: {
    $id: (d: DatabaseMeta) => d.id,
    name: (d: DatabaseMeta) => d.name,
    $createdAt: (d: DatabaseMeta) => d.createdAt,
    $updatedAt: (d: DatabaseMeta) => d.updatedAt,
    $sequence: (d: DatabaseMeta) => d.seq,
  },
  cursorField: '$id',
  cursorNoun: 'Database' as const,
  searchText: (d: DatabaseMeta) => `${d.id} ${d.name}`,
};

const TABLE_LIST = {
  fields: {
    $id: (t: TableMeta) => t.id,
    name: (t: TableMeta) => t.name,
    enabled: (t: TableMeta) => t.enabled,
    rowSecurity: (t: TableMeta) => t.rowSecurity,
    documentSecurity: (t: TableMeta) => t.rowSecurity,
    $createdAt: (t: TableMeta) => t.createdAt,
    $updatedAt: (t: TableMeta) => t.updatedAt,
    $sequence: (t: TableMeta) => t.seq,
  },
  cursorField: '$id',
  cursorNoun: 'Table' as const,
  searchText: (t: TableMeta) => `${t.id} ${t.name}`,
};
