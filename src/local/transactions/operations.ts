import { isKey, uniqueId } from '../params.js';
import { transactionInvalid } from './errors.js';
import { BULK_ACTIONS, SINGLE_ROW_ACTIONS, type OperationAction, type StagedOperation } from './types.js';

/**
 * Parses `createOperations` objects `{action, databaseId, tableId, rowId?, data?}`; the legacy names
 * (`collectionId`, `documentId`, `attribute`) are accepted on both APIs.
 */

const ACTIONS: readonly string[] = [...SINGLE_ROW_ACTIONS, ...BULK_ACTIONS];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(op: Record<string, unknown>, names: readonly string[], index: number): string {
  for (const name of names) {
    const value = op[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  throw transactionInvalid(`Invalid operation at index ${index}: "${names[0]}" is required.`);
}

export function parseOperations(value: unknown): StagedOperation[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw transactionInvalid('Invalid operations: the operations must be a non-empty array of objects.');
  }
  return value.map((raw, index) => parseOperation(raw, index));
}

function parseOperation(raw: unknown, index: number): StagedOperation {
  if (!isObject(raw)) throw transactionInvalid(`Invalid operation at index ${index}: must be an object.`);
  const action = raw['action'];
  if (typeof action !== 'string' || !ACTIONS.includes(action)) {
    throw transactionInvalid(`Invalid operation at index ${index}: "action" must be one of ${ACTIONS.join(', ')}.`);
  }
  const op: StagedOperation = {
    action: action as OperationAction,
    databaseId: text(raw, ['databaseId'], index),
    tableId: text(raw, ['tableId', 'collectionId'], index),
  };
  const fail = (why: string) => transactionInvalid(`Invalid operation at index ${index} (${action}): ${why}`);
  const data = raw['data'];
  if ((SINGLE_ROW_ACTIONS as readonly string[]).includes(action)) {
    const rowId = text(raw, ['rowId', 'documentId'], index);
    op.rowId = rowId === 'unique()' && action === 'create' ? uniqueId() : rowId;
    if (!isKey(op.rowId)) throw fail('"rowId" must be a valid ID.');
  }
  switch (op.action) {
    case 'delete':
      return op;
    case 'create':
    case 'update':
    case 'upsert':
      if (!isObject(data)) throw fail('"data" must be an object.');
      op.data = data;
      return op;
    case 'increment':
    case 'decrement': {
      if (!isObject(data)) throw fail('"data" must be an object with "column".');
      const column = data['column'] ?? data['attribute'];
      if (typeof column !== 'string' || column === '') throw fail('"data.column" is required.');
      const { attribute: _attribute, ...rest } = data;
      op.data = { ...rest, column };
      return op;
    }
    case 'bulkCreate':
    case 'bulkUpsert':
      if (!Array.isArray(data) || data.length === 0 || !data.every(isObject)) throw fail('"data" must be a non-empty array of rows.');
      op.data = withIds(data);
      return op;
    case 'bulkUpdate':
      if (!isObject(data) || !Array.isArray(data['queries']) || !isObject(data['data'])) throw fail('"data.queries" and "data.data" are required.');
      op.data = { queries: data['queries'], data: data['data'] };
      return op;
    case 'bulkDelete':
      if (!isObject(data) || !Array.isArray(data['queries'])) throw fail('"data.queries" is required.');
      op.data = { queries: data['queries'] };
      return op;
  }
}

/** Ids are fixed when staged, so the rows a preview shows are the rows the commit creates. */
export function withIds(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => (row['$id'] === undefined || row['$id'] === null || row['$id'] === 'unique()' ? { ...row, $id: uniqueId() } : row));
}
