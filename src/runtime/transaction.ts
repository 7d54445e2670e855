import { ConflictError } from './errors.js';
import { mapAppwriteError } from './error-mapping.js';
import type { ServiceContext } from './context.js';
import type { TableId } from '../generated/schema-types.js';

/**
 * Appwrite transactions (api-facts §2.9) as the one way the runtime writes: a change and its audit
 * row are staged together and committed all-or-nothing, so neither exists without the other. A
 * commit that finds a staged row changed by someone else fails with `transaction_conflict`; the
 * read-modify-write flows then start over from the fresh row.
 */

export interface Operation {
  readonly action: 'create' | 'update' | 'delete' | 'bulkCreate' | 'bulkUpdate' | 'bulkDelete';
  readonly databaseId: string;
  readonly tableId: string;
  readonly rowId?: string;
  readonly data?: unknown;
}

export function operation(ctx: ServiceContext, tableId: TableId, action: Operation['action'], rowId: string | undefined, data?: unknown): Operation {
  return { action, ...ctx.at(tableId), ...(rowId === undefined ? {} : { rowId }), ...(data === undefined ? {} : { data }) };
}

/** What a transaction body decided: operations to commit (none: roll back) and what to return. */
export interface Staged<T> {
  readonly ops: readonly Operation[];
  readonly result: T;
}

const MAX_ATTEMPTS = 40;

/**
 * Runs body inside a fresh transaction and commits what it returns, retrying the whole body on a
 * concurrent change. Costs 3 requests (create, stage, commit) plus whatever body sends.
 */
export async function inTransaction<T>(ctx: ServiceContext, body: (transactionId: string) => Promise<Staged<T>>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let transactionId: string | undefined;
    let committing = false;
    try {
      transactionId = (await ctx.tables.createTransaction({})).$id;
      const staged = await body(transactionId);
      if (staged.ops.length === 0) {
        await rollback(ctx, transactionId);
        return staged.result;
      }
      await ctx.tables.createOperations({ transactionId, operations: staged.ops as object[] });
      committing = true;
      await ctx.tables.updateTransaction({ transactionId, commit: true });
      return staged.result;
    } catch (raw) {
      const error = mapAppwriteError(raw);
      // A failed commit already ended the transaction; anything earlier leaves it pending.
      if (transactionId !== undefined && !committing) await rollback(ctx, transactionId).catch(() => undefined);
      if (error instanceof ConflictError && error.reason === 'concurrent_change' && attempt < MAX_ATTEMPTS) {
        await jitter(attempt);
        continue;
      }
      throw error;
    }
  }
}

async function rollback(ctx: ServiceContext, transactionId: string): Promise<void> {
  await ctx.tables.updateTransaction({ transactionId, rollback: true });
}

/** Full jitter, growing to 64 ms: the writers that collided spread out instead of colliding again. */
function jitter(attempt: number): Promise<void> {
  const ceiling = Math.min(64, 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
