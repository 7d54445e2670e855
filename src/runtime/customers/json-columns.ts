import type { Customer, CustomerMetadata, CustomerNotes } from '../../generated/schema-types.js';
import { ValidationError } from '../errors.js';

/** The JSON text columns (`notes`, `metadata`): read the stored document, merge a partial one in. */

export type JsonColumn = 'notes' | 'metadata';

export function storedDocument(current: Customer, column: JsonColumn): Record<string, unknown> {
  const text = current[column];
  if (text === undefined || text === null || text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through: refusing is better than silently dropping what is stored
  }
  throw new ValidationError([{ field: column, rule: 'json', message: 'the stored value is not a JSON object; replace it with a string first' }]);
}

/**
 * A patch value for a JSON column: a string replaces the document, an object is merged key by key
 * into the stored one inside the transaction (a key set to null is removed), so concurrent writers
 * of different keys never lose each other's keys.
 */
export type JsonPatch<T> = string | null | Partial<{ [K in keyof T]: T[K] | null }>;

export function mergedDocument(current: Customer, column: JsonColumn, patch: JsonPatch<CustomerNotes | CustomerMetadata>): string | null {
  if (patch === null || typeof patch === 'string') return patch;
  const merged: Record<string, unknown> = { ...storedDocument(current, column) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return JSON.stringify(merged);
}
