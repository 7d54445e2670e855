import type { FastifyInstance } from 'fastify';
import type { LocalProject } from '../project.js';
import type { Facade } from './facade.js';
import { addRoute, type RequestContext } from './app.js';
import { boolParam, queriesParam } from '../params.js';
import { createRow, deleteRow, getRow, stepColumn, updateRow, upsertRow, type RowScope } from '../rows/rows.js';
import { deleteRows, updateRows, upsertRows } from '../rows/bulk.js';
import { listRows, selectOf } from '../rows/list.js';

/** Rows/documents, single and bulk. */
export function registerRowRoutes(app: FastifyInstance, project: LocalProject, facade: Facade): void {
  const route = addRoute.bind(null, app, project, facade);
  const rows = `/:databaseId/${facade.tableSegment}/:tableId/${facade.rowSegment}`;
  const scopeOf = (ctx: RequestContext): RowScope => ({
    project,
    context: project.context(ctx.path['databaseId']!, ctx.path['tableId']!),
    format: ctx.rowFormat,
    idParam: facade.rowIdParam,
    listParam: facade.rowSegment,
  });

  route('POST', rows, (ctx) => createRow(scopeOf(ctx), ctx.params));
  route('GET', rows, (ctx) => ({
    status: 200,
    body: listRows(scopeOf(ctx), queriesParam(ctx.params), boolParam(ctx.params, 'total', true)),
  }));
  route('PUT', rows, (ctx) => ({ status: 200, body: upsertRows(scopeOf(ctx), ctx.params) }));
  route('PATCH', rows, (ctx) => ({ status: 200, body: updateRows(scopeOf(ctx), ctx.params) }));
  route('DELETE', rows, (ctx) => ({ status: 200, body: deleteRows(scopeOf(ctx), ctx.params) }));

  route('GET', `${rows}/:rowId`, (ctx) => {
    const scope = scopeOf(ctx);
    return { status: 200, body: getRow(scope, ctx.path['rowId']!, selectOf(queriesParam(ctx.params), scope.context)) };
  });
  route('PATCH', `${rows}/:rowId`, (ctx) => ({ status: 200, body: updateRow(scopeOf(ctx), ctx.path['rowId']!, ctx.params) }));
  route('PUT', `${rows}/:rowId`, (ctx) => ({ status: 200, body: upsertRow(scopeOf(ctx), ctx.path['rowId']!, ctx.params) }));
  route('DELETE', `${rows}/:rowId`, (ctx) => {
    deleteRow(scopeOf(ctx), ctx.path['rowId']!);
    return { status: 204 };
  });
  route('PATCH', `${rows}/:rowId/:column/increment`, (ctx) => ({
    status: 200,
    body: stepColumn(scopeOf(ctx), ctx.path['rowId']!, ctx.path['column']!, 1, ctx.params),
  }));
  route('PATCH', `${rows}/:rowId/:column/decrement`, (ctx) => ({
    status: 200,
    body: stepColumn(scopeOf(ctx), ctx.path['rowId']!, ctx.path['column']!, -1, ctx.params),
  }));
}
