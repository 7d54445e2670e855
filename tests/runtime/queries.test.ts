import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TablesDB } from 'node-appwrite';
import type { Customer } from '../../src/runtime/index.js';
import { startRuntimeHarness, type RuntimeHarness } from './harness.js';

let h: RuntimeHarness;
const statuses = ['active', 'inactive', 'lead', 'prospect', 'archived'];

/** 60 customers: rep-{i%3}, Company {i%4}, every status, follow-ups around a fixed "now". */
function row(i: number): Record<string, unknown> {
  return {
    $id: `c${i}`,
    userId: `u${i}`,
    name: `Person ${String(i).padStart(2, '0')}`,
    email: `p${i}@example.com`,
    phone: `+60 12 000 ${String(i).padStart(4, '0')}`,
    company: `Company ${i % 4}`,
    customerType: 'company',
    status: statuses[i % 5],
    assignedTo: `rep-${i % 3}`,
    source: i % 2 === 0 ? 'website' : 'referral',
    // Every tenth customer was never contacted: paging must not stumble over (or skip) the nulls.
    lastContactAt: i % 10 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    nextFollowUpAt: new Date(Date.UTC(2026, 5, 1) + (i - 30) * 86_400_000).toISOString(),
    totalRevenue: i % 7 === 0 ? 0 : i * 100,
  };
}
const NOW = '2026-06-01T00:00:00.000Z';

beforeAll(async () => {
  h = await startRuntimeHarness();
  await new TablesDB(h.key).createRows({ databaseId: 'console-db', tableId: 'customers', rows: Array.from({ length: 60 }, (_, i) => row(i)) });
  await h.service.createCustomer({ name: 'Zed Search', email: 'zed@search.io', company: 'Acme Widgets', phone: '+1 555 0100', customerType: 'company' }, 'zed');
  await h.service.createCustomer({ name: 'Acme Widgets', email: 'buyer@acme.test', company: 'Acme Widgets', customerType: 'company' }, 'acme-buyer');
});
afterAll(() => h.close());

/** Follows cursors to the end, checking each page is the next slice of one ordered list. */
async function everyPage(fetch: (cursor: string | null) => Promise<{ rows: Customer[]; cursor: string | null }>): Promise<Customer[]> {
  const out: Customer[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await fetch(cursor);
    out.push(...page.rows);
    if (page.cursor === null) return out;
    cursor = page.cursor;
  }
  throw new Error('cursor never ended');
}

describe('query patterns: typed rows and a cursor', () => {
  it.each([1, 2, 3, 5, 12])('getActiveCustomers: active only, most recently contacted first, never contacted last (pages of %i)', async (limit) => {
    const all = await everyPage((cursor) => h.service.getActiveCustomers({ limit, cursor }));
    const active = Array.from({ length: 60 }, (_, i) => row(i)).filter((r) => r['status'] === 'active');
    const expected = [
      ...active.filter((r) => r['lastContactAt'] !== null).map((r) => r['$id']).reverse(),
      ...active.filter((r) => r['lastContactAt'] === null).map((r) => r['$id']),
      // Created through the runtime after the fixture, active and never contacted.
      (await h.service.getCustomerByUserId('zed'))!.$id,
      (await h.service.getCustomerByUserId('acme-buyer'))!.$id,
    ];
    expect(all.map((c) => c.$id)).toEqual(expected);
    expect(all.every((c) => c.status === 'active')).toBe(true);
  });

  it('getCustomersByAssignee: active customers of one rep by name', async () => {
    const rows = await everyPage((cursor) => h.service.getCustomersByAssignee('rep-0', { limit: 2, cursor }));
    expect(rows.map((c) => c.name)).toEqual(['Person 00', 'Person 15', 'Person 30', 'Person 45']);
  });

  it('getCustomersByCompany: by name', async () => {
    const rows = await everyPage((cursor) => h.service.getCustomersByCompany('Company 1', { limit: 4, cursor }));
    expect(rows).toHaveLength(15);
    expect(rows.map((c) => c.name)).toEqual([...rows.map((c) => c.name)].sort());
  });

  it('getCustomersNeedingFollowUp: due, not archived, soonest first', async () => {
    const rows = await everyPage((cursor) => h.service.getCustomersNeedingFollowUp({ now: NOW, limit: 7, cursor }));
    const expected = Array.from({ length: 31 }, (_, i) => row(i)).filter((r) => r['status'] !== 'archived').map((r) => r['$id']);
    expect(rows.map((c) => c.$id)).toEqual(expected);
  });

  it('getTopRevenueCustomers: positive revenue, highest first', async () => {
    const { rows, cursor } = await h.service.getTopRevenueCustomers();
    expect(rows.map((c) => c.totalRevenue)).toEqual([5900, 5800, 5700, 5500, 5400, 5300, 5200, 5100, 5000, 4800]);
    expect(cursor).toBe(rows[9]!.$id);
  });

  it('lookups by user id and by email in any spelling', async () => {
    expect((await h.service.getCustomerByUserId('u7'))?.$id).toBe('c7');
    expect((await h.service.findCustomerByEmail('  P7@EXAMPLE.com'))?.$id).toBe('c7');
    expect(await h.service.findCustomerByEmail('nobody@example.com')).toBeNull();
  });
});

describe('searchCustomers: merged, de-duplicated, ranked', () => {
  it('puts an exact email or phone match first', async () => {
    expect((await h.service.searchCustomers('ZED@search.io'))[0]?.userId).toBe('zed');
    expect((await h.service.searchCustomers('+1 555 0100'))[0]?.userId).toBe('zed');
    // An @ and digits: the exact email and phone lookups go as one OR request.
    expect((await h.service.searchCustomers(' P7@Example.com '))[0]?.$id).toBe('c7');
  });

  it('matches name and company and ranks an exact name before a company-only match, each row once', async () => {
    const results = await h.service.searchCustomers('Acme Widgets');
    expect(results.map((c) => c.userId)).toEqual(['acme-buyer', 'zed']);
    expect(new Set(results.map((c) => c.$id)).size).toBe(results.length);
  });

  it('finds by a word of the name, and returns nothing for a blank term', async () => {
    expect((await h.service.searchCustomers('Zed')).map((c) => c.userId)).toEqual(['zed']);
    expect(await h.service.searchCustomers('   ')).toEqual([]);
  });
});
