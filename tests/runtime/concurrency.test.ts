import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { ConflictError, type AuditLog } from '../../src/runtime/index.js';
import { startRuntimeHarness, type RuntimeHarness } from './harness.js';

/** The races the reference's check-then-insert and read-modify-write sketches lose. */

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(() => h.close());

function outcomes<T>(results: PromiseSettledResult<T>[]): { ok: number; conflicts: number; other: unknown[] } {
  const other = results.flatMap((r) => (r.status === 'rejected' && !(r.reason instanceof ConflictError) ? [r.reason] : []));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    conflicts: results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError && r.reason.reason === 'duplicate').length,
    other,
  };
}

describe('uniqueness under concurrency (unique indexes, no check-then-insert)', () => {
  it('50 concurrent createCustomer for one user: exactly one succeeds, 49 ConflictError', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => h.service.createCustomer({ name: `Attempt ${i}` }, 'race-user')));
    expect(outcomes(results)).toEqual({ ok: 1, conflicts: 49, other: [] });
    const rows = await h.tables.listRows({ databaseId: 'console-db', tableId: 'customers', queries: [Query.equal('userId', 'race-user')] });
    expect(rows.total).toBe(1);
    const audit = await h.tables.listRows({ databaseId: 'console-db', tableId: 'audit_logs', queries: [Query.equal('customerId', rows.rows[0]!.$id)] });
    expect(audit.total).toBe(1);
  });

  it('50 users racing for one email (different spellings): exactly one succeeds', async () => {
    const spellings = (i: number) => (i % 3 === 0 ? 'shared@example.com' : i % 3 === 1 ? ' SHARED@example.com' : 'Shared@Example.com ');
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => h.service.createCustomer({ name: `User ${i}`, email: spellings(i) }, `email-racer-${i}`)));
    expect(outcomes(results)).toEqual({ ok: 1, conflicts: 49, other: [] });
    const rows = await h.tables.listRows({ databaseId: 'console-db', tableId: 'customers', queries: [Query.startsWith('userId', 'email-racer-')] });
    expect(rows.total).toBe(1);
    expect(rows.rows[0]!['email']).toBe('shared@example.com');
  });
});

describe('status and metadata changes never lose a concurrent change', () => {
  it('20 concurrent updateCustomerStatus: final metadata and audit log agree on the order; concurrent metadata keys survive', { timeout: 60_000 }, async () => {
    const customer = await h.service.createCustomer({ name: 'Contended', metadata: JSON.stringify({ tags: ['vip'] }) }, 'contended');
    const statuses = ['active', 'inactive', 'lead', 'prospect', 'archived'] as const;
    const statusChanges = Array.from({ length: 20 }, (_, i) =>
      h.service.updateCustomerStatus(customer.$id, statuses[i % 5]!, `admin-${i}`, `reason ${i}`),
    );
    // Meanwhile other writers add their own metadata keys.
    const added = { customFields: { plan: 'gold' }, integrationData: { crm: 'hubspot' }, lastSyncAt: '2026-01-02T03:04:05.000+00:00' };
    const keyWriters = Object.entries(added).map(([key, value], i) =>
      h.service.updateCustomer(customer.$id, { metadata: { [key]: value } }, `writer-${i}`),
    );
    const results = await Promise.allSettled([...statusChanges, ...keyWriters]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const final = await h.service.getCustomer(customer.$id);
    const metadata = JSON.parse(final.metadata!) as Record<string, unknown>;
    const audit = (
      await h.tables.listRows({ databaseId: 'console-db', tableId: 'audit_logs', queries: [Query.equal('customerId', customer.$id), Query.equal('action', 'customer.status_changed'), Query.orderAsc('$sequence'), Query.limit(100)] })
    ).rows as unknown as AuditLog[];
    expect(audit).toHaveLength(20);
    // Commit order ($sequence) and the recorded times agree, and the last entry is what the row holds.
    const times = audit.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const last = audit[audit.length - 1]!;
    expect(metadata['statusChangeReason']).toBe(last.reason);
    expect(metadata['statusChangedBy']).toBe(last.actorId);
    expect(Date.parse(String(metadata['statusChangedAt']))).toBe(Date.parse(last.at));
    expect(final.status).toBe(JSON.parse(last.after!).status);
    expect(new Set(audit.map((entry) => entry.reason))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `reason ${i}`)));
    // Each entry's "before" status is the previous entry's "after": no change was lost in between.
    for (let i = 1; i < audit.length; i++) expect(JSON.parse(audit[i]!.before!).status).toBe(JSON.parse(audit[i - 1]!.after!).status);
    // Keys of the reference's shape and every concurrently added key are all there.
    expect(metadata).toMatchObject({ tags: ['vip'], ...added });
    expect(Object.keys(metadata).sort()).toEqual(['customFields', 'integrationData', 'lastSyncAt', 'statusChangeReason', 'statusChangedAt', 'statusChangedBy', 'tags']);
  });
});
