import { LocalApiError } from '../errors.js';
import { rowNotFound, databaseNotFound, tableNotFound } from '../error-catalog.js';
import type { Params } from '../params.js';
import { assertGrantable, grants, parseRowPermissions, rolesFor, rowReadFilter, type PermissionAction } from '../permissions.js';
import { createRow, deleteRow, render, stepColumn, updateRow, upsertRow, type RowScope } from '../rows/rows.js';
import { listRows } from '../rows/list.js';
import { dataObject } from '../rows/validate.js';
import { selectById, selectBySeq, type RawRow } from '../rows/row-sql.js';
import type { Caller, RequestAuth } from './caller.js';
import { ensureReadIndex } from './read-index.js';

/**
 * Appwrite's row permission rules (§6.2) around the single-row operations. An API key bypasses every
 * check; everyone else is judged on table permissions plus, with rowSecurity, the row's own.
 * X-Appwrite-Timestamp (§4.9) applies to every caller.
 */

export const userUnauthorized = (): LocalApiError =>
  new LocalApiError(401, 'user_unauthorized', 'The current user is not authorized to perform the requested action.');

/** Appwrite raises the bare error type here, so the message is the error table's default. */
const bulkRefused = (): LocalApiError =>
  new LocalApiError(401, 'general_unauthorized_scope', 'The current user or API key does not have the required scopes to access the requested resource.');

/** A refused table `create` carries the authorization validator's description, as Appwrite's create route does. */
function createRefused(scope: RowScope, roles: readonly string[]): LocalApiError {
  const given = rolesFor(scope.context.table.permissions, 'create');
  const message =
    given.length === 0
      ? "No permissions provided for action 'create'"
      : `Missing "create" permission for role "${given.at(-1)}". Only "${JSON.stringify(roles)}" scopes are allowed and "${JSON.stringify(given)}" was given.`;
  return new LocalApiError(401, 'user_unauthorized', message);
}

function assertCanCreate(scope: RowScope, caller: Caller): void {
  if (caller.kind !== 'key' && !allowed(scope, caller, 'create', undefined)) throw createRefused(scope, caller.roles);
}

function allowed(scope: RowScope, caller: Caller, action: PermissionAction, raw: RawRow | undefined): boolean {
  if (caller.kind === 'key') return true;
  const table = scope.context.table;
  if (grants(table.permissions, action, caller.roles)) return true;
  if (!table.rowSecurity || raw === undefined || action === 'create') return false;
  return grants(JSON.parse(String(raw['_permissions'])) as string[], action, caller.roles);
}

/** Disabled databases and tables do not exist for anyone but a key (§2.8). */
export function assertReachable(scope: RowScope, caller: Caller): void {
  if (caller.kind === 'key') return;
  const table = scope.context.table;
  if (!scope.project.database(table.databaseId).enabled) throw databaseNotFound(table.databaseId);
  if (!table.enabled) throw tableNotFound(table.id);
}

/** `what` names the bulk operation for readers of the call site; Appwrite's message does not. */
export function assertKeyForBulk(caller: Caller, _what: string): void {
  if (caller.kind !== 'key') throw bulkRefused();
}

function assertNotNewer(raw: RawRow, timestamp: string | undefined): void {
  if (timestamp === undefined) return;
  const local = Date.parse(timestamp);
  if (Number.isNaN(local)) throw new LocalApiError(400, 'general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value');
  if (Date.parse(String(raw['_updatedAt'])) > local) {
    throw new LocalApiError(409, 'row_update_conflict', 'Remote row is newer than local.');
  }
}

/** Users may not set $createdAt/$updatedAt; only keys may (§2.7). */
function withoutStamps(params: Params, caller: Caller): Params {
  if (caller.kind === 'key' || params['data'] === undefined || params['data'] === null) return params;
  const { $createdAt: _c, $updatedAt: _u, ...data } = dataObject(params['data']);
  return { ...params, data };
}

/** The permissions a non-key write will store: the given ones (if grantable) or the caller's defaults. */
function permissionsFor(params: Params, caller: Caller, fallback: () => string[] | undefined): Params {
  if (caller.kind === 'key') return params;
  const given = parseRowPermissions(params['permissions']);
  if (given !== undefined) {
    assertGrantable(given, caller.roles);
    return params;
  }
  const permissions = fallback();
  return permissions === undefined ? params : { ...params, permissions };
}

function defaultPermissions(caller: Caller): string[] {
  if (caller.kind !== 'user') return [];
  const role = `user:${caller.userId}`;
  return [`read("${role}")`, `update("${role}")`, `delete("${role}")`];
}

function existing(scope: RowScope, rowId: string): RawRow {
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw) throw rowNotFound(rowId);
  return raw;
}

function sameRow(a: RawRow, b: RawRow | undefined): boolean {
  if (!b) return false;
  return Object.keys(a).every((key) => String(a[key]) === String(b[key]));
}

export function createRowAs(scope: RowScope, auth: RequestAuth, params: Params): { status: number; body: unknown } {
  const { caller } = auth;
  if (params[scope.listParam] !== undefined && params[scope.listParam] !== null) assertKeyForBulk(caller, 'create');
  // Appwrite's order: the grant check on the new row's permissions, then the table's create permission.
  const effective = permissionsFor(withoutStamps(params, caller), caller, () => defaultPermissions(caller));
  assertCanCreate(scope, caller);
  return createRow(scope, effective);
}

export function getRowAs(scope: RowScope, auth: RequestAuth, rowId: string, select?: readonly string[]): Record<string, unknown> {
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw || !allowed(scope, auth.caller, 'read', raw)) throw rowNotFound(rowId);
  return render(scope, raw, select);
}

export function listRowsAs(scope: RowScope, auth: RequestAuth, queries: readonly string[], withTotal: boolean) {
  const { caller } = auth;
  if (allowed(scope, caller, 'read', undefined)) return listRows(scope, queries, withTotal);
  if (!scope.context.table.rowSecurity || caller.kind === 'key') throw userUnauthorized();
  const readIndex = ensureReadIndex(scope.project.db, scope.context.sqlTable);
  return listRows({ ...scope, rowFilter: rowReadFilter(caller.roles, readIndex) }, queries, withTotal);
}

/** Errors Appwrite's storage layer raises only after the permission and timestamp checks passed. */
const STORAGE_ERRORS = new Set(['row_invalid_structure', 'row_unique_constraint_violation']);

/**
 * Updates are applied first and judged after, inside one SQL transaction: a request that changes
 * nothing needs only read, and a refusal rolls everything back. Appwrite judges (permission, then
 * X-Appwrite-Timestamp) before it validates the new values, so a write that fails validation or a unique
 * index is judged as a change first: the caller sees 401 or 409 before the 400 or 409 of the data.
 */
export function updateRowAs(scope: RowScope, auth: RequestAuth, rowId: string, params: Params): Record<string, unknown> {
  const { caller } = auth;
  const before = existing(scope, rowId);
  const judge = (changed: boolean): void => {
    if (!allowed(scope, caller, changed ? 'update' : 'read', before)) throw userUnauthorized();
    assertNotNewer(before, auth.timestamp);
  };
  const effective = permissionsFor(withoutStamps(params, caller), caller, () => undefined);
  return scope.project.transaction(() => {
    let result: Record<string, unknown>;
    try {
      result = updateRow(scope, rowId, effective);
    } catch (error) {
      if (error instanceof LocalApiError && STORAGE_ERRORS.has(error.type)) judge(true);
      throw error;
    }
    judge(!sameRow(before, selectBySeq(scope.project, scope.context, before['_seq'] as bigint)));
    return result;
  });
}

export function upsertRowAs(scope: RowScope, auth: RequestAuth, rowId: string, params: Params): Record<string, unknown> {
  const { caller } = auth;
  const before = selectById(scope.project, scope.context, rowId);
  if (!before) {
    const effective = permissionsFor(withoutStamps(params, caller), caller, () => defaultPermissions(caller));
    assertCanCreate(scope, caller);
    return upsertRow(scope, rowId, effective);
  }
  if (!allowed(scope, caller, 'update', before)) throw userUnauthorized();
  assertNotNewer(before, auth.timestamp);
  return upsertRow(scope, rowId, permissionsFor(withoutStamps(params, caller), caller, () => undefined));
}

export function deleteRowAs(scope: RowScope, auth: RequestAuth, rowId: string): void {
  const before = existing(scope, rowId);
  if (!allowed(scope, auth.caller, 'delete', before)) throw userUnauthorized();
  assertNotNewer(before, auth.timestamp);
  deleteRow(scope, rowId);
}

/**
 * increment/decrement, in Appwrite's order: column and value checks (a missing row is Appwrite's
 * column_not_found, which stepColumn reports), then update permission, then the min/max bound.
 */
export function stepColumnAs(scope: RowScope, auth: RequestAuth, rowId: string, key: string, direction: 1 | -1, params: Params) {
  const raw = selectById(scope.project, scope.context, rowId);
  const judge = (): void => {
    if (raw && !allowed(scope, auth.caller, 'update', raw)) throw userUnauthorized();
  };
  return scope.project.transaction(() => {
    let result: Record<string, unknown>;
    try {
      result = stepColumn(scope, rowId, key, direction, params);
    } catch (error) {
      if (error instanceof LocalApiError && error.type === 'column_limit_exceeded') judge();
      throw error;
    }
    judge();
    return result;
  });
}
