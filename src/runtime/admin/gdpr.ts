import { Query } from 'node-appwrite';
import type { AuditLog, Customer, CustomerInteraction, Invoice } from '../../generated/schema-types.js';
import { auditOperation } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { assertActsAsSelf } from '../customers/guards.js';
import { getCustomer } from '../customers/lookups.js';
import { allRows } from '../paging.js';
import { inTransaction } from '../transaction.js';
import { appwriteTime } from '../time.js';

/** Everything stored about one customer, as one JSON document (GDPR right of access). */
export interface GdprExport {
  readonly exportedAt: string;
  readonly customer: Customer;
  readonly invoices: Invoice[];
  readonly interactions: CustomerInteraction[];
  readonly auditLog: AuditLog[];
}

export async function gdprExport(ctx: ServiceContext, customerId: string): Promise<GdprExport> {
  const customer = await getCustomer(ctx, customerId);
  const mine = [Query.equal('customerId', customerId)];
  const [invoices, interactions, auditLog] = await Promise.all([
    allRows<Invoice>(ctx, 'invoices', mine),
    allRows<CustomerInteraction>(ctx, 'customer_interactions', mine),
    allRows<AuditLog>(ctx, 'audit_logs', mine),
  ]);
  return { exportedAt: appwriteTime(), customer, invoices, interactions, auditLog };
}

export interface ErasureReport {
  readonly customerId: string;
  readonly invoices: number;
  readonly interactions: number;
  readonly auditEntries: number;
}

/**
 * GDPR erase, all or nothing in one transaction: the customer row, its invoices, its interactions
 * and its audit entries (their before/after hold personal data) go, and one tombstone entry stays:
 * who erased which row id when, and how many rows went, nothing personal. Needs an API key (bulk
 * deletes); a JWT gets ForbiddenError.
 */
export async function gdprErase(ctx: ServiceContext, customerId: string, erasedBy: string): Promise<ErasureReport> {
  assertActsAsSelf(ctx.caller, erasedBy);
  return inTransaction(ctx, async (transactionId) => {
    await ctx.tables.deleteRow({ ...ctx.at('customers'), rowId: customerId, transactionId });
    const queries = [Query.equal('customerId', customerId)];
    const [invoices, interactions, auditEntries] = await Promise.all(
      (['invoices', 'customer_interactions', 'audit_logs'] as const).map(
        async (tableId) => (await ctx.tables.deleteRows({ ...ctx.at(tableId), queries, transactionId })).total,
      ),
    );
    const report: ErasureReport = { customerId, invoices: invoices!, interactions: interactions!, auditEntries: auditEntries! };
    const tombstone = auditOperation(ctx, {
      actorId: erasedBy,
      action: 'customer.erased',
      customerId,
      after: { invoices: report.invoices, interactions: report.interactions, auditEntries: report.auditEntries },
      at: appwriteTime(),
    });
    return { ops: [tombstone], result: report };
  });
}
