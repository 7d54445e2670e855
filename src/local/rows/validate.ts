import type { ColumnMeta } from '../schema/types.js';
import { rowInvalidStructure } from '../error-catalog.js';
import { problemLabel, scalarProblem } from '../schema/value-rules.js';
import { normalizeDatetime } from '../datetime.js';
import { encodeValue, type SqlValue } from './codec.js';
import { invalidParam } from '../params.js';

/** Appwrite's document structure validator, applied to available columns only. */

/** Fields that may appear in `data` but are not columns. */
const SYSTEM_KEYS = new Set(['$id', '$sequence', '$databaseId', '$tableId', '$collectionId', '$createdAt', '$updatedAt', '$permissions']);

export interface Timestamps {
  createdAt?: string;
  updatedAt?: string;
}

/** `data` may be an object or a string holding a JSON object. */
export function dataObject(value: unknown, name = 'data'): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParam(name, 'Value must be a valid JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function checkUnknownKeys(data: Record<string, unknown>, columns: readonly ColumnMeta[]): void {
  const known = columnKeysOf(columns);
  for (const key of Object.keys(data)) {
    if (SYSTEM_KEYS.has(key)) continue;
    if (!known.has(key)) throw rowInvalidStructure(`Unknown attribute: "${key}"`);
  }
}

/** Column keys per column list: a bulk write checks every row against the same cached list. */
const columnKeys = new WeakMap<readonly ColumnMeta[], Set<string>>();

function columnKeysOf(columns: readonly ColumnMeta[]): Set<string> {
  let keys = columnKeys.get(columns);
  if (keys === undefined || keys.size !== columns.length) {
    keys = new Set(columns.map((c) => c.key));
    columnKeys.set(columns, keys);
  }
  return keys;
}

const TIMESTAMP_FIELDS = [['$createdAt', 'createdAt'], ['$updatedAt', 'updatedAt']] as const;

export function readTimestamps(data: Record<string, unknown>): Timestamps {
  const result: Timestamps = {};
  for (const [field, target] of TIMESTAMP_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null) continue;
    const normalized = typeof value === 'string' ? normalizeDatetime(value) : undefined;
    if (!normalized) throw rowInvalidStructure(`Attribute "${field}" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.`);
    result[target] = normalized;
  }
  return result;
}

/** Validates one provided value (null already resolved to the default) and encodes it. */
export function validateValue(column: ColumnMeta, value: unknown): SqlValue {
  if (value === null || value === undefined) {
    if (column.spec.required) throw rowInvalidStructure(`Missing required attribute "${column.key}"`);
    return null;
  }
  const label = problemLabel(column.kind);
  if (column.spec.array) {
    if (!Array.isArray(value)) throw rowInvalidStructure(`Attribute "${column.key}" must be an array`);
    value.forEach((item, i) => {
      const problem = scalarProblem(column.kind, column.spec, item);
      if (problem) throw rowInvalidStructure(`Attribute "${column.key}['${i}']" has invalid ${label}. ${problem}`);
    });
  } else {
    const problem = scalarProblem(column.kind, column.spec, value);
    if (problem) throw rowInvalidStructure(`Attribute "${column.key}" has invalid ${label}. ${problem}`);
  }
  return encodeValue(column, value);
}

function withDefault(column: ColumnMeta, value: unknown): unknown {
  return value === null || value === undefined ? column.spec.default ?? null : value;
}

/** A full row for insert: every available column gets the given value, its default, or null. */
export function valuesForCreate(data: Record<string, unknown>, columns: readonly ColumnMeta[]): Map<string, SqlValue> {
  checkUnknownKeys(data, columns);
  const values = new Map<string, SqlValue>();
  for (const column of columns) values.set(column.key, validateValue(column, withDefault(column, data[column.key])));
  return values;
}

/** A partial row for update: only the keys present in data; an explicit null stores the default. */
export function valuesForUpdate(data: Record<string, unknown>, columns: readonly ColumnMeta[]): Map<string, SqlValue> {
  checkUnknownKeys(data, columns);
  const values = new Map<string, SqlValue>();
  for (const column of columns) {
    if (!Object.prototype.hasOwnProperty.call(data, column.key)) continue;
    values.set(column.key, validateValue(column, withDefault(column, data[column.key])));
  }
  return values;
}
