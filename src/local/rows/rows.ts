import type { LocalProject, TableContext } from '../project.js';
import type { RowFormat } from './codec.js';
import { decodeRow, decodeValue, encodeValue } from './codec.js';
import { LocalApiError } from '../errors.js';
import { badRequest, columnNotFound, rowNotFound } from '../error-catalog.js';
import type { Params } from '../params.js';
import { customIdParam, has, invalidParam, isKey, KEY_TEXT, uniqueId } from '../params.js';
import { parseRowPermissions } from '../permissions.js';
import { nowUtc } from '../datetime.js';
import { dataObject, readTimestamps, valuesForCreate, valuesForUpdate } from './validate.js';
import { deleteBySeq, insertRow, insertRows, selectById, selectBySeq, storedRow, updateRowValues, type RawRow } from './row-sql.js';
import { columnSqlName } from '../sql-names.js';
import { checkOperator, splitOperators } from './operators.js';
import { applyOperator } from './operator-apply.js';

/** Single-row operations (§2.7). Authorisation is the caller's job (auth/row-access.ts). */

export interface RowScope {
  project: LocalProject;
  context: TableContext;
  format: RowFormat;
  idParam: 'rowId' | 'documentId';
  listParam: 'rows' | 'documents';
  /** Row-security read filter ANDed into listRows (set by auth/row-access.ts for non-key callers). */
  rowFilter?: { sql: string; params: unknown[] };
}

export function render(scope: RowScope, raw: RawRow, select?: readonly string[]): Record<string, unknown> {
  return decodeRow(raw, scope.context.table, scope.context.available, scope.format, select);
}

const missingData = (message: string): LocalApiError => new LocalApiError(400, 'row_missing_data', message);
const MISSING_DATA = 'The row data is missing. Try again with row data populated.';

/** Builds one insertable row from `data` (single) or a bulk item (which carries $id/$permissions). */
export function prepareNewRow(scope: RowScope, data: Record<string, unknown>, id: string, permissions: string[] | undefined) {
  const values = valuesForCreate(data, scope.context.available);
  const stamps = readTimestamps(data);
  const now = nowUtc();
  return { id, createdAt: stamps.createdAt ?? now, updatedAt: stamps.updatedAt ?? stamps.createdAt ?? now, permissions: permissions ?? [], values };
}

/**
 * An upsert that creates its row applies its operators to a row that holds nothing yet (a number
 * starts at 0, an array empty, as on a null value); createRow itself never reads operators.
 */
export function withOperatorsApplied(scope: RowScope, data: Record<string, unknown>): Record<string, unknown> {
  const split = splitOperators(data, scope.context.available);
  if (!split) return data;
  const result = { ...split.plain };
  const now = Date.now();
  for (const [key, op] of split.operators) {
    const column = scope.context.available.find((c) => c.key === key)!;
    checkOperator(key, op, column, null);
    result[key] = applyOperator(op, column, null, now);
  }
  return result;
}

export function createRow(scope: RowScope, params: Params): { status: number; body: unknown } {
  // Documents/Create.php: "empty" data or rows count as absent, and absence is judged first.
  const data = params['data'] === undefined || params['data'] === null ? {} : dataObject(params['data']);
  const items = params[scope.listParam];
  const hasData = Object.keys(data).length > 0;
  const hasRows = Array.isArray(items) ? items.length > 0 : items !== undefined && items !== null;
  if (!hasData && !hasRows) throw missingData(MISSING_DATA);
  if (hasData && hasRows) throw badRequest(`You can only send one of the following parameters: data, ${scope.listParam}`);
  if (hasRows) return { status: 201, body: createRows(scope, params) };
  if (!has(params, scope.idParam) || params[scope.idParam] === null || params[scope.idParam] === '') throw missingData('Row ID is required when creating a single row.');
  const id = customIdParam(params, scope.idParam);
  const permissions = parseRowPermissions(params['permissions']);
  const row = prepareNewRow(scope, data, id, permissions);
  const seq = insertRow(scope.project, scope.context, row);
  return { status: 201, body: render(scope, storedRow(row, seq)) };
}

function bulkItems(scope: RowScope, params: Params): Record<string, unknown>[] {
  const items = params[scope.listParam];
  if (!Array.isArray(items) || items.length === 0 || items.length > 100 || !items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) {
    throw invalidParam(scope.listParam, 'Value must a valid array no longer than 100 items and Value must be a valid JSON object');
  }
  return items as Record<string, unknown>[];
}

function bulkId(value: unknown): string {
  if (value === undefined || value === null || value === 'unique()') return uniqueId();
  if (!isKey(value)) throw invalidParam('$id', KEY_TEXT);
  return value;
}

function createRows(scope: RowScope, params: Params): { total: number } & Record<string, unknown> {
  if (has(params, scope.idParam) && params[scope.idParam] !== null) {
    throw badRequest(`Param "${scope.idParam}" is not allowed when creating multiple ${scope.listParam}, set "$id" on each instead.`);
  }
  if (params['permissions'] !== undefined && params['permissions'] !== null) {
    throw badRequest(`Param "permissions" is disallowed when creating multiple ${scope.listParam}, set "$permissions" on each instead`);
  }
  const items = bulkItems(scope, params);
  const prepared = items.map((item) => prepareNewRow(scope, item, bulkId(item['$id']), parseRowPermissions(item['$permissions'])));
  const rows = scope.project.transaction(() =>
    insertRows(scope.project, scope.context, prepared).map((seq, i) => render(scope, storedRow(prepared[i]!, seq))),
  );
  return { total: rows.length, [scope.listParam]: rows };
}

export function getRow(scope: RowScope, rowId: string, select?: readonly string[]): Record<string, unknown> {
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw) throw rowNotFound(rowId);
  return render(scope, raw, select);
}

/** Applies a partial update (operators included) to an existing raw row; returns true when anything changed. */
export function applyUpdate(scope: RowScope, raw: RawRow, data: Record<string, unknown>, permissions: string[] | undefined, requireAll: boolean): boolean {
  const split = splitOperators(data, scope.context.available);
  const values = valuesForUpdate(split?.plain ?? data, scope.context.available);
  if (split) {
    const now = Date.now();
    for (const [key, op] of split.operators) {
      const column = scope.context.available.find((c) => c.key === key)!;
      const current = decodeValue(column, raw[columnSqlName(key)]);
      checkOperator(key, op, column, current);
      values.set(key, encodeValue(column, applyOperator(op, column, current, now)));
    }
  }
  if (requireAll) {
    for (const column of scope.context.available) {
      if (column.spec.required && !values.has(column.key)) {
        throw new LocalApiError(400, 'row_invalid_structure', `Invalid document structure: Missing required attribute "${column.key}"`);
      }
    }
  }
  const stamps = readTimestamps(data);
  for (const [key, value] of [...values]) {
    const before = raw[columnSqlName(key)];
    if (before === value || (before !== null && value !== null && String(before) === String(value))) values.delete(key);
  }
  const permissionsChanged = permissions !== undefined && JSON.stringify(permissions) !== String(raw['_permissions']);
  const changed = values.size > 0 || permissionsChanged || stamps.createdAt !== undefined || stamps.updatedAt !== undefined;
  if (!changed) return false;
  const change: Parameters<typeof updateRowValues>[3] = { values, updatedAt: stamps.updatedAt ?? nowUtc() };
  if (stamps.createdAt !== undefined) change.createdAt = stamps.createdAt;
  if (permissionsChanged) change.permissions = permissions;
  updateRowValues(scope.project, scope.context, raw['_seq'] as bigint, change);
  return true;
}

export function updateRow(scope: RowScope, rowId: string, params: Params): Record<string, unknown> {
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw) throw rowNotFound(rowId);
  const data = params['data'] === undefined || params['data'] === null ? {} : dataObject(params['data']);
  const permissions = parseRowPermissions(params['permissions']);
  if (Object.keys(data).length === 0 && permissions === undefined) {
    throw new LocalApiError(400, 'row_missing_payload', 'The row data and permissions are missing. You must provide either row data or permissions to be updated.');
  }
  applyUpdate(scope, raw, data, permissions, false);
  return render(scope, selectBySeq(scope.project, scope.context, raw['_seq'] as bigint)!);
}

export function upsertRow(scope: RowScope, rowId: string, params: Params): Record<string, unknown> {
  const data = params['data'] === undefined || params['data'] === null ? {} : dataObject(params['data']);
  const permissions = parseRowPermissions(params['permissions']);
  return scope.project.transaction(() => {
    const raw = selectById(scope.project, scope.context, rowId);
    if (!raw) {
      const seq = insertRow(scope.project, scope.context, prepareNewRow(scope, withOperatorsApplied(scope, data), rowId, permissions));
      return render(scope, selectBySeq(scope.project, scope.context, seq)!);
    }
    if (Object.keys(data).length === 0 && permissions === undefined) {
      throw new LocalApiError(400, 'row_missing_payload', 'The row data and permissions are missing. You must provide either row data or permissions to be updated.');
    }
    applyUpdate(scope, raw, data, permissions, true);
    return render(scope, selectBySeq(scope.project, scope.context, raw['_seq'] as bigint)!);
  });
}

export function deleteRow(scope: RowScope, rowId: string): void {
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw) throw rowNotFound(rowId);
  deleteBySeq(scope.project, scope.context, raw['_seq'] as bigint);
}

/** increment/decrement: the row missing is reported as column_not_found, as Appwrite does. */
export function stepColumn(scope: RowScope, rowId: string, key: string, direction: 1 | -1, params: Params): Record<string, unknown> {
  const column = scope.context.available.find((c) => c.key === key);
  if (!column) throw columnNotFound(key);
  const raw = selectById(scope.project, scope.context, rowId);
  if (!raw) throw columnNotFound(key);
  if ((column.kind !== 'integer' && column.kind !== 'bigint' && column.kind !== 'float') || column.spec.array) {
    throw new LocalApiError(400, 'attribute_type_invalid', `tablesDB "${key}" is not a number`);
  }
  const step = params['value'] ?? 1;
  if ((typeof step !== 'number' && typeof step !== 'bigint') || Number(step) <= 0) {
    throw invalidParam('value', 'Value must be numeric and greater than 0');
  }
  const boundName = direction === 1 ? 'max' : 'min';
  const bound = params[boundName];
  if (bound !== undefined && bound !== null && typeof bound !== 'number' && typeof bound !== 'bigint') {
    throw invalidParam(boundName, 'Value must be a valid number');
  }
  const current = raw[columnSqlName(key)] ?? 0;
  const next = column.kind !== 'float' ? BigInt(current as bigint) + BigInt(direction) * BigInt(step) : Number(current) + direction * Number(step);
  if (bound !== undefined && bound !== null && (direction === 1 ? next > bound : next < bound)) {
    const word = direction === 1 ? 'maximum' : 'minimum';
    throw new LocalApiError(400, 'column_limit_exceeded', `tablesDB "${key}" has reached the ${word} value of ${String(bound)}`);
  }
  updateRowValues(scope.project, scope.context, raw['_seq'] as bigint, { values: new Map([[key, next]]), updatedAt: nowUtc() });
  return render(scope, selectBySeq(scope.project, scope.context, raw['_seq'] as bigint)!);
}
