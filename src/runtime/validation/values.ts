import type { ColumnRules } from '../../generated/schema-types.js';
import type { ValidationProblem } from '../errors.js';
import { isDatetime, isEmail, isIp, isUrl } from './formats.js';
import { checkJsonDocument } from './json-document.js';

/** One non-null value against its column's rules: type, size, range, enum, format, JSON shape. */
export function checkValue(field: string, rules: ColumnRules, value: unknown): ValidationProblem[] {
  if (rules.array === true) {
    if (!Array.isArray(value)) return [problem(field, 'type', 'must be a list')];
    return value.flatMap((item, i) => (item === null ? [] : checkScalar(`${field}[${i}]`, rules, item)));
  }
  return checkScalar(field, rules, value);
}

function problem(field: string, rule: string, message: string): ValidationProblem {
  return { field, rule, message };
}

function checkScalar(field: string, rules: ColumnRules, value: unknown): ValidationProblem[] {
  switch (rules.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return [problem(field, 'type', 'must be an integer')];
      return checkRange(field, rules, value);
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [problem(field, 'type', 'must be a number')];
      return checkRange(field, rules, value);
    case 'boolean':
      return typeof value === 'boolean' ? [] : [problem(field, 'type', 'must be true or false')];
    case 'datetime':
      return typeof value === 'string' && isDatetime(value) ? [] : [problem(field, 'datetime', 'must be an ISO 8601 date between the years 1000 and 9999')];
    default:
      if (typeof value !== 'string') return [problem(field, 'type', 'must be a string')];
      return checkString(field, rules, value);
  }
}

function checkRange(field: string, rules: ColumnRules, value: number): ValidationProblem[] {
  if (rules.min !== undefined && value < rules.min) return [problem(field, 'min', `must be at least ${rules.min}`)];
  if (rules.max !== undefined && value > rules.max) return [problem(field, 'max', `must be at most ${rules.max}`)];
  return [];
}

function checkString(field: string, rules: ColumnRules, value: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  // Appwrite counts characters (mb_strlen), i.e. code points, not UTF-16 units.
  const length = [...value].length;
  const limit = Math.min(rules.size ?? Infinity, rules.maxLength ?? Infinity);
  if (length > limit) problems.push(problem(field, 'max_length', `must be at most ${limit} characters (got ${length})`));
  if (rules.type === 'enum' && !(rules.elements ?? []).includes(value)) {
    problems.push(problem(field, 'enum', `must be one of ${(rules.elements ?? []).join(', ')}`));
  }
  if ((rules.type === 'email' || rules.format === 'email') && !isEmail(value)) problems.push(problem(field, 'email_format', 'must be a valid email address'));
  if (rules.type === 'url' && !isUrl(value)) problems.push(problem(field, 'url_format', 'must be a valid URL'));
  if (rules.type === 'ip' && !isIp(value)) problems.push(problem(field, 'ip_format', 'must be a valid IP address'));
  if (rules.json !== undefined && length <= limit) problems.push(...checkJsonDocument(field, value, rules.json));
  return problems;
}
