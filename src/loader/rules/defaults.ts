/** A default must be one Appwrite accepts: allowed at all, of the right type, and a valid value. */
import { int64Of } from '../../model/int64.js';
import { FIXED_STRING_SIZE } from '../../model/limits.js';
import { problemAt, type PathProblem } from '../problem.js';
import type { RawColumn } from '../raw-types.js';
import { isDatetime, isEmail, isIpAddress, isUrl } from './value-formats.js';

const FORMAT_CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  email: isEmail,
  url: isUrl,
  ip: isIpAddress,
  datetime: isDatetime,
};

export function checkDefaults(columns: readonly RawColumn[]): PathProblem[] {
  return columns.flatMap((column, index) => checkDefault(column, ['columns', index, 'default']));
}

function checkDefault(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  const value = column.default;
  if (value === undefined || value === null) return [];
  if (column.required === true) {
    return [
      problemAt(
        at,
        'column-default-required',
        `required column "${column.key}" cannot have a default`,
        'Appwrite: "Cannot set default value for required column". Make it required: false (the server fills the default on create) or drop the default',
      ),
    ];
  }
  if (column.array === true) {
    return [problemAt(at, 'column-default-array', `array column "${column.key}" cannot have a default`, 'Appwrite: "Cannot set default value for array columns"')];
  }
  if (column.type === 'bigint') return checkBigIntDefault(column, value, at);
  const expected = expectedType(column);
  const valid = expected === 'integer' ? Number.isSafeInteger(value) : typeof value === expected;
  if (!valid) {
    return [problemAt(at, 'column-default-type', `default of ${column.type} column "${column.key}" must be ${expected === 'integer' ? 'an integer' : `a ${expected}`}, got ${JSON.stringify(value)}`)];
  }
  return checkValue(column, value, at);
}

function checkBigIntDefault(column: RawColumn, value: string | number | boolean, at: readonly (string | number)[]): PathProblem[] {
  const exact = int64Of(value);
  if (exact === undefined) {
    return [problemAt(at, 'column-default-type', `default of bigint column "${column.key}" must be a whole number in the int64 range, got ${JSON.stringify(value)}`,
      'beyond 2^53 write it as a decimal string: YAML numbers are doubles and would round it')];
  }
  const min = int64Of(column.min);
  const max = int64Of(column.max);
  if ((min !== undefined && exact < min) || (max !== undefined && exact > max)) {
    return [problemAt(at, 'column-default-range', `default ${exact} is outside ${min ?? '-inf'}..${max ?? '+inf'}`, 'Appwrite: "Value must be a valid range between min and max"')];
  }
  return [];
}

function expectedType(column: RawColumn): 'boolean' | 'integer' | 'number' | 'string' {
  if (column.type === 'boolean') return 'boolean';
  if (column.type === 'integer') return 'integer';
  if (column.type === 'float') return 'number';
  return 'string';
}

function checkValue(column: RawColumn, value: string | number | boolean, at: readonly (string | number)[]): PathProblem[] {
  if (typeof value === 'number') {
    // A string bound on an integer/float column is reported by the range rules.
    const tooLow = typeof column.min === 'number' && value < column.min;
    const tooHigh = typeof column.max === 'number' && value > column.max;
    if (!tooLow && !tooHigh) return [];
    return [
      problemAt(at, 'column-default-range', `default ${value} is outside ${column.min ?? '-inf'}..${column.max ?? '+inf'}`, 'Appwrite: "Value must be a valid range between min and max"'),
    ];
  }
  if (typeof value !== 'string') return [];
  if (column.type === 'enum') {
    if (column.elements?.some((e) => e.value === value) ?? true) return [];
    return [problemAt(at, 'column-default-not-in-elements', `default "${value}" is not one of the enum elements`, 'Appwrite: "Default value not found in elements" (case-sensitive)')];
  }
  const size = column.size ?? FIXED_STRING_SIZE[column.type];
  if (size !== undefined && [...value].length > size) {
    return [problemAt(at, 'column-default-size', `default is ${[...value].length} chars, longer than size ${size}`)];
  }
  const format = FORMAT_CHECKS[column.type];
  if (format !== undefined && !format(value)) {
    return [problemAt(at, 'column-default-format', `default "${value}" is not a valid ${column.type}`, column.type === 'datetime' ? 'use ISO 8601, year 1000..9999, e.g. 2024-01-31T00:00:00.000+00:00' : undefined)];
  }
  return [];
}
