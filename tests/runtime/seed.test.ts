import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query, Users } from 'node-appwrite';
import { cliAgainst } from '../helpers/schema-dir.js';
import { startRuntimeHarness, type RuntimeHarness } from './harness.js';

/** `crm-schema seed` against a provisioned local server, through the built CLI. */

const db = 'console-db';
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(() => h.close());

async function count(tableId: string, queries: string[] = []): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await h.tables.listRows({ databaseId: db, tableId, queries: [...queries, Query.limit(1000), ...(cursor ? [Query.cursorAfter(cursor)] : [])], total: false });
    n += page.rows.length;
    if (page.rows.length < 1000) return n;
    cursor = page.rows[page.rows.length - 1]!.$id;
  }
}

async function seed(args: string[]): Promise<{ counts: Record<string, { created: number; existing: number }> }> {
  const result = await cliAgainst(h.server, 'seed', [...args, '--json'], 120_000);
  expect(result.stderr).toMatch(/seed \[#+\.*\] \d+%/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { counts: Record<string, { created: number; existing: number }> };
}

describe('crm-schema seed', () => {
  it('writes realistic data whose totals match the invoices, with staff labels', { timeout: 120_000 }, async () => {
    const first = await seed(['--customers', '300', '--invoices', '4', '--seed', '7', '--accounts', '20']);
    expect(first.counts['customers']).toEqual({ created: 300, existing: 0 });
    expect(first.counts['users']!.created).toBe(2 + 3 + 20);
    const customers = (await h.tables.listRows({ databaseId: db, tableId: 'customers', queries: [Query.startsWith('$id', 'sd7-'), Query.limit(300)] })).rows;
    expect(new Set(customers.map((c) => c['status']))).toEqual(new Set(['active', 'inactive', 'lead', 'prospect', 'archived']));
    expect(new Set(customers.map((c) => c['customerType']))).toEqual(new Set(['individual', 'company', 'non-profit', 'government']));
    expect(customers.filter((c) => c['customerType'] !== 'individual').every((c) => typeof c['company'] === 'string')).toBe(true);
    for (const customer of customers.slice(0, 40)) {
      await h.service.updateCustomerRevenue(customer.$id);
      const recomputed = await h.service.getCustomer(customer.$id);
      expect([recomputed.totalRevenue, recomputed.totalInvoices]).toEqual([customer['totalRevenue'], customer['totalInvoices']]);
    }
    const users = new Users(h.key);
    expect((await users.get({ userId: 'sd7-admin0' })).labels).toEqual(['superadmin']);
    expect((await users.get({ userId: 'sd7-rep0' })).labels).toEqual(['salesrep']);
    expect((await users.get({ userId: 'sd7-u0' })).email).toBe(customers.find((c) => c.$id === 'sd7-c0')!['email']);
  });

  it('adds nothing when re-run with the same seed, and a distinct set with another', { timeout: 120_000 }, async () => {
    const before = { customers: await count('customers'), invoices: await count('invoices'), interactions: await count('customer_interactions') };
    const again = await seed(['--customers', '300', '--invoices', '4', '--seed', '7', '--accounts', '20']);
    expect(Object.values(again.counts).every((c) => c.created === 0)).toBe(true);
    expect({ customers: await count('customers'), invoices: await count('invoices'), interactions: await count('customer_interactions') }).toEqual(before);
    const other = await seed(['--customers', '50', '--seed', '8', '--accounts', '0']);
    expect(other.counts['customers']).toEqual({ created: 50, existing: 0 });
    expect(await count('customers')).toBe(before.customers + 50);
  });

  it('refuses a seed that cannot be part of an id', async () => {
    const result = await cliAgainst(h.server, 'seed', ['--seed', 'a-b']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--seed must be 1-12 letters or digits');
  });
});
