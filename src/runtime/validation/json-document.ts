import type { JsonFieldRule } from '../../generated/schema-types.js';
import type { ValidationProblem } from '../errors.js';
import { isDatetime } from './formats.js';

/**
 * A text column holding a JSON document of a documented shape (`notes`, `metadata`): it must parse to
 * an object, each documented field must have its type, and no undocumented field may appear (the
 * shape is the contract other readers rely on).
 */
export function checkJsonDocument(field: string, text: string, shape: Readonly<Record<string, JsonFieldRule>>): ValidationProblem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [{ field, rule: 'json', message: 'must be a JSON object' }];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [{ field, rule: 'json', message: 'must be a JSON object' }];
  }
  return Object.entries(parsed as Record<string, unknown>).flatMap(([key, value]) => {
    const type = shape[key];
    if (type === undefined) {
      return [{ field: `${field}.${key}`, rule: 'json_unknown_field', message: `is not a field of ${field} (${Object.keys(shape).join(', ')})` }];
    }
    return value === null || value === undefined || fits(type, value) ? [] : [{ field: `${field}.${key}`, rule: 'json_type', message: `must be ${describe(type)}` }];
  });
}

function fits(type: JsonFieldRule, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && isDatetime(value);
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function describe(type: JsonFieldRule): string {
  return type === 'string[]' ? 'a list of strings' : type === 'record' ? 'an object' : type === 'datetime' ? 'an ISO 8601 date' : `a ${type}`;
}
