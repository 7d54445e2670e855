import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boolParam, integerRangeParam, queriesParam, type Params } from '../params.js';
import { formatUtc } from '../datetime.js';
import { badRequest } from '../error-catalog.js';
import { selectOf } from '../rows/list.js';
import { assertKeyForBulk, getRowAs, listRowsAs } from '../auth/row-access.js';
import { ensureReadIndex } from '../auth/read-index.js';
import { scopeFor, COMMIT_NAMING, type Naming } from '../transactions/apply.js';
import { operationOf, type RowRouteKind } from '../transactions/from-row-request.js';
import { parseOperations } from '../transactions/operations.js';
import type { TransactionService } from '../transactions/service.js';
import { isBulk, TTL_DEFAULT, TTL_MAX, TTL_MIN, type Transaction } from '../transactions/types.js';
import { authOf, rowFormatOf, sendJson } from './app.js';
import { LEGACY, TABLESDB, type Facade } from './facade.js';

/** `/transactions` on both APIs, and `transactionId` on the row routes (staged writes, reads of the staged state). */

function model(transaction: Transaction): Record<string, unknown> {
  return {
    $id: transaction.id,
    $createdAt: formatUtc(transaction.createdAt),
    $updatedAt: formatUtc(transaction.updatedAt),
    status: transaction.status,
    operations: transaction.operations.length,
    expiresAt: formatUtc(transaction.expiresAt),
  };
}

function paramsOf(request: FastifyRequest): Params {
  const params = request.method === 'GET' ? request.query : request.body;
  return params !== null && typeof params === 'object' ? (params as Params) : {};
}

function ttlParam(params: Params): number {
  return integerRangeParam(params, 'ttl', { min: TTL_MIN, max: TTL_MAX, fallback: TTL_DEFAULT });
}

export function registerTransactionRoutes(app: FastifyInstance, service: TransactionService): void {
  /** Key-staged operations carry no auth; others replay as their caller at commit. */
  const stagedBy = (request: FastifyRequest) => {
    const auth = authOf(request);
    return auth.caller.kind === 'key' ? {} : { auth };
  };
  const send = (reply: FastifyReply, status: number, body?: unknown) => (status === 204 ? reply.code(204).send() : sendJson(reply, status, body));
  const { registry } = service;

  for (const facade of [TABLESDB, LEGACY]) {
    const base = `${facade.prefix}/transactions`;
    const id = (request: FastifyRequest) => (request.params as Record<string, string>)['transactionId']!;
    app.post(base, async (request, reply) => send(reply, 201, model(registry.create(ttlParam(paramsOf(request))))));
    app.get(base, async (_request, reply) => {
      const all = registry.list();
      return send(reply, 200, { total: all.length, transactions: all.map(model) });
    });
    app.get(`${base}/:transactionId`, async (request, reply) => send(reply, 200, model(registry.get(id(request)))));
    app.delete(`${base}/:transactionId`, async (request, reply) => {
      registry.delete(id(request));
      return send(reply, 204);
    });
    app.patch(`${base}/:transactionId`, async (request, reply) => {
      const params = paramsOf(request);
      const commit = boolParam(params, 'commit', false);
      const rollback = boolParam(params, 'rollback', false);
      if (commit === rollback) throw badRequest(commit ? 'Cannot commit and rollback at the same time.' : 'Either commit or rollback must be true.');
      registry.get(id(request));
      return send(reply, 200, model(commit ? service.commit(id(request)) : service.rollback(id(request))));
    });
    app.post(`${base}/:transactionId/operations`, async (request, reply) => {
      registry.get(id(request));
      const operations = parseOperations(paramsOf(request)['operations']).map((op) => ({ ...op, ...stagedBy(request) }));
      for (const op of operations) if (isBulk(op.action)) assertKeyForBulk(authOf(request).caller, op.action);
      service.stage(id(request), operations, COMMIT_NAMING);
      return send(reply, 201, model(registry.get(id(request))));
    });
  }

  const rowRoutes = new Map<string, { facade: Facade; kind: RowRouteKind }>();
  for (const facade of [TABLESDB, LEGACY]) {
    const rows = `${facade.prefix}/:databaseId/${facade.tableSegment}/:tableId/${facade.rowSegment}`;
    rowRoutes.set(rows, { facade, kind: 'rows' });
    rowRoutes.set(`${rows}/:rowId`, { facade, kind: 'row' });
    rowRoutes.set(`${rows}/:rowId/:column/increment`, { facade, kind: 'increment' });
    rowRoutes.set(`${rows}/:rowId/:column/decrement`, { facade, kind: 'decrement' });
  }

  // One hook instead of a branch in every row handler: a request with transactionId never reaches them.
  app.addHook('preHandler', async (request, reply) => {
    const route = rowRoutes.get(request.routeOptions.url ?? '');
    if (!route) return undefined;
    const params = paramsOf(request);
    const transactionId = params['transactionId'];
    if (transactionId === undefined || transactionId === null || transactionId === '') return undefined;
    const { facade, kind } = route;
    const naming: Naming = { format: rowFormatOf(request, facade), idParam: facade.rowIdParam, listParam: facade.rowSegment };
    const path = request.params as Record<string, string>;
    const auth = authOf(request);
    const op = operationOf({ kind, method: request.method, path, params, idParam: facade.rowIdParam, listParam: facade.rowSegment });
    if (!op) {
      const queries = queriesParam(params);
      const table = scopeFor(service.project, path['databaseId']!, path['tableId']!, naming).context;
      // The row-security read index is built once per connection; built inside a preview, its rollback would lose it.
      if (auth.caller.kind !== 'key' && table.table.rowSecurity) ensureReadIndex(service.project.db, table.sqlTable);
      const body = service.read(String(transactionId), () => {
        const scope = scopeFor(service.project, path['databaseId']!, path['tableId']!, naming);
        if (kind === 'row') return getRowAs(scope, auth, path['rowId']!, selectOf(queries, scope.context));
        return listRowsAs(scope, auth, queries, boolParam(params, 'total', true));
      });
      return send(reply, 200, body);
    }
    const staged = service.stage(String(transactionId), [{ ...op, ...stagedBy(request) }], naming);
    return send(reply, staged.status, staged.body);
  });
}
