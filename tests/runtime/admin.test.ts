import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID, Query } from 'node-appwrite';
import { NotFoundError, type AuditLog } from '../../src/runtime/index.js';
import { startRuntimeHarness, thrown, type RuntimeHarness } from './harness.js';

const db = 'console-db';
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
  const statuses = ['lead', 'prospect', 'active'];
  const rows = Array.from({ length: 250 }, (_, i) => ({
    $id: `b${i}`,
    userId: `bu${i}`,
    name: `Bulk ${String(i).padStart(3, '0')}`,
    email: `b${i}@example.com`,
    status: statuses[i % 3],
    source: i % 2 === 0 ? 'website' : 'trade_show',
    assignedTo: i % 5 === 0 ? null : 'rep-old',
    company: i === 1 ? '=HYPERLINK("http://evil")' : `Co, "${i % 10}"`,
  }));
  for (let i = 0; i < rows.length; i += 100) await h.tables.createRows({ databaseId: db, tableId: 'customers', rows: rows.slice(i, i + 100) });
});
afterAll(() => h.close());

async function auditCount(action: string): Promise<number> {
  return (await h.tables.listRows({ databaseId: db, tableId: 'audit_logs', queries: [Query.equal('action', action), Query.limit(1)] })).total;
}

describe('admin list', () => {
  it('filters by status and source, sorts, pages with a cursor', async () => {
    const first = await h.service.admin.listCustomers({ status: 'lead', source: 'website' }, { sort: 'name', order: 'desc', limit: 10 });
    expect(first.rows).toHaveLength(10);
    expect(first.rows.every((c) => c.status === 'lead' && c.source === 'website')).toBe(true);
    expect(first.rows[0]!.name).toBe('Bulk 246');
    const second = await h.service.admin.listCustomers({ status: 'lead', source: 'website' }, { sort: 'name', order: 'desc', limit: 10, cursor: first.cursor });
    expect(second.rows[0]!.name < first.rows[9]!.name).toBe(true);
  });
});

describe('bulk changes by filter, each row audited', () => {
  it('bulkUpdateStatus changes every matching row (over several transactions) with one audit row each', async () => {
    const before = await auditCount('customer.status_changed');
    const result = await h.service.admin.bulkUpdateStatus({ status: 'lead' }, 'prospect', 'admin-1', 'spring campaign');
    expect(result).toEqual({ updated: 84 });
    expect((await h.service.admin.listCustomers({ status: 'lead' })).rows).toEqual([]);
    expect(await auditCount('customer.status_changed')).toBe(before + 84);
    const entry = (await h.tables.listRows({ databaseId: db, tableId: 'audit_logs', queries: [Query.equal('customerId', 'b0')] })).rows[0] as unknown as AuditLog;
    expect(entry).toMatchObject({ actorId: 'admin-1', reason: 'spring campaign' });
    expect([JSON.parse(entry.before!), JSON.parse(entry.after!)]).toEqual([{ status: 'lead' }, { status: 'prospect' }]);
    // Rows already holding the value are left alone and not audited.
    expect(await h.service.admin.bulkUpdateStatus({ status: 'prospect' }, 'prospect', 'admin-1')).toEqual({ updated: 0 });
  });

  it('bulkAssign reaches unassigned (null) rows too', async () => {
    const result = await h.service.admin.bulkAssign({ source: 'trade_show' }, 'rep-new', 'admin-2');
    expect(result.updated).toBe(125);
    const row = await h.service.getCustomer('b5');
    expect(row).toMatchObject({ assignedTo: 'rep-new', updatedBy: 'admin-2' });
  });
});

describe('exports, streamed', () => {
  it('JSON: one array of every matching row', async () => {
    let text = '';
    let chunks = 0;
    for await (const chunk of h.service.admin.exportCustomers({ source: 'website' }, 'json')) {
      text += chunk;
      chunks++;
    }
    const rows = JSON.parse(text) as { $id: string; email: string }[];
    expect(rows).toHaveLength(125);
    expect(chunks).toBeGreaterThan(2);
    expect(rows[0]).toMatchObject({ $id: 'b0', email: 'b0@example.com' });
  });

  it('CSV: a header, RFC 4180 quoting, and no formula injection', async () => {
    let text = '';
    for await (const chunk of h.service.admin.exportCustomers({}, 'csv')) text += chunk;
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(251);
    expect(lines[0]!.startsWith('$id,$createdAt,$updatedAt,userId,name,email,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain('"Co, ""2"""');
  });
});

describe('GDPR', () => {
  it('export: the row, its invoices, interactions and audit entries in one document', async () => {
    const customer = await h.service.createCustomer({ name: 'Gina Private', email: 'gina@private.eu', phone: '+49 1' }, 'gina');
    await h.tables.createRows({ databaseId: db, tableId: 'invoices', rows: [1, 2, 3].map((n) => ({ $id: ID.unique(), customerId: customer.$id, userId: 'gina', status: 'paid', total: n })) });
    await h.service.recordInteraction(customer.$id, { type: 'call', summary: 'talked about her address' }, 'rep-1');
    await h.service.updateCustomerStatus(customer.$id, 'inactive', 'admin', 'moved away');
    const doc = await h.service.admin.gdprExport(customer.$id);
    expect(doc.customer).toMatchObject({ name: 'Gina Private', status: 'inactive' });
    expect(doc.invoices.map((i) => i.total).sort()).toEqual([1, 2, 3]);
    expect(doc.interactions.map((i) => i.summary)).toEqual(['talked about her address']);
    expect(doc.auditLog.map((a) => a.action).sort()).toEqual(['customer.created', 'customer.interaction_recorded', 'customer.status_changed']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('erase: the customer and related rows go in one transaction; a tombstone without personal data stays', async () => {
    const customer = await h.service.findCustomerByEmail('gina@private.eu');
    const report = await h.service.admin.gdprErase(customer!.$id, 'dpo');
    expect(report).toEqual({ customerId: customer!.$id, invoices: 3, interactions: 1, auditEntries: 3 });
    expect(await thrown(() => h.service.getCustomer(customer!.$id))).toBeInstanceOf(NotFoundError);
    for (const tableId of ['invoices', 'customer_interactions']) {
      expect((await h.tables.listRows({ databaseId: db, tableId, queries: [Query.equal('customerId', customer!.$id)] })).total).toBe(0);
    }
    const trail = (await h.tables.listRows({ databaseId: db, tableId: 'audit_logs', queries: [Query.equal('customerId', customer!.$id)] })).rows;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'customer.erased', actorId: 'dpo', before: null, reason: null });
    expect(JSON.stringify(trail)).not.toMatch(/Gina|gina|private|\+49|address/);
  });
});
