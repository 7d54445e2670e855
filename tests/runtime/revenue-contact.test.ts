import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID, Query } from 'node-appwrite';
import { ValidationError, type AuditLog } from '../../src/runtime/index.js';
import { startRuntimeHarness, thrown, type RuntimeHarness } from './harness.js';

const db = 'console-db';
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(() => h.close());

async function audit(customerId: string, action: string): Promise<AuditLog[]> {
  const page = await h.tables.listRows({ databaseId: db, tableId: 'audit_logs', queries: [Query.equal('customerId', customerId), Query.equal('action', action), Query.orderAsc('$sequence')] });
  return page.rows as unknown as AuditLog[];
}

describe('updateCustomerRevenue', () => {
  it('sums every paid invoice over more than 5,000 of them (where `total` stops counting)', { timeout: 120_000 }, async () => {
    const customer = await h.service.createCustomer({ name: 'Big Spender' }, 'big-spender');
    const statuses = ['paid', 'paid', 'sent', 'paid', 'void'];
    let expected = 0;
    let paid = 0;
    const count = 5_230;
    const batches: Promise<unknown>[] = [];
    for (let start = 0; start < count; start += 100) {
      const rows = Array.from({ length: Math.min(100, count - start) }, (_, j) => {
        const i = start + j;
        const total = 10 + (i % 97) * 0.25;
        if (statuses[i % 5] === 'paid') {
          expected += total;
          paid++;
        }
        return { $id: ID.unique(), customerId: customer.$id, userId: 'big-spender', status: statuses[i % 5], total };
      });
      batches.push(h.tables.createRows({ databaseId: db, tableId: 'invoices', rows }));
    }
    await Promise.all(batches);
    expect((await h.tables.listRows({ databaseId: db, tableId: 'invoices', queries: [Query.equal('customerId', customer.$id), Query.limit(1)] })).total).toBe(5_000);
    expect(paid).toBeGreaterThan(3_000);

    await h.service.updateCustomerRevenue(customer.$id);
    const updated = await h.service.getCustomer(customer.$id);
    expect(updated.totalInvoices).toBe(count);
    expect(updated.totalRevenue).toBeCloseTo(expected, 6);
    const entries = await audit(customer.$id, 'customer.updated');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after!)).toEqual({ totalRevenue: updated.totalRevenue, totalInvoices: count });

    // Nothing changed: no write, no audit entry.
    await h.service.updateCustomerRevenue(customer.$id);
    expect(await audit(customer.$id, 'customer.updated')).toHaveLength(1);
  });
});

describe('recordInteraction and updateLastContact', () => {
  it('logs the interaction and moves lastContactAt forward, never backward, atomically with the audit entry', async () => {
    const customer = await h.service.createCustomer({ name: 'Chatty' }, 'chatty');
    const first = await h.service.recordInteraction(customer.$id, { type: 'call', summary: 'intro call', at: '2026-03-01T10:00:00.000Z' }, 'rep-1');
    expect((await h.service.getCustomer(customer.$id)).lastContactAt).toBe('2026-03-01T10:00:00.000+00:00');
    await h.service.recordInteraction(customer.$id, { type: 'email', summary: 'older email', at: '2026-02-01T10:00:00.000Z' }, 'rep-1');
    expect((await h.service.getCustomer(customer.$id)).lastContactAt).toBe('2026-03-01T10:00:00.000+00:00');
    await h.service.updateLastContact(customer.$id, '2026-01-01T00:00:00.000Z');
    expect((await h.service.getCustomer(customer.$id)).lastContactAt).toBe('2026-03-01T10:00:00.000+00:00');
    await h.service.updateLastContact(customer.$id, '2026-04-01T00:00:00.000Z');
    expect((await h.service.getCustomer(customer.$id)).lastContactAt).toBe('2026-04-01T00:00:00.000+00:00');

    const interactions = await h.tables.listRows({ databaseId: db, tableId: 'customer_interactions', queries: [Query.equal('customerId', customer.$id), Query.orderAsc('at')] });
    expect(interactions.rows.map((row) => [row['type'], row['summary'], row['userId']])).toEqual([
      ['email', 'older email', 'chatty'],
      ['call', 'intro call', 'chatty'],
    ]);
    expect(interactions.rows.find((row) => row.$id === first)?.$permissions).toEqual(['read("user:chatty")']);
    const logged = await audit(customer.$id, 'customer.interaction_recorded');
    expect(logged.map((entry) => JSON.parse(entry.after!).interactionId)).toContain(first);
    expect(logged).toHaveLength(2);
  });

  it('concurrent interactions: lastContactAt ends at the latest one whatever the commit order', async () => {
    const customer = await h.service.createCustomer({ name: 'Busy' }, 'busy');
    const times = Array.from({ length: 12 }, (_, i) => `2026-05-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`).reverse();
    await Promise.all(times.map((at, i) => h.service.recordInteraction(customer.$id, { type: 'meeting', summary: `m${i}`, at }, 'rep-2')));
    expect((await h.service.getCustomer(customer.$id)).lastContactAt).toBe('2026-05-21T09:00:00.000+00:00');
    expect((await h.tables.listRows({ databaseId: db, tableId: 'customer_interactions', queries: [Query.equal('customerId', customer.$id)] })).total).toBe(12);
  });

  it('refuses a bad interaction before writing anything', async () => {
    const customer = await h.service.createCustomer({ name: 'Quiet' }, 'quiet');
    const error = await thrown(() => h.service.recordInteraction(customer.$id, { type: 'fax' as never, summary: '', at: 'yesterday' }, 'rep-1'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => [p.field, p.rule])).toEqual([['at', 'datetime']]);
    const error2 = await thrown(() => h.service.recordInteraction(customer.$id, { type: 'fax' as never, summary: '' }, 'rep-1'));
    expect((error2 as ValidationError).problems.map((p) => [p.field, p.rule])).toEqual([['type', 'enum'], ['summary', 'required']]);
    expect((await h.tables.listRows({ databaseId: db, tableId: 'customer_interactions', queries: [Query.equal('customerId', customer.$id)] })).total).toBe(0);
  });
});
