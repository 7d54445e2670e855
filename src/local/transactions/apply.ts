import type { LocalProject } from '../project.js';
import type { RowFormat } from '../rows/codec.js';
import type { Params } from '../params.js';
import type { RowScope } from '../rows/rows.js';
import { deleteRows, updateRows, upsertRows } from '../rows/bulk.js';
import { KEY_CALLER, type RequestAuth } from '../auth/index.js';
import { assertKeyForBulk, assertReachable, createRowAs, deleteRowAs, stepColumnAs, updateRowAs, upsertRowAs } from '../auth/row-access.js';
import type { StagedOperation } from './types.js';

/** Runs staged operations through the ordinary row services, for real (commit) or as a preview. */

export interface Naming {
  format: RowFormat;
  idParam: 'rowId' | 'documentId';
  listParam: 'rows' | 'documents';
}

export const COMMIT_NAMING: Naming = { format: { sequenceAsString: true, tableField: '$tableId' }, idParam: 'rowId', listParam: 'rows' };

export interface Applied {
  status: number;
  body?: unknown;
}

export function scopeFor(project: LocalProject, databaseId: string, tableId: string, naming: Naming): RowScope {
  return { project, context: project.context(databaseId, tableId), format: naming.format, idParam: naming.idParam, listParam: naming.listParam };
}

/** `$permissions` travels inside staged row data; the row services take it as a separate param. */
function splitPermissions(data: unknown): { data: Record<string, unknown>; permissions?: unknown } {
  const { $permissions, ...rest } = (data ?? {}) as Record<string, unknown>;
  return $permissions === undefined ? { data: rest } : { data: rest, permissions: $permissions };
}

export const KEY_AUTH: RequestAuth = { caller: KEY_CALLER, timestamp: undefined };

/** One operation through the same permission rules as the row routes, as the caller who staged it. */
export function applyOperation(project: LocalProject, op: StagedOperation, naming: Naming): Applied {
  const scope = scopeFor(project, op.databaseId, op.tableId, naming);
  const auth = op.auth ?? KEY_AUTH;
  assertReachable(scope, auth.caller);
  const rowId = op.rowId ?? '';
  const data = (op.data ?? {}) as Params;
  switch (op.action) {
    case 'create':
      return createRowAs(scope, auth, { [naming.idParam]: rowId, ...splitPermissions(op.data) });
    case 'update':
      return { status: 200, body: updateRowAs(scope, auth, rowId, splitPermissions(op.data)) };
    case 'upsert':
      return { status: 200, body: upsertRowAs(scope, auth, rowId, splitPermissions(op.data)) };
    case 'delete':
      deleteRowAs(scope, auth, rowId);
      return { status: 204 };
    case 'increment':
      return { status: 200, body: stepColumnAs(scope, auth, rowId, String(data['column']), 1, { value: data['value'], max: data['max'] }) };
    case 'decrement':
      return { status: 200, body: stepColumnAs(scope, auth, rowId, String(data['column']), -1, { value: data['value'], min: data['min'] }) };
    case 'bulkCreate':
      return createRowAs(scope, auth, { [naming.listParam]: op.data });
    case 'bulkUpsert':
      assertKeyForBulk(auth.caller, 'upsert');
      return { status: 200, body: upsertRows(scope, { [naming.listParam]: op.data }) };
    case 'bulkUpdate':
      assertKeyForBulk(auth.caller, 'update');
      return { status: 200, body: updateRows(scope, { queries: data['queries'], data: data['data'] }) };
    case 'bulkDelete':
      assertKeyForBulk(auth.caller, 'delete');
      return { status: 200, body: deleteRows(scope, { queries: data['queries'] }) };
  }
}

const ROLLBACK = Symbol('preview rollback');

/**
 * Runs fn inside an SQLite transaction and rolls it back: the staged state is computed by really
 * applying the staged operations, so a preview can never disagree with what a commit would do.
 * better-sqlite3 is synchronous, so no other request can observe the uncommitted state.
 */
export function preview<T>(project: LocalProject, fn: () => T): T {
  let result: { value: T } | undefined;
  try {
    project.transaction(() => {
      result = { value: fn() };
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return result!.value;
}

export function applyAll(project: LocalProject, operations: readonly StagedOperation[]): void {
  for (const op of operations) applyOperation(project, op, COMMIT_NAMING);
}
