/**
 * Checks one query value against a column's kind (Appwrite's Filter validator: Text, Integer,
 * FloatValidator, Boolean, Datetime, Sequence, all non-loose) and converts it to the value bound in
 * SQL, following the storage encoding of sql-names.ts: booleans as 0/1, datetimes as fixed-width UTC.
 */
import { normalizeDatetime } from '../datetime.js';
import type { ValueKind } from './columns.js';

export type BindValue = string | number | bigint;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Returns the SQL value, or undefined when Appwrite would answer `Query value is invalid`. */
export function toBindValue(kind: ValueKind, value: unknown): BindValue | undefined {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return isWhole(value) && inInt64(BigInt(value)) ? value : undefined;
    case 'bigint':
      // utopia's BigInt validator also takes a string of digits.
      if (typeof value === 'string' && /^-?\d{1,20}$/.test(value) && inInt64(BigInt(value))) return exact(BigInt(value));
      return isWhole(value) && inInt64(BigInt(value)) ? value : undefined;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 1 : 0) : undefined;
    case 'datetime':
      return typeof value === 'string' ? normalizeDatetime(value) : undefined;
    case 'sequence':
      return sequenceValue(value);
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown value kind ${String(unreachable)}`);
    }
  }
}

/** $sequence accepts an integer >= 1 or its decimal string (Appwrite's Sequence validator). */
function sequenceValue(value: unknown): BindValue | undefined {
  let big: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && /^\d{1,19}$/.test(value)) big = BigInt(value);
  else return undefined;
  if (big < 1n || big > INT64_MAX) return undefined;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Query values are parsed exactly (json-codec), so integers beyond 2^53 arrive as BigInt. */
function isWhole(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

function exact(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

function inInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}
