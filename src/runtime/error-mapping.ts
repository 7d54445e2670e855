import { AppwriteException } from 'node-appwrite';
import { ConflictError, CustomerServiceError, ForbiddenError, NotFoundError, ValidationError } from './errors.js';

/**
 * Appwrite's error types (api-facts §1.6) to ours. Transaction commits report failures under the
 * legacy `document_*` names, so both spellings are listed. Anything unknown stays an
 * AppwriteException: a 5xx or a misconfiguration is not the caller's input problem.
 */

const NOT_FOUND = new Set(['row_not_found', 'document_not_found', 'column_not_found', 'attribute_not_found', 'user_not_found']);
const DUPLICATE = new Set(['row_unique_constraint_violation', 'document_unique_constraint_violation', 'row_already_exists', 'document_already_exists']);
const CONCURRENT = new Set(['transaction_conflict', 'row_update_conflict', 'document_update_conflict']);
const FORBIDDEN = new Set(['user_unauthorized', 'general_unauthorized_scope', 'user_jwt_invalid']);
const INVALID = new Set(['row_invalid_structure', 'document_invalid_structure', 'general_argument_invalid']);

export function mapAppwriteError(error: unknown): unknown {
  if (error instanceof CustomerServiceError || !(error instanceof AppwriteException)) return error;
  const type = error.type;
  if (NOT_FOUND.has(type)) return new NotFoundError(error.message, type);
  if (DUPLICATE.has(type)) return new ConflictError('duplicate', error.message, undefined, type);
  if (CONCURRENT.has(type)) return new ConflictError('concurrent_change', error.message, undefined, type);
  if (FORBIDDEN.has(type)) return new ForbiddenError(error.message, [], type);
  if (INVALID.has(type)) return new ValidationError([{ field: fieldOf(error.message), rule: 'appwrite', message: error.message }], type);
  return error;
}

/** `Invalid document structure: Attribute "email" has invalid format...` names the column. */
function fieldOf(message: string): string {
  return /(?:Attribute|attribute) "([^"]+)"/.exec(message)?.[1] ?? '';
}

/** Runs fn, rethrowing Appwrite's errors as ours. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw mapAppwriteError(error);
  }
}
