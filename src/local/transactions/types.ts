import type { RequestAuth } from '../auth/index.js';

/** Transactions (§2.9): staged row operations committed all-or-nothing. Canonical (TablesDB) names. */

export const SINGLE_ROW_ACTIONS = ['create', 'update', 'upsert', 'delete', 'increment', 'decrement'] as const;
export const BULK_ACTIONS = ['bulkCreate', 'bulkUpdate', 'bulkUpsert', 'bulkDelete'] as const;
export type SingleRowAction = (typeof SINGLE_ROW_ACTIONS)[number];
export type BulkAction = (typeof BULK_ACTIONS)[number];
export type OperationAction = SingleRowAction | BulkAction;

export interface StagedOperation {
  action: OperationAction;
  databaseId: string;
  tableId: string;
  /** Single-row actions only; `unique()` is resolved when staged so the commit creates the staged id. */
  rowId?: string;
  /**
   * create/update/upsert: row data (may carry `$permissions`); increment/decrement: `{column, value?, min?, max?}`;
   * bulkCreate/bulkUpsert: the rows; bulkUpdate: `{queries, data}`; bulkDelete: `{queries}`.
   */
  data?: unknown;
  /**
   * Who staged it: the commit replays the operation with the same permission checks and defaults
   * (a user's row gets that user's default permissions). Absent = an API key.
   */
  auth?: RequestAuth;
}

export type TransactionStatus = 'pending' | 'committing' | 'committed' | 'failed';

export interface Transaction {
  id: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  status: TransactionStatus;
  operations: StagedOperation[];
  /**
   * The committed state of every row a staged single-row operation touched, taken when it was first
   * staged (`null` = absent). A different state at commit means someone changed it outside: conflict.
   */
  baselines: Map<string, string | null>;
}

export const MAX_OPERATIONS = 100;
export const TTL_MIN = 60;
export const TTL_MAX = 3600;
export const TTL_DEFAULT = 300;

export function isBulk(action: OperationAction): action is BulkAction {
  return (BULK_ACTIONS as readonly string[]).includes(action);
}

export function rowKey(databaseId: string, tableId: string, rowId: string): string {
  return JSON.stringify([databaseId, tableId, rowId]);
}
