import type { ColumnMeta } from '../schema/types.js';
import { badRequest, rowInvalidStructure } from '../error-catalog.js';
import { parseJson } from '../json-codec.js';

/**
 * Atomic operators (node-appwrite's `Operator.*`) inside update and upsert data: a value that is a
 * JSON string (or, in staged transactions, an object) holding a known `method`. Appwrite recognises
 * them in Databases/Action::parseOperators (updateRow, upsertRow, updateRows, upsertRows; never
 * createRow) and checks them with utopia-php/database's Validator\Operator. Appwrite 1.9's composer
 * lock pins utopia-php/database 6.0.0, so its rules are the ones followed here (operator-apply.ts
 * follows its MariaDB SQL: limits clamp the result).
 */

export interface RowOperator {
  method: OperatorMethod;
  values: unknown[];
}

const NUMERIC = ['increment', 'decrement', 'multiply', 'divide', 'modulo', 'power'] as const;
const ARRAY = ['arrayAppend', 'arrayPrepend', 'arrayInsert', 'arrayRemove', 'arrayUnique', 'arrayIntersect', 'arrayDiff', 'arrayFilter'] as const;
const OTHER = ['stringConcat', 'stringReplace', 'toggle', 'dateAddDays', 'dateSubDays', 'dateSetNow'] as const;
export type OperatorMethod = (typeof NUMERIC)[number] | (typeof ARRAY)[number] | (typeof OTHER)[number];
const METHODS: ReadonlySet<string> = new Set([...NUMERIC, ...ARRAY, ...OTHER]);

/** utopia's Database::MAX_INT / MIN_INT, which the validator predicts integer results against. */
const MAX_INT = 2147483647;
const MIN_INT = -2147483648;
const FILTER_CONDITIONS = ['equal', 'notEqual', 'greaterThan', 'greaterThanEqual', 'lessThan', 'lessThanEqual', 'isNull', 'isNotNull'];

/**
 * Takes the operators out of `data` (only for keys that name a column: any other key is left for the
 * structure check, which reports it as unknown first). Cheap when there are none: only strings
 * starting with `{` are decoded.
 */
export function splitOperators(data: Record<string, unknown>, columns: readonly ColumnMeta[]): { plain: Record<string, unknown>; operators: Map<string, RowOperator> } | undefined {
  let operators: Map<string, RowOperator> | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) continue;
    const candidate = operatorCandidate(value);
    if (candidate === undefined || !columns.some((c) => c.key === key)) continue;
    (operators ??= new Map()).set(key, parseOperator(key, candidate));
  }
  if (operators === undefined) return undefined;
  const plain = Object.fromEntries(Object.entries(data).filter(([key]) => !operators.has(key)));
  return { plain, operators };
}

function operatorCandidate(value: unknown): Record<string, unknown> | undefined {
  let decoded = value;
  if (typeof value === 'string') {
    if (value.charCodeAt(0) !== 123 /* { */) return undefined;
    try {
      decoded = parseJson(value);
    } catch {
      return undefined;
    }
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return undefined;
  const method = (decoded as Record<string, unknown>)['method'];
  return typeof method === 'string' && METHODS.has(method) ? (decoded as Record<string, unknown>) : undefined;
}

/** Operator::parseOperator; its failures are 400 general_bad_request naming the column. */
function parseOperator(key: string, decoded: Record<string, unknown>): RowOperator {
  const attribute = decoded['attribute'] ?? '';
  const values = decoded['values'] ?? [];
  const fail = (why: string) => badRequest(`Invalid operator for attribute "${key}": ${why}`);
  if (typeof attribute !== 'string') throw fail(`Invalid operator attribute. Must be a string, got ${phpType(attribute)}`);
  if (values === null || typeof values !== 'object') throw fail(`Invalid operator values. Must be an array, got ${phpType(values)}`);
  return { method: decoded['method'] as OperatorMethod, values: Array.isArray(values) ? values : Object.values(values) };
}

function phpType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'bigint') return 'integer';
  return value === null ? 'NULL' : typeof value;
}

/** PHP's is_numeric for the values operators take. */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'bigint') return true;
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

/**
 * Validator\Operator::validateOperatorForAttribute, against the row's current value: its message
 * becomes `Invalid document structure: ...` (row_invalid_structure), as Structure reports it.
 */
export function checkOperator(key: string, op: RowOperator, column: ColumnMeta, current: unknown): void {
  const fail = (message: string): never => {
    throw rowInvalidStructure(message);
  };
  const { method, values } = op;
  const kind = column.kind;
  const isArray = column.spec.array;
  if ((NUMERIC as readonly string[]).includes(method)) {
    // Validator\Operator takes integer and float only, bigint not (6.0.0 and main alike): Appwrite refuses
    // an operator on a bigint column, whose incrementRowColumn route works.
    if (kind !== 'integer' && kind !== 'float') fail(`Cannot apply ${method} operator to non-numeric field '${key}'`);
    if (!isNumeric(values[0])) fail(`Cannot apply ${method} operator: value must be numeric, got ${phpType(values[0])}`);
    if ((method === 'divide' || method === 'modulo') && Number(values[0]) === 0) {
      fail(`Cannot apply ${method} operator: ${method === 'divide' ? 'division' : 'modulo'} by zero`);
    }
    if (values.length > 1 && values[1] !== null && !isNumeric(values[1])) fail(`Cannot apply ${method} operator: max/min limit must be numeric, got ${phpType(values[1])}`);
    if (kind === 'integer' && (values[1] === undefined || values[1] === null)) {
      const predicted = predict(method, Number(current ?? 0), Number(values[0]));
      if (predicted > MAX_INT) fail(`Cannot apply ${method} operator: would overflow maximum value of ${MAX_INT}`);
      if (predicted < MIN_INT) fail(`Cannot apply ${method} operator: would underflow minimum value of ${MIN_INT}`);
    }
    return;
  }
  if ((ARRAY as readonly string[]).includes(method)) {
    if (!isArray) {
      const verb = method === 'arrayIntersect' || method === 'arrayDiff' ? `Cannot use ${method} operator on non-array attribute` : `Cannot apply ${method} operator to non-array field`;
      fail(`${verb} '${key}'`);
    }
    checkArrayOperator(method, values, current, fail);
    return;
  }
  switch (method) {
    case 'stringConcat': {
      const stringKind = kind === 'string' || kind === 'varchar' || kind === 'text' || kind === 'mediumtext' || kind === 'longtext';
      if (!stringKind || isArray) fail(`Cannot apply ${method} operator to non-string field '${key}'`);
      if (typeof values[0] !== 'string') fail(`Cannot apply ${method} operator: requires a string value`);
      const size = column.spec.size ?? 0;
      if (size > 0 && Buffer.byteLength(String(current ?? '')) + Buffer.byteLength(values[0] as string) > size) {
        fail(`Cannot apply ${method} operator: result would exceed maximum length of ${size} characters`);
      }
      return;
    }
    case 'stringReplace':
      if (!['string', 'varchar', 'text', 'mediumtext', 'longtext'].includes(kind)) fail(`Cannot apply ${method} operator to non-string field '${key}'`);
      if (values.length !== 2 || typeof values[0] !== 'string' || typeof values[1] !== 'string') fail(`Cannot apply ${method} operator: requires exactly 2 string values (search and replace)`);
      return;
    case 'toggle':
      if (kind !== 'boolean') fail(`Cannot apply ${method} operator to non-boolean field '${key}'`);
      return;
    case 'dateAddDays':
    case 'dateSubDays':
      if (kind !== 'datetime') fail(`Cannot apply ${method} operator to non-datetime field '${key}'`);
      if (typeof values[0] !== 'number' || !Number.isInteger(values[0])) fail(`Cannot apply ${method} operator: requires an integer number of days`);
      return;
    case 'dateSetNow':
      if (kind !== 'datetime') fail(`Cannot apply ${method} operator to non-datetime field '${key}'`);
      return;
  }
}

function checkArrayOperator(method: OperatorMethod, values: unknown[], current: unknown, fail: (m: string) => never): void {
  switch (method) {
    case 'arrayInsert': {
      if (values.length !== 2) fail(`Cannot apply ${method} operator: requires exactly 2 values (index and value)`);
      const index = values[0];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) fail(`Cannot apply ${method} operator: index must be a non-negative integer`);
      if (Array.isArray(current) && (index as number) > current.length) {
        fail(`Cannot apply ${method} operator: index ${String(index)} is out of bounds for array of length ${current.length}`);
      }
      return;
    }
    case 'arrayRemove':
      if (values.length === 0) fail(`Cannot apply ${method} operator: requires a value to remove`);
      return;
    case 'arrayIntersect':
      if (values.length === 0) fail(`${method} operator requires a non-empty array value`);
      return;
    case 'arrayFilter':
      if (values.length < 1 || values.length > 2) fail(`Cannot apply ${method} operator: requires 1 or 2 values (condition and optional comparison value)`);
      if (typeof values[0] !== 'string') fail(`Cannot apply ${method} operator: condition must be a string`);
      if (!FILTER_CONDITIONS.includes(values[0] as string)) {
        fail(`Invalid array filter condition '${String(values[0])}'. Must be one of: ${FILTER_CONDITIONS.join(', ')}`);
      }
      return;
    default:
      return;
  }
}

function predict(method: OperatorMethod, current: number, operand: number): number {
  switch (method) {
    case 'increment':
      return current + operand;
    case 'decrement':
      return current - operand;
    case 'multiply':
      return current * operand;
    case 'divide':
      return current / operand;
    case 'modulo':
      return current % operand;
    default:
      return current ** operand;
  }
}
