import { randomBytes } from 'node:crypto';
import { LocalApiError } from './errors.js';

/**
 * Appwrite's framework-level parameter validation: every failure is 400 general_argument_invalid with
 * "Invalid `<param>` param: <validator text>" or 'Param "<name>" is not optional.'.
 */
export type Params = Record<string, unknown>;

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;
export const KEY_TEXT =
  'Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char';
export const UID_TEXT =
  'UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char';

export function argumentInvalid(message: string): LocalApiError {
  return new LocalApiError(400, 'general_argument_invalid', message);
}

export function invalidParam(name: string, text: string): LocalApiError {
  return argumentInvalid(`Invalid \`${name}\` param: ${text}`);
}

export function has(params: Params, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(params, name);
}

export function requirePresent(params: Params, name: string): unknown {
  if (!has(params, name)) throw argumentInvalid(`Param "${name}" is not optional.`);
  return params[name];
}

export function isKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

export function keyParam(params: Params, name: string): string {
  const value = requirePresent(params, name);
  if (!isKey(value)) throw invalidParam(name, KEY_TEXT);
  return value;
}

/** A custom id: a Key or the literal `unique()`, which generates a 20-char hex id. */
export function customIdParam(params: Params, name: string): string {
  const value = requirePresent(params, name);
  if (value === 'unique()') return uniqueId();
  if (!isKey(value)) throw invalidParam(name, KEY_TEXT);
  return value;
}

export function uniqueId(): string {
  // Appwrite's uniqid()-style ids: 13 hex chars of time plus random padding, 20 chars in all.
  const time = Date.now().toString(16).padStart(13, '0');
  return (time + randomBytes(4).toString('hex')).slice(0, 20);
}

export function pathUid(value: string, name: string): string {
  if (!isKey(value)) throw invalidParam(name, UID_TEXT);
  return value;
}

export function textParam(params: Params, name: string, options: { required: boolean; max: number; min?: number }): string | undefined {
  if (options.required) requirePresent(params, name);
  const value = params[name];
  if (value === undefined || (value === null && !options.required)) return undefined;
  const min = options.min ?? 0;
  if (typeof value !== 'string' || [...value].length > options.max || [...value].length < min) {
    const minText = min > 0 ? ` and at least ${min} chars` : '';
    throw invalidParam(name, `Value must be a valid string${minText} and no longer than ${options.max} chars`);
  }
  return value;
}

export function boolParam(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw invalidParam(name, 'Value must be a valid boolean');
}

/** Utopia's Range validator over integers; query-string values arrive as numeric strings. */
export function integerRangeParam(params: Params, name: string, range: { min: number; max: number; fallback: number }): number {
  const value = params[name];
  if (value === undefined || value === null) return range.fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw invalidParam(name, `Value must be a valid range between ${range.min.toLocaleString('en-US')} and ${range.max.toLocaleString('en-US')}`);
  }
  return n;
}

export function requiredBoolParam(params: Params, name: string): boolean {
  requirePresent(params, name);
  const value = params[name];
  if (typeof value !== 'boolean') throw invalidParam(name, 'Value must be a valid boolean');
  return value;
}

export function stringArrayParam(
  params: Params,
  name: string,
  options: { maxItems: number; maxLength: number; minLength?: number },
): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  const minLength = options.minLength ?? 0;
  const ok =
    Array.isArray(value) &&
    value.length <= options.maxItems &&
    value.every((item) => typeof item === 'string' && [...item].length <= options.maxLength && [...item].length >= minLength);
  if (!ok) {
    const minText = minLength > 0 ? ` and at least ${minLength} chars` : '';
    throw invalidParam(
      name,
      `Value must a valid array no longer than ${options.maxItems} items and Value must be a valid string${minText} and no longer than ${options.maxLength} chars`,
    );
  }
  return value as string[];
}

/**
 * Utopia's ArrayList(JSONObject, 100): a list of objects (each may also be a string holding a JSON
 * object, which is decoded). Absent or null is the empty list.
 */
export function objectListParam(params: Params, name: string): Record<string, unknown>[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) && value.length <= 100 ? value.map(decodeObject) : undefined;
  if (!items || !items.every((item) => item !== undefined)) {
    throw invalidParam(name, 'Value must a valid array no longer than 100 items and Value must be a valid JSON object');
  }
  return items as Record<string, unknown>[];
}

function decodeObject(value: unknown): Record<string, unknown> | undefined {
  let decoded = value;
  if (typeof value === 'string') {
    try {
      decoded = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : undefined;
}

/** `queries` on the wire: an array of strings (GET query string or JSON body). */
export function queriesParam(params: Params): string[] {
  const value = params['queries'];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > 100 || !list.every((q) => typeof q === 'string' && q.length <= 4096)) {
    throw invalidParam('queries', 'Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars');
  }
  return list as string[];
}
