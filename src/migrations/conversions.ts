import type { Column } from '../model/index.js';
import { STRING_FAMILY } from '../model/index.js';
import type { Conversion } from './types.js';

const TEXT_CAPACITY: Readonly<Record<string, number>> = {
  text: 16_383, // 65,535 bytes hold at least this many 4-byte characters
  mediumtext: 4_194_303,
  longtext: 1_073_741_823,
};
const FORMAT_SIZE: Readonly<Record<string, number>> = { email: 254, url: 2000, ip: 39, enum: 255 };

/** How many characters a column can hold, or undefined for non-string columns. */
function capacity(column: Column): number | undefined {
  if (column.type === 'string' || column.type === 'varchar') return column.size;
  return TEXT_CAPACITY[column.type] ?? FORMAT_SIZE[column.type];
}

/**
 * The lossless conversion from `from` to `to`, or `custom` when none exists (the author then writes
 * the conversion in a data migration). Lossless means every value `from` can hold survives and can
 * be told apart afterwards: integer to float, any string-like value to a string column at least as
 * wide, numbers, booleans and datetimes to text, a single value to an array of the same type.
 */
export function conversionFor(from: Column, to: Column): Conversion {
  if (!from.array && to.array) return sameBase(from, to) ? 'value_to_array' : 'custom';
  if (from.array && !to.array) return 'custom';
  if (sameBase(from, to)) return 'identity'; // only `encrypt` differs
  if (from.type === 'integer' && to.type === 'float') return withinRange(from, to) ? 'integer_to_float' : 'custom';
  const fromCapacity = capacity(from);
  const toCapacity = capacity(to);
  const toIsString = STRING_FAMILY.has(to.type);
  if (toIsString && fromCapacity !== undefined && toCapacity !== undefined && toCapacity >= fromCapacity) return 'identity';
  // 20 characters hold any int64, float, boolean or ISO datetime (e.g. 2026-12-01T16:24:23.000+00:00 is 29).
  if (toIsString && ['integer', 'float', 'boolean', 'datetime'].includes(from.type) && (toCapacity ?? 0) >= 32) return 'to_text';
  return 'custom';
}

/** Same type, and `to` accepts every value `from` can hold (size, enum elements, range). */
function sameBase(from: Column, to: Column): boolean {
  if (from.type !== to.type) return false;
  if ((from.type === 'string' || from.type === 'varchar') && (to.type === 'string' || to.type === 'varchar')) return to.size >= from.size;
  if (from.type === 'enum' && to.type === 'enum') return from.elements.every((e) => to.elements.some((t) => t.value === e.value));
  if ((from.type === 'integer' || from.type === 'float') && (to.type === 'integer' || to.type === 'float')) return withinRange(from, to);
  return true;
}

/** Whether `to`'s bounds (unset = unbounded) hold every value within `from`'s. */
function withinRange(from: { min?: number; max?: number }, to: { min?: number; max?: number }): boolean {
  const low = to.min === undefined || (from.min !== undefined && from.min >= to.min);
  const high = to.max === undefined || (from.max !== undefined && from.max <= to.max);
  return low && high;
}

/** Applies a lossless conversion to one stored value (null stays null). */
export function convertValue(conversion: Exclude<Conversion, 'custom'>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (conversion) {
    case 'identity':
    case 'integer_to_float':
      return value;
    case 'to_text':
      return Array.isArray(value) ? value.map((item) => String(item)) : String(value);
    case 'value_to_array':
      return [value];
    default:
      return assertNever(conversion);
  }
}

export function describeConversion(conversion: Conversion): string {
  switch (conversion) {
    case 'identity': return 'values copied unchanged';
    case 'integer_to_float': return 'integers become floats (exact up to 2^53)';
    case 'to_text': return 'values written as text';
    case 'value_to_array': return 'each value becomes a one-element array';
    case 'custom': return 'converted by a data migration you write';
    default: return assertNever(conversion);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled conversion: ${String(value)}`);
}
