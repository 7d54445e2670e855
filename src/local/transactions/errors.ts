import { LocalApiError } from '../errors.js';
import { MAX_OPERATIONS } from './types.js';

/** Appwrite's transaction_* errors (§1.6, §2.9). */

export const transactionNotFound = (): LocalApiError =>
  new LocalApiError(404, 'transaction_not_found', 'Transaction with the requested ID could not be found.');
export const transactionExpired = (): LocalApiError =>
  new LocalApiError(410, 'transaction_expired', 'Transaction has expired.');
export const transactionNotReady = (status: string): LocalApiError =>
  new LocalApiError(400, 'transaction_not_ready', `Transaction is not ready: its status is "${status}", only pending transactions can be committed, rolled back or extended.`);
export const transactionConflict = (rowId: string): LocalApiError =>
  new LocalApiError(409, 'transaction_conflict', `Conflict detected: document '${rowId}' was modified outside the transaction after it was staged.`);
export const transactionLimitExceeded = (existing: number, adding: number): LocalApiError =>
  new LocalApiError(400, 'transaction_limit_exceeded', `Transaction already has ${existing} operations, adding ${adding} would exceed the maximum of ${MAX_OPERATIONS}`);
export const transactionInvalid = (message: string): LocalApiError => new LocalApiError(400, 'transaction_invalid', message);
