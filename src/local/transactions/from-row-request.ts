import type { Params } from '../params.js';
import { customIdParam, queriesParam } from '../params.js';
import { dataObject } from '../rows/validate.js';
import { withIds } from './operations.js';
import type { StagedOperation } from './types.js';

/** A row route called with `transactionId`: which write it stages, or which read it runs. */

export type RowRouteKind = 'rows' | 'row' | 'increment' | 'decrement';

export interface RowRequest {
  kind: RowRouteKind;
  method: string;
  path: Record<string, string>;
  params: Params;
  idParam: 'rowId' | 'documentId';
  listParam: 'rows' | 'documents';
}

/** The staged operation of a write request; undefined for reads (GET). */
export function operationOf(request: RowRequest): StagedOperation | undefined {
  const { path, params, method } = request;
  const at = { databaseId: path['databaseId']!, tableId: path['tableId']! };
  const rowId = path['rowId'];
  const withPermissions = (data: Record<string, unknown>) =>
    params['permissions'] === undefined || params['permissions'] === null ? data : { ...data, $permissions: params['permissions'] };
  const dataOf = () => (params['data'] === undefined || params['data'] === null ? {} : dataObject(params['data']));
  if (method === 'GET') return undefined;
  switch (request.kind) {
    case 'increment':
    case 'decrement': {
      const bound = request.kind === 'increment' ? 'max' : 'min';
      const data: Record<string, unknown> = { column: path['column'], value: params['value'] ?? 1 };
      if (params[bound] !== undefined && params[bound] !== null) data[bound] = params[bound];
      return { action: request.kind, ...at, rowId: rowId!, data };
    }
    case 'row':
      if (method === 'DELETE') return { action: 'delete', ...at, rowId: rowId! };
      return { action: method === 'PUT' ? 'upsert' : 'update', ...at, rowId: rowId!, data: withPermissions(dataOf()) };
    case 'rows': {
      const items = params[request.listParam];
      if (method === 'POST' && Array.isArray(items)) return { action: 'bulkCreate', ...at, data: withIds(items as Record<string, unknown>[]) };
      if (method === 'POST') return { action: 'create', ...at, rowId: customIdParam(params, request.idParam), data: withPermissions(dataOf()) };
      if (method === 'PUT') return { action: 'bulkUpsert', ...at, data: Array.isArray(items) ? withIds(items as Record<string, unknown>[]) : items };
      if (method === 'PATCH') return { action: 'bulkUpdate', ...at, data: { queries: queriesParam(params), data: dataOf() } };
      return { action: 'bulkDelete', ...at, data: { queries: queriesParam(params) } };
    }
  }
}
