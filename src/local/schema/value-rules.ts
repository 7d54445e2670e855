import { isIP } from 'node:net';
import type { ColumnKind, ColumnSpec, IntegerValue } from './types.js';
import { FIXED_SIZE, FLOAT_MAX, FLOAT_MIN, INT32_MAX, INT64_MAX, INT64_MIN } from './types.js';
import { normalizeDatetime } from '../datetime.js';

/**
 * Appwrite's per-type value validators, shared by column defaults and row writes. Each returns the
 * validator's description on failure (Appwrite wraps it in its own message), or undefined when valid.
 */

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const BIGINT_TEXT = `Value must be a valid signed 64-bit integer between ${numberFormat(INT64_MIN)} and ${numberFormat(INT64_MAX)}`;

/** A bigint value as bound in SQL: exact, a number where that is exact too. */
export function bigintValue(value: number | bigint | string): number | bigint {
  const big = BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

export function integerSize(spec: ColumnSpec): 4 | 8 {
  // Inline columns carry Appwrite's byte size; the integer endpoint derives it from the range.
  if (spec.size !== undefined) return spec.size >= 8 ? 8 : 4;
  return spec.max !== undefined && BigInt(spec.max) <= BigInt(INT32_MAX) && (spec.min === undefined || BigInt(spec.min) >= -2147483648n) ? 4 : 8;
}

export function effectiveMin(kind: ColumnKind, spec: ColumnSpec): IntegerValue {
  if (spec.min === undefined && spec.signed === false) return 0;
  return spec.min ?? (kind === 'float' ? FLOAT_MIN : INT64_MIN);
}

export function effectiveMax(kind: ColumnKind, spec: ColumnSpec): IntegerValue {
  return spec.max ?? (kind === 'float' ? FLOAT_MAX : INT64_MAX);
}

/** PHP number_format($n): rounded to an integer, thousands separated by commas. */
export function numberFormat(value: IntegerValue): string {
  const big = typeof value === 'bigint' ? value : BigInt(Math.round(value));
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${digits}` : digits;
}

export function rangeText(kind: ColumnKind, spec: ColumnSpec): string {
  return `Value must be a valid range between ${numberFormat(effectiveMin(kind, spec))} and ${numberFormat(effectiveMax(kind, spec))}`;
}

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export function isValidUrl(value: string): boolean {
  // Close to PHP FILTER_VALIDATE_URL: a scheme, a host made of non-empty labels, optional port/path.
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]*)([^\s]*)$/.exec(value);
  if (!match) return false;
  const authority = (match[2] ?? '').replace(/^[^@]*@/, '');
  const host = authority.replace(/:\d*$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return isIP(host.slice(1, -1)) === 6;
  return host.length > 0 && host.split('.').every((label) => /^[A-Za-z0-9_-]+$/.test(label));
}

/** Validates one scalar (array elements are validated one by one). */
export function scalarProblem(kind: ColumnKind, spec: ColumnSpec, value: unknown): string | undefined {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Value must be a valid boolean';
    case 'integer': {
      const isInt = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
      if (!isInt) return 'Value must be a valid integer';
      const big = BigInt(value);
      const bits = integerSize(spec) === 4 ? [-2147483648n, 2147483647n] : [INT64_MIN, INT64_MAX];
      if (big < (bits[0] as bigint) || big > (bits[1] as bigint)) return 'Value must be a valid integer';
      if (big < BigInt(effectiveMin(kind, spec)) || big > BigInt(effectiveMax(kind, spec))) return rangeText(kind, spec);
      return undefined;
    }
    case 'bigint': {
      // utopia-php/database Validator\BigInt: an integer, or a string of digits, within int64.
      const big = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isInteger(value) ? BigInt(value)
        : typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : undefined;
      if (big === undefined || big < INT64_MIN || big > INT64_MAX) return BIGINT_TEXT;
      if (big < BigInt(effectiveMin(kind, spec)) || big > BigInt(effectiveMax(kind, spec))) return rangeText(kind, spec);
      return undefined;
    }
    case 'float': {
      const num = typeof value === 'bigint' ? Number(value) : value;
      if (typeof num !== 'number' || !Number.isFinite(num)) return 'Value must be a valid float';
      if (num < Number(effectiveMin(kind, spec)) || num > Number(effectiveMax(kind, spec))) return rangeText(kind, spec);
      return undefined;
    }
    case 'datetime':
      return typeof value === 'string' && normalizeDatetime(value) !== undefined
        ? undefined
        : 'Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.';
    case 'email':
      return typeof value === 'string' && isValidEmail(value) ? undefined : 'Value must be a valid email address';
    case 'url':
      return typeof value === 'string' && value.length <= 2000 && isValidUrl(value) ? undefined : 'Value must be a valid URL';
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0 ? undefined : 'Value must be a valid IP address';
    case 'enum':
      return typeof value === 'string' && (spec.elements ?? []).includes(value)
        ? undefined
        : `Value must be one of (${(spec.elements ?? []).join(', ')})`;
    case 'string':
    case 'varchar': {
      const size = spec.size ?? 0;
      // Sizes count code points; a string with no more UTF-16 units than that cannot have more.
      const fits = typeof value === 'string' && (value.length <= size || [...value].length <= size);
      return fits ? undefined : `Value must be a valid string and no longer than ${size} chars`;
    }
    case 'text':
    case 'mediumtext':
    case 'longtext': {
      const size = FIXED_SIZE[kind] ?? 0;
      return typeof value === 'string' && Buffer.byteLength(value) <= size ? undefined : `Value must be a valid string and no longer than ${size} chars`;
    }
  }
}

/** Appwrite labels failures "invalid format" for columns that carry a format (ranges included). */
export function problemLabel(kind: ColumnKind): 'format' | 'type' {
  return kind === 'email' || kind === 'url' || kind === 'ip' || kind === 'enum' || kind === 'integer' || kind === 'bigint' || kind === 'float'
    ? 'format'
    : 'type';
}
