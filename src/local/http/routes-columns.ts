import type { FastifyInstance } from 'fastify';
import type { LocalProject } from '../project.js';
import type { Facade } from './facade.js';
import { addRoute } from './app.js';
import { LocalApiError } from '../errors.js';
import { boolParam, queriesParam } from '../params.js';
import { COLUMN_KINDS, type ColumnKind, type ColumnMeta, type IndexMeta } from '../schema/types.js';
import { createColumn, deleteColumn, findColumn, updateColumn } from '../schema/columns.js';
import { createIndex, deleteIndex, findIndex } from '../schema/indexes.js';
import { columnModel, indexModel } from './models.js';
import { checkMetaQueries, listMeta } from './list-meta.js';

function kindOf(type: string | undefined): ColumnKind {
  if (type !== undefined && (COLUMN_KINDS as readonly string[]).includes(type)) return type as ColumnKind;
  throw new LocalApiError(501, 'general_not_implemented', `Column type '${type ?? ''}' is not supported by the local server.`);
}

/** Columns/attributes and indexes of one table. */
export function registerColumnRoutes(app: FastifyInstance, project: LocalProject, facade: Facade): void {
  const route = addRoute.bind(null, app, project, facade);
  const base = `/:databaseId/${facade.tableSegment}/:tableId`;
  const columns = `${base}/${facade.columnSegment}`;
  const ids = (path: Record<string, string>) => [path['databaseId']!, path['tableId']!] as const;

  route('GET', columns, ({ path, params }) => {
    checkMetaQueries(queriesParam(params), COLUMN_LIST);
    const context = project.context(...ids(path));
    const { total, items } = listMeta(context.columns, queriesParam(params), COLUMN_LIST, { total: boolParam(params, 'total', true) });
    return { status: 200, body: { total, [facade.columnsField]: items.map(columnModel) } };
  });
  route('POST', `${columns}/:type`, ({ path, params }) => ({
    status: 202,
    body: columnModel(createColumn(project, ...ids(path), kindOf(path['type']), params)),
  }));
  route('GET', `${columns}/:key`, ({ path }) => ({ status: 200, body: columnModel(findColumn(project.context(...ids(path)), path['key']!)) }));
  route('PATCH', `${columns}/:type/:key`, ({ path, params }) => ({
    status: 200,
    body: columnModel(updateColumn(project, ...ids(path), kindOf(path['type']), path['key']!, params)),
  }));
  route('DELETE', `${columns}/:key`, ({ path }) => {
    deleteColumn(project, ...ids(path), path['key']!);
    return { status: 204 };
  });

  route('GET', `${base}/indexes`, ({ path, params }) => {
    checkMetaQueries(queriesParam(params), INDEX_LIST);
    const context = project.context(...ids(path));
    const { total, items } = listMeta(context.indexes, queriesParam(params), INDEX_LIST, { total: boolParam(params, 'total', true) });
    return { status: 200, body: { total, indexes: items.map((i) => indexModel(i, context.table, facade)) } };
  });
  route('POST', `${base}/indexes`, ({ path, params }) => {
    const index = createIndex(project, ...ids(path), params, facade.columnsField);
    return { status: 202, body: indexModel(index, project.table(...ids(path)), facade) };
  });
  route('GET', `${base}/indexes/:key`, ({ path }) => ({
    status: 200,
    body: indexModel(findIndex(project, ...ids(path), path['key']!), project.table(...ids(path)), facade),
  }));
  route('DELETE', `${base}/indexes/:key`, ({ path }) => {
    deleteIndex(project, ...ids(path), path['key']!);
    return { status: 204 };
  });
}

const COLUMN_LIST = {
  fields: {
    key: (c: ColumnMeta) => c.key,
    type: (c: ColumnMeta) => c.kind,
    size: (c: ColumnMeta) => c.spec.size,
    required: (c: ColumnMeta) => c.spec.required,
    array: (c: ColumnMeta) => c.spec.array,
    status: (c: ColumnMeta) => c.status,
    error: (c: ColumnMeta) => c.error,
  },
  cursorField: 'key',
  cursorNoun: 'Column' as const,
};

const INDEX_LIST = {
  fields: {
    key: (i: IndexMeta) => i.key,
    type: (i: IndexMeta) => i.type,
    status: (i: IndexMeta) => i.status,
    attributes: (i: IndexMeta) => i.columns.join(','),
    error: (i: IndexMeta) => i.error,
  },
  cursorField: 'key',
  cursorNoun: 'Index' as const,
};
