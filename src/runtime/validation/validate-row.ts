import type { TableRules } from '../../generated/schema-types.js';
import { ValidationError, type ValidationProblem } from '../errors.js';
import { checkValue } from './values.js';

/**
 * Validation of a create or a patch against a table's generated rules. Every problem is collected
 * before anything is thrown, so the caller sees all of them at once; nothing is ever written first.
 */

export type RowData = Record<string, unknown>;

/** Applies each column's `normalize` list (e.g. trim + lower-case an email) to a copy of data. */
export function normalize(rules: TableRules, data: RowData): RowData {
  const out: RowData = { ...data };
  for (const [key, value] of Object.entries(data)) {
    const steps = rules.columns[key]?.normalize;
    if (steps === undefined || typeof value !== 'string') continue;
    out[key] = steps.reduce((text, step) => (step === 'trim' ? text.trim() : text.toLowerCase()), value);
  }
  return out;
}

/** A value that counts as "not given" for a required column. */
function missing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function checkFields(rules: TableRules, data: RowData): ValidationProblem[] {
  return Object.entries(data).flatMap(([field, value]) => {
    const column = rules.columns[field];
    if (column === undefined) return [{ field, rule: 'unknown_field', message: 'is not a column of this table' }];
    if (value === undefined) return [];
    if (value === null) {
      // A column with a default reads null as "use the default" on create but would store null on an
      // update; neither is what the caller meant, so null is refused for both.
      return column.required === true || column.default !== undefined ? [{ field, rule: 'required', message: 'may not be null' }] : [];
    }
    return checkValue(field, column, value);
  });
}

/** Required columns and `requiredWhen` rules over the complete row (stored values, defaults, changes). */
function checkPresence(rules: TableRules, row: RowData): ValidationProblem[] {
  return Object.entries(rules.columns).flatMap(([field, column]): ValidationProblem[] => {
    if (column.required === true && missing(row[field])) return [{ field, rule: 'required', message: 'is required' }];
    const when = column.requiredWhen;
    if (when !== undefined && when.in.includes(String(row[when.column] ?? rules.columns[when.column]?.default)) && missing(row[field])) {
      return [{ field, rule: 'required_when', message: `is required when ${when.column} is ${String(row[when.column])}` }];
    }
    return [];
  });
}

function defaults(rules: TableRules): RowData {
  return Object.fromEntries(Object.entries(rules.columns).flatMap(([key, column]) => (column.default === undefined ? [] : [[key, column.default]])));
}

/** The normalised create data, or a ValidationError listing every problem. */
export function validateCreate(rules: TableRules, data: RowData): RowData {
  const normalized = normalize(rules, data);
  const problems = [...checkFields(rules, normalized), ...checkPresence(rules, { ...defaults(rules), ...normalized })];
  if (problems.length > 0) throw new ValidationError(problems);
  return normalized;
}

/** The normalised patch, checked against the stored row it will be merged into. */
export function validatePatch(rules: TableRules, patch: RowData, current: RowData): RowData {
  const normalized = normalize(rules, patch);
  const problems = checkFields(rules, normalized);
  for (const [field, value] of Object.entries(normalized)) {
    if (rules.columns[field]?.immutable === true && value !== undefined && value !== current[field]) {
      problems.push({ field, rule: 'immutable', message: 'cannot be changed after creation' });
    }
  }
  const merged = { ...current, ...Object.fromEntries(Object.entries(normalized).filter(([, v]) => v !== undefined)) };
  problems.push(...checkPresence(rules, merged));
  if (problems.length > 0) throw new ValidationError(problems);
  return normalized;
}

/** Per-value checks only (no presence rules): for a bulk change of some columns. */
export function checkValues(rules: TableRules, data: RowData): void {
  const problems = checkFields(rules, data);
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Columns a self-service user may not write (`app.adminOnly`), among those in data. */
export function adminOnlyFields(rules: TableRules, data: RowData): string[] {
  return Object.keys(data).filter((key) => data[key] !== undefined && rules.columns[key]?.adminOnly === true);
}
