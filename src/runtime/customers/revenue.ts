import { Query } from 'node-appwrite';
import type { ServiceContext } from '../context.js';
import { eachPage } from '../paging.js';
import { changeCustomer } from './change.js';
import { assertMayWrite } from './guards.js';

/** Money is summed in integer ten-thousandths: exact for every currency (0-3 decimals) up to 9e11. */
const UNITS = 10_000;

/** Sum of paid totals and count of all invoices, over every page (a list's `total` stops at 5,000). */
export async function invoiceTotals(ctx: ServiceContext, customerId: string): Promise<{ revenue: number; count: number }> {
  let count = 0;
  let units = 0;
  const queries = [Query.equal('customerId', customerId), Query.select(['status', 'total'])];
  for await (const rows of eachPage<{ $id: string; status: string; total: number }>(ctx, 'invoices', queries)) {
    for (const invoice of rows) {
      count++;
      if (invoice.status === 'paid') units += Math.round(invoice.total * UNITS);
    }
  }
  return { revenue: units / UNITS, count };
}

/**
 * Recomputes totalRevenue (paid invoices) and totalInvoices (all invoices) from the invoices table.
 * The write is audited and conflict-checked like every other change; a recomputation racing an
 * invoice change should simply be run again after that change (its own call does).
 */
export async function updateCustomerRevenue(ctx: ServiceContext, customerId: string): Promise<void> {
  const caller = ctx.caller;
  await assertMayWrite(caller, 'customers', { totalRevenue: 0, totalInvoices: 0 });
  const { revenue, count } = await invoiceTotals(ctx, customerId);
  const actor = caller.kind === 'user' ? caller.id : ctx.systemActor;
  await changeCustomer(ctx, customerId, actor, (current) =>
    current.totalRevenue === revenue && current.totalInvoices === count
      ? null
      : { data: { totalRevenue: revenue, totalInvoices: count }, action: 'customer.updated', reason: 'revenue recomputed from invoices' },
  );
}
