import type { FastifyInstance } from 'fastify';
import type { LocalProject } from '../project.js';
import type { Facade } from './facade.js';
import { addRoute, type RequestContext } from './app.js';
import { boolParam, integerRangeParam, queriesParam } from '../params.js';
import { rolesOf } from '../auth/caller.js';
import type { Params } from '../params.js';
import { dataObject } from '../rows/validate.js';
import { parseRowPermissions } from '../permissions.js';
import type { RowScope } from '../rows/rows.js';
import { deleteRows, updateRows, upsertRows } from '../rows/bulk.js';
import { selectOf } from '../rows/list.js';
import { assertKeyForBulk, assertReachable, createRowAs, deleteRowAs, getRowAs, listRowsAs, stepColumnAs, updateRowAs, upsertRowAs } from '../auth/row-access.js';

/**
 * Appwrite validates a route's params (queries, data, permissions, total) before its action looks the
 * database and table up, so a malformed param is a 400 even where the database does not exist.
 * The handlers validate them again where they use them; these checks only fix the order.
 */
function checkParamsFirst(params: Params): void {
  queriesParam(params);
  boolParam(params, 'total', true);
  if (params['data'] !== undefined && params['data'] !== null) dataObject(params['data']);
  parseRowPermissions(params['permissions']);
}

/** Rows/documents, single and bulk; permission rules live in auth/row-access.ts. */
export function registerRowRoutes(app: FastifyInstance, project: LocalProject, facade: Facade): void {
  const route = addRoute.bind(null, app, project, facade);
  const rows = `/:databaseId/${facade.tableSegment}/:tableId/${facade.rowSegment}`;
  const scopeOf = (ctx: RequestContext): RowScope => {
    checkParamsFirst(ctx.params);
    const scope: RowScope = {
      project,
      context: project.context(ctx.path['databaseId']!, ctx.path['tableId']!),
      format: ctx.rowFormat,
      idParam: facade.rowIdParam,
      listParam: facade.rowSegment,
    };
    assertReachable(scope, ctx.auth.caller);
    return scope;
  };
  const bulkScopeOf = (ctx: RequestContext, what: string): RowScope => {
    assertKeyForBulk(ctx.auth.caller, what);
    return scopeOf(ctx);
  };

  route('POST', rows, (ctx) => {
    // Appwrite refuses a non-key bulk create before it looks the database up.
    if (ctx.params[facade.rowSegment] !== undefined && ctx.params[facade.rowSegment] !== null) assertKeyForBulk(ctx.auth.caller, 'create');
    return createRowAs(scopeOf(ctx), ctx.auth, ctx.params);
  });
  route('GET', rows, (ctx) => {
    // Appwrite validates every param before it looks anything up.
    const queries = queriesParam(ctx.params);
    const withTotal = boolParam(ctx.params, 'total', true);
    const ttlSeconds = integerRangeParam(ctx.params, 'ttl', { min: 0, max: 86400, fallback: 0 });
    const scope = scopeOf(ctx);
    const list = () => listRowsAs(scope, ctx.auth, queries, withTotal);
    if (ttlSeconds === 0) return { status: 200, body: list() };
    const request = { context: scope.context, roles: rolesOf(ctx.auth.caller), format: JSON.stringify(ctx.rowFormat), queries, withTotal, ttlSeconds };
    const { body, hit } = project.listCache.through(request, Date.now(), list, facade.rowSegment);
    return { status: 200, body, headers: { 'X-Appwrite-Cache': hit ? 'hit' : 'miss' } };
  });
  route('PUT', rows, (ctx) => ({ status: 200, body: upsertRows(bulkScopeOf(ctx, 'upsert'), ctx.params) }));
  route('PATCH', rows, (ctx) => ({ status: 200, body: updateRows(bulkScopeOf(ctx, 'update'), ctx.params) }));
  route('DELETE', rows, (ctx) => ({ status: 200, body: deleteRows(bulkScopeOf(ctx, 'delete'), ctx.params) }));

  route('GET', `${rows}/:rowId`, (ctx) => {
    const scope = scopeOf(ctx);
    return { status: 200, body: getRowAs(scope, ctx.auth, ctx.path['rowId']!, selectOf(queriesParam(ctx.params), scope.context)) };
  });
  route('PATCH', `${rows}/:rowId`, (ctx) => ({ status: 200, body: updateRowAs(scopeOf(ctx), ctx.auth, ctx.path['rowId']!, ctx.params) }));
  route('PUT', `${rows}/:rowId`, (ctx) => ({ status: 200, body: upsertRowAs(scopeOf(ctx), ctx.auth, ctx.path['rowId']!, ctx.params) }));
  route('DELETE', `${rows}/:rowId`, (ctx) => {
    deleteRowAs(scopeOf(ctx), ctx.auth, ctx.path['rowId']!);
    return { status: 204 };
  });
  route('PATCH', `${rows}/:rowId/:column/increment`, (ctx) => ({
    status: 200,
    body: stepColumnAs(scopeOf(ctx), ctx.auth, ctx.path['rowId']!, ctx.path['column']!, 1, ctx.params),
  }));
  route('PATCH', `${rows}/:rowId/:column/decrement`, (ctx) => ({
    status: 200,
    body: stepColumnAs(scopeOf(ctx), ctx.auth, ctx.path['rowId']!, ctx.path['column']!, -1, ctx.params),
  }));
}
