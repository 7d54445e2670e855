import type { AuditLogAction, Customer } from '../../generated/schema-types.js';
import { auditOperation, pick } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction, operation, type Operation } from '../transaction.js';
import type { RowData } from '../validation/validate-row.js';
import { appwriteTime } from '../time.js';

/** What a read-modify-write decided, given the customer as it is inside the transaction. */
export interface CustomerChange {
  readonly data: RowData;
  readonly action: AuditLogAction;
  readonly reason?: string | null;
  /** Staged before the customer update (e.g. the interaction row being logged). */
  readonly extraOps?: readonly Operation[];
  /** Extra fields for the audit entry's `after` (e.g. the interaction's id). */
  readonly auditExtra?: RowData;
  /** Delete the row instead of updating it (`data` then lists the fields recorded as `before`). */
  readonly remove?: boolean;
}

/**
 * A customer change that never loses a concurrent one. The first staged write (`updatedBy`) pins the
 * row: its response is the row as the transaction sees it, and from then on any commit by someone
 * else makes ours fail with transaction_conflict, upon which the whole read-modify-write reruns.
 * `plan` returns null when there is nothing to change (the transaction is rolled back).
 * Requests: 4 per attempt (create, pin, stage, commit).
 */
export async function changeCustomer(
  ctx: ServiceContext,
  customerId: string,
  actor: string,
  plan: (current: Customer, at: string) => CustomerChange | null,
): Promise<Customer> {
  return inTransaction(ctx, async (transactionId) => {
    const current = (await ctx.tables.updateRow({
      ...ctx.at('customers'),
      rowId: customerId,
      data: { updatedBy: actor },
      transactionId,
    })) as unknown as Customer;
    // Taken after the pin, so audit times follow commit order (an earlier commit precedes our pin).
    const at = appwriteTime();
    const change = plan(current, at);
    if (change === null) return { ops: [], result: current };
    const keys = Object.keys(change.data);
    const ops = [
      ...(change.extraOps ?? []),
      change.remove === true
        ? operation(ctx, 'customers', 'delete', customerId)
        : operation(ctx, 'customers', 'update', customerId, { ...change.data, updatedBy: actor }),
      auditOperation(ctx, {
        actorId: actor,
        action: change.action,
        customerId,
        before: pick(current as unknown as RowData, keys),
        after: change.remove === true ? null : { ...pick(change.data, keys), ...change.auditExtra },
        reason: change.reason ?? null,
        at,
      }),
    ];
    return { ops, result: { ...current, ...change.data, updatedBy: actor } as Customer };
  });
}
