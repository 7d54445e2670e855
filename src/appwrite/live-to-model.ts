import type { Column, DefaultValue, Index, IndexOrder, IndexType } from '../model/index.js';

/** The fields of Appwrite's column models that matter here (all column models share this base). */
export interface LiveColumn {
  readonly key: string;
  readonly type: string;
  readonly format?: string;
  readonly status: string;
  readonly error?: string;
  readonly required: boolean;
  readonly array?: boolean;
  readonly size?: number;
  readonly min?: number | bigint;
  readonly max?: number | bigint;
  readonly default?: unknown;
  readonly elements?: readonly string[];
  readonly encrypt?: boolean;
}

export interface LiveIndex {
  readonly key: string;
  readonly type: string;
  readonly status: string;
  readonly error?: string;
  readonly columns?: readonly string[];
  readonly attributes?: readonly string[];
  readonly orders?: readonly (string | null)[];
  readonly lengths?: readonly (number | null)[];
}

// Appwrite stores an omitted integer/float bound as the type's extreme; the Model says "unbounded".
// Compared as doubles: a server may send int64 extremes as bare integers (BigInt here) or as floats.
const INT64_LIMIT = 2 ** 63;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT_LIMIT = 1.7976931348623157e308;

/** Maps one available Appwrite column to the Model; undefined for types crm-schema does not manage. */
export function toModelColumn(live: LiveColumn): Column | undefined {
  const base = {
    key: live.key,
    required: live.required,
    array: live.array ?? false,
    default: toDefault(live.default),
  };
  switch (live.type) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'datetime':
      return { ...base, type: 'datetime' };
    case 'integer':
      return { ...base, type: 'integer', ...intBounds(live.min, live.max) };
    case 'bigint':
      return { ...base, type: 'bigint', default: live.default === undefined || live.default === null ? null : String(live.default), ...bigintBounds(live.min, live.max) };
    case 'double':
    case 'float':
      return { ...base, type: 'float', ...floatBounds(live.min, live.max) };
    case 'varchar':
      return { ...base, type: 'varchar', size: live.size ?? 0, encrypt: live.encrypt ?? false };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, type: live.type, encrypt: live.encrypt ?? false };
    case 'string':
      return stringColumn(live, base);
    default:
      return undefined;
  }
}

function stringColumn(live: LiveColumn, base: Omit<Column, 'type'>): Column | undefined {
  switch (live.format ?? '') {
    case 'email':
    case 'url':
    case 'ip':
      return { ...base, type: live.format as 'email' | 'url' | 'ip' };
    case 'enum':
      return { ...base, type: 'enum', elements: (live.elements ?? []).map((value) => ({ value })) };
    case '':
      return { ...base, type: 'string', size: live.size ?? 0, encrypt: live.encrypt ?? false };
    default:
      return undefined;
  }
}

export function toModelIndex(live: LiveIndex): Index {
  const columns = [...(live.columns ?? live.attributes ?? [])];
  return {
    key: live.key,
    type: live.type as IndexType,
    columns,
    orders: columns.map((_, i) => normalizeOrder(live.orders?.[i])),
    lengths: columns.map((_, i) => live.lengths?.[i] ?? null),
  };
}

function normalizeOrder(order: string | null | undefined): IndexOrder {
  return typeof order === 'string' && order.toLowerCase() === 'desc' ? 'desc' : 'asc';
}

function toDefault(value: unknown): DefaultValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function intBounds(min: number | bigint | undefined, max: number | bigint | undefined): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  if (min !== undefined && Number(min) > -INT64_LIMIT) bounds.min = Number(min);
  if (max !== undefined && Number(max) < INT64_LIMIT - 1024) bounds.max = Number(max);
  return bounds;
}

/** Exact: the SDK hands int64 values beyond 2^53 over as BigInt, and the Model keeps decimal strings. */
function bigintBounds(min: number | bigint | undefined, max: number | bigint | undefined): { min?: string; max?: string } {
  const bounds: { min?: string; max?: string } = {};
  if (min !== undefined && min !== null && BigInt(min) > INT64_MIN) bounds.min = String(min);
  if (max !== undefined && max !== null && BigInt(max) < INT64_MAX) bounds.max = String(max);
  return bounds;
}

function floatBounds(min: number | bigint | undefined, max: number | bigint | undefined): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  if (min !== undefined && Number(min) > -FLOAT_LIMIT) bounds.min = Number(min);
  if (max !== undefined && Number(max) < FLOAT_LIMIT) bounds.max = Number(max);
  return bounds;
}
