import { ID, Query } from 'node-appwrite';
import { TABLE_RULES, type AuditLogAction } from '../../generated/schema-types.js';
import { auditRow } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { assertActsAsSelf, assertMayWrite } from '../customers/guards.js';
import { eachPage } from '../paging.js';
import { inTransaction, operation } from '../transaction.js';
import { checkValues } from '../validation/validate-row.js';
import { filterQueries, type CustomerFilter } from './filter.js';
import { appwriteTime } from '../time.js';

export interface BulkResult {
  /** Rows whose value changed (rows already holding the value are left alone). */
  readonly updated: number;
}

/** Rows per transaction: one bulkUpdate plus one bulkCreate of as many audit rows. */
const CHUNK = 100;

interface BulkChange {
  readonly field: 'status' | 'assignedTo';
  readonly value: string | null;
  readonly action: AuditLogAction;
  readonly reason?: string;
}

/**
 * Sets one column on every customer matching filter with Appwrite's server-side bulk update, in
 * transactions of 100 rows, each with one audit row per changed customer. Inside each transaction a
 * first bulk write pins the rows (a concurrent commit then makes ours conflict and the chunk is
 * redone), and the before-values are read after the pin, so every audit row's `before` is exact.
 * Bulk routes need an API key; a JWT gets ForbiddenError.
 */
export async function bulkSet(ctx: ServiceContext, filter: CustomerFilter, change: BulkChange, by: string): Promise<BulkResult> {
  const caller = ctx.caller;
  assertActsAsSelf(caller, by);
  const data = { [change.field]: change.value };
  await assertMayWrite(caller, 'customers', data);
  checkValues(TABLE_RULES.customers, data);
  const base = filterQueries(filter);
  const candidates: string[] = [];
  for await (const rows of eachPage<Record<string, unknown> & { $id: string }>(ctx, 'customers', [...base, Query.select(['$id', change.field])])) {
    for (const row of rows) if ((row[change.field] ?? null) !== change.value) candidates.push(row.$id);
  }
  let updated = 0;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    updated += await bulkChunk(ctx, [Query.equal('$id', candidates.slice(i, i + CHUNK)), ...base], change, by);
  }
  return { updated };
}

async function bulkChunk(ctx: ServiceContext, queries: string[], change: BulkChange, by: string): Promise<number> {
  return inTransaction(ctx, async (transactionId) => {
    await ctx.tables.updateRows({ ...ctx.at('customers'), data: { updatedBy: by }, queries, transactionId });
    const { rows } = await ctx.tables.listRows({
      ...ctx.at('customers'),
      queries: [...queries, Query.select(['$id', change.field]), Query.limit(CHUNK)],
      total: false,
    });
    const changing = (rows as unknown as Record<string, unknown>[]).filter((row) => (row[change.field] ?? null) !== change.value);
    if (changing.length === 0) return { ops: [], result: 0 };
    const at = appwriteTime();
    const audits = changing.map((row) => ({
      $id: ID.unique(),
      ...auditRow({
        actorId: by,
        action: change.action,
        customerId: String(row['$id']),
        before: { [change.field]: row[change.field] ?? null },
        after: { [change.field]: change.value },
        reason: change.reason ?? null,
        at,
      }),
    }));
    const ids = changing.map((row) => String(row['$id']));
    return {
      ops: [
        operation(ctx, 'customers', 'bulkUpdate', undefined, { queries: [Query.equal('$id', ids)], data: { [change.field]: change.value, updatedBy: by } }),
        operation(ctx, 'audit_logs', 'bulkCreate', undefined, audits),
      ],
      result: changing.length,
    };
  });
}
