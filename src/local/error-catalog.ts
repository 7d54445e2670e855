import { LocalApiError } from './errors.js';

/** Appwrite's error table entries used by the database routes (TablesDB names; see facade.ts for legacy). */

export const databaseNotFound = (id: string): LocalApiError =>
  new LocalApiError(404, 'database_not_found', `Database with the requested ID '${id}' could not be found.`);
export const databaseAlreadyExists = (id: string): LocalApiError =>
  new LocalApiError(409, 'database_already_exists', `Database with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`);
export const tableNotFound = (id: string): LocalApiError =>
  new LocalApiError(404, 'table_not_found', `Table with the requested ID '${id}' could not be found.`);
export const tableAlreadyExists = (id: string): LocalApiError =>
  new LocalApiError(409, 'table_already_exists', `A table with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`);
export const columnNotFound = (key: string): LocalApiError =>
  new LocalApiError(404, 'column_not_found', `Column with the requested key '${key}' could not be found.`);
export const columnAlreadyExists = (key: string): LocalApiError =>
  new LocalApiError(409, 'column_already_exists', `Column with the requested key '${key}' already exists. Column keys must be unique, try again with a different key.`);
export const columnNotAvailable = (key: string): LocalApiError =>
  new LocalApiError(400, 'column_not_available', `The requested column '${key}' is not yet available. Please try again later.`);
export const columnLimitExceeded = (tableId: string): LocalApiError =>
  new LocalApiError(400, 'column_limit_exceeded', `The maximum number or size of columns for table '${tableId}' has been reached.`);
export const indexNotFound = (key: string): LocalApiError =>
  new LocalApiError(404, 'column_index_not_found', `Index with the requested key '${key}' could not be found.`);
export const indexAlreadyExists = (key: string): LocalApiError =>
  new LocalApiError(409, 'column_index_already_exists', `Index with the requested key '${key}' already exists. Try again with a different key.`);
export const indexInvalid = (message: string): LocalApiError => new LocalApiError(400, 'column_index_invalid', message);
export const rowNotFound = (id: string): LocalApiError =>
  new LocalApiError(404, 'row_not_found', `Row with the requested ID '${id}' could not be found.`);
export const rowAlreadyExists = (id: string): LocalApiError =>
  new LocalApiError(409, 'row_already_exists', `Row with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`);
export const rowInvalidStructure = (detail: string): LocalApiError =>
  new LocalApiError(400, 'row_invalid_structure', `Invalid document structure: ${detail}`);
export const rowUniqueViolation = (): LocalApiError =>
  new LocalApiError(409, 'row_unique_constraint_violation', 'Row violates a unique column constraint. Try again with different value(s).');
export const badRequest = (message: string): LocalApiError => new LocalApiError(400, 'general_bad_request', message);
