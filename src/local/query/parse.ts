/**
 * Parses the raw `queries[]` strings the way Appwrite's `Query::parse` does (api-facts §1.4), with
 * its exact messages. JSON lists decode to PHP arrays there too, so `[]` parses (method "") rather
 * than failing as "not an array".
 */
import { LocalApiError } from '../errors.js';
import { parseJson } from '../json-codec.js';
import { isKnownMethod, isNestedMethod } from './methods.js';
import type { ParsedQuery } from './types.js';

/** APP_LIMIT_ARRAY_PARAMS_SIZE and APP_LIMIT_ARRAY_ELEMENT_SIZE of the `queries` param. */
export const MAX_QUERIES = 100;
export const MAX_QUERY_LENGTH = 4096;

const QUERIES_PARAM_MESSAGE =
  `Invalid \`queries\` param: Value must a valid array no longer than ${MAX_QUERIES} items and ` +
  `Value must be a valid string and no longer than ${MAX_QUERY_LENGTH} chars`;

export function parseQueries(raw: readonly unknown[]): ParsedQuery[] {
  // Appwrite checks these at the param level, before any query is parsed.
  if (raw.length > MAX_QUERIES || raw.some((q) => typeof q !== 'string' || q.length > MAX_QUERY_LENGTH)) {
    throw new LocalApiError(400, 'general_argument_invalid', QUERIES_PARAM_MESSAGE);
  }
  return raw.map((q) => parseQuery(q as string));
}

export function parseQuery(text: string): ParsedQuery {
  let decoded: unknown;
  try {
    decoded = parseJson(text);
  } catch {
    throw parseError('Invalid query: Syntax error');
  }
  if (!isPhpArray(decoded)) {
    throw parseError(`Invalid query. Must be an array, got ${phpType(decoded)}`);
  }
  return parseQueryObject(decoded);
}

function parseQueryObject(query: object): ParsedQuery {
  const fields = query as Record<string, unknown>;
  const method = fields['method'] ?? '';
  const attribute = fields['attribute'] ?? '';
  const values = fields['values'] ?? [];

  if (typeof method !== 'string') {
    throw parseError(`Invalid query method. Must be a string, got ${phpType(method)}`);
  }
  if (!isKnownMethod(method)) {
    throw parseError(`Invalid query method: ${method}`);
  }
  if (typeof attribute !== 'string') {
    throw parseError(`Invalid query attribute. Must be a string, got ${phpType(attribute)}`);
  }
  if (!isPhpArray(values)) {
    throw parseError(`Invalid query values. Must be an array, got ${phpType(values)}`);
  }
  const list = Array.isArray(values) ? [...values] : Object.values(values);
  if (isNestedMethod(method)) {
    return {
      method,
      attribute,
      values: list.map((nested) => {
        if (!isPhpArray(nested)) {
          throw parseError(`Invalid query. Must be an array, got ${phpType(nested)}`);
        }
        return parseQueryObject(nested);
      }),
    };
  }
  return { method, attribute, values: list };
}

function isPhpArray(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** PHP's `gettype` names, which Appwrite's parse messages print. */
function phpType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'string') return 'string';
  return 'array';
}

/** Parse failures carry Appwrite's message as is: it already starts with "Invalid query". */
function parseError(message: string): LocalApiError {
  return new LocalApiError(400, 'general_query_invalid', message);
}
