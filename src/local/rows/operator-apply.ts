import type { ColumnMeta } from '../schema/types.js';
import { formatUtc, normalizeDatetime } from '../datetime.js';
import type { RowOperator } from './operators.js';

/**
 * What an operator makes of a column's current value, as utopia-php/database 6.0.0's MariaDB
 * adapter computes it (MariaDB::getOperatorSQL): a missing number counts as 0, a missing string as
 * '', a missing array as []; a limit clamps the result to it (newer utopia versions keep the current
 * value instead; Appwrite 1.9 pins 6.0.0). The result is not validated against the column again.
 * The server reads, computes and writes inside one synchronous SQLite transaction, so the change is
 * as atomic as Appwrite's single UPDATE.
 */
export function applyOperator(op: RowOperator, column: ColumnMeta, current: unknown, now: number): unknown {
  switch (op.method) {
    case 'increment':
    case 'decrement':
    case 'multiply':
    case 'divide':
    case 'modulo':
    case 'power':
      return numeric(op, column, current);
    case 'stringConcat':
      return `${String(current ?? '')}${String(op.values[0])}`;
    case 'stringReplace':
      return current === null || current === undefined ? null : String(current).split(String(op.values[0])).join(String(op.values[1]));
    case 'toggle':
      return !(current ?? false);
    case 'dateAddDays':
    case 'dateSubDays': {
      if (current === null || current === undefined) return null;
      const days = Number(op.values[0]) * (op.method === 'dateAddDays' ? 1 : -1);
      return formatUtc(Date.parse(normalizeDatetime(String(current)) ?? '') + days * 86_400_000);
    }
    case 'dateSetNow':
      // MariaDB's NOW() has whole seconds.
      return formatUtc(Math.floor(now / 1000) * 1000);
    default:
      return arrayResult(op, Array.isArray(current) ? current : current === null || current === undefined ? null : [current]);
  }
}

function arrayResult(op: RowOperator, current: unknown[] | null): unknown[] | null {
  const list = current ?? [];
  const values = op.values;
  const same = (a: unknown, b: unknown) => String(a) === String(b);
  switch (op.method) {
    case 'arrayAppend':
      return [...list, ...values];
    case 'arrayPrepend':
      return [...values, ...list];
    case 'arrayInsert': {
      // JSON_ARRAY_INSERT on NULL is NULL.
      if (current === null) return null;
      const at = Math.min(Number(values[0]), list.length);
      return [...list.slice(0, at), values[1], ...list.slice(at)];
    }
    case 'arrayRemove':
      return list.filter((item) => !same(item, values[0]));
    case 'arrayUnique':
      return list.filter((item, i) => list.findIndex((other) => same(other, item)) === i);
    case 'arrayIntersect':
      return list.filter((item) => values.some((value) => same(value, item)));
    case 'arrayDiff':
      return list.filter((item) => !values.some((value) => same(value, item)));
    case 'arrayFilter':
      return list.filter((item) => keeps(String(values[0]), item, values[1]));
    default:
      return list;
  }
}

function keeps(condition: string, item: unknown, value: unknown): boolean {
  switch (condition) {
    case 'equal':
      return String(item) === String(value);
    case 'notEqual':
      return String(item) !== String(value);
    case 'greaterThan':
      return Number(item) > Number(value);
    case 'greaterThanEqual':
      return Number(item) >= Number(value);
    case 'lessThan':
      return Number(item) < Number(value);
    case 'lessThanEqual':
      return Number(item) <= Number(value);
    case 'isNull':
      return item === null;
    default:
      return item !== null;
  }
}

/** Exact (BigInt) for integer columns with whole operands; MariaDB rounds a fractional result into an integer column. */
function numeric(op: RowOperator, column: ColumnMeta, current: unknown): number | bigint {
  const integral = column.kind !== 'float';
  const operand = op.values[0];
  const limit = op.values[1] === undefined || op.values[1] === null ? undefined : op.values[1];
  if (integral && isWhole(operand) && (limit === undefined || isWhole(limit)) && isWhole(current ?? 0)) {
    return exactInteger(op.method, BigInt(current as bigint ?? 0), BigInt(operand as bigint), limit === undefined ? undefined : BigInt(limit as bigint));
  }
  const value = floating(op.method, Number(current ?? 0), Number(operand), limit === undefined ? undefined : Number(limit));
  return integral ? roundHalfAway(value) : value;
}

function floating(method: RowOperator['method'], cur: number, v: number, limit: number | undefined): number {
  switch (method) {
    case 'increment':
      return limit === undefined ? cur + v : cur >= limit || cur > limit - v ? limit : cur + v;
    case 'decrement':
      return limit === undefined ? cur - v : cur <= limit || cur < limit + v ? limit : cur - v;
    case 'multiply':
      if (limit === undefined) return cur * v;
      return cur >= limit || (v > 0 && cur > limit / v) || (v < 0 && cur < limit / v) ? limit : cur * v;
    case 'divide':
      return limit !== undefined && cur / v <= limit ? limit : cur / v;
    case 'modulo':
      return cur % v;
    default:
      if (limit === undefined) return cur ** v;
      return cur >= limit ? limit : cur <= 1 ? cur : v * Math.log(cur) > Math.log(limit) ? limit : cur ** v;
  }
}

function exactInteger(method: RowOperator['method'], cur: bigint, v: bigint, limit: bigint | undefined): number | bigint {
  let result: bigint;
  switch (method) {
    case 'increment':
      result = limit === undefined ? cur + v : cur >= limit || cur > limit - v ? limit : cur + v;
      break;
    case 'decrement':
      result = limit === undefined ? cur - v : cur <= limit || cur < limit + v ? limit : cur - v;
      break;
    case 'multiply':
      result = limit !== undefined && (cur >= limit || (v > 0n && cur * v > limit) || (v < 0n && cur * v > limit)) ? limit : cur * v;
      break;
    case 'divide': {
      const quotient = divideRounded(cur, v);
      result = limit !== undefined && quotient <= limit ? limit : quotient;
      break;
    }
    case 'modulo':
      result = cur % v;
      break;
    default:
      return numericPower(cur, v, limit);
  }
  return small(result);
}

function numericPower(cur: bigint, v: bigint, limit: bigint | undefined): number | bigint {
  if (limit !== undefined && (cur >= limit)) return small(limit);
  if (limit !== undefined && cur <= 1n) return small(cur);
  if (v < 0n) return roundHalfAway(Number(cur) ** Number(v));
  const result = cur ** v;
  return small(limit !== undefined && result > limit ? limit : result);
}

/** a / b rounded half away from zero, as MariaDB stores a DECIMAL quotient into an integer column. */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (2n * x + y) / (2n * y);
  return negative ? -q : q;
}

function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function isWhole(value: unknown): boolean {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value.trim()));
}

function small(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
