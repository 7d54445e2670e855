import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gateway } from '../../src/appwrite/gateway.js';
import { AppwriteMigrationStore } from '../../src/appwrite/migration-store.js';
import { isCrmSchemaError } from '../../src/errors.js';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import { Lease, leaseId } from '../../src/migrations/lease.js';

/**
 * The lease over a real server (the local one, through node-appwrite): runs racing for one lease,
 * free or expired, can never both hold it, because each acquisition creates the row of the next
 * generation and row ids are unique.
 */

const RACERS = 8;
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, memory: true });
});
afterAll(() => server.close());

async function freshStore(databaseId: string): Promise<AppwriteMigrationStore> {
  const gateway = new Gateway({ endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey }, databaseId);
  const store = new AppwriteMigrationStore(gateway);
  await store.ensure({ id: databaseId, name: databaseId, enabled: true });
  return store;
}

/** Owners on another host: only the expiry can free their leases. */
const owner = (i: number): string => `racer${i}@elsewhere:${1000 + i}:abcdef`;

async function race(store: AppwriteMigrationStore): Promise<{ winners: Lease[]; refused: unknown[] }> {
  const settled = await Promise.allSettled(
    Array.from({ length: RACERS }, (_, i) => Lease.acquire(store, { ttlMs: 30_000, lockTimeoutMs: 1_500, pollMs: 100, owner: owner(i) })),
  );
  return {
    winners: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    refused: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : [])),
  };
}

describe('the lease on a real server', () => {
  it(`${RACERS} runs racing for the first lease: exactly one holds it, the rest exit 4`, async () => {
    const store = await freshStore('race-free');
    const { winners, refused } = await race(store);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(RACERS - 1);
    for (const error of refused) expect(isCrmSchemaError(error) && error.exitCode).toBe(4);
    const [newest] = await store.listLeases(1);
    expect(newest?.owner).toBe(winners[0]?.record.owner);
    await winners[0]?.release();
  });

  it(`${RACERS} runs racing for one expired lease: exactly one takes it over`, async () => {
    const store = await freshStore('race-expired');
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(await store.createLease({ id: leaseId(7), generation: 7, owner: 'gone@elsewhere:1:abcdef', acquiredAt: past, expiresAt: past })).toBe(true);
    const { winners, refused } = await race(store);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(RACERS - 1);
    expect(winners[0]?.record.generation).toBe(8);
    const leases = await store.listLeases(100);
    expect(leases.filter((l) => Date.parse(l.expiresAt) > Date.now())).toHaveLength(1);
    await winners[0]?.release();
    // Released: the next run takes generation 9 at once.
    const next = await Lease.acquire(store, { ttlMs: 30_000, lockTimeoutMs: 0, owner: owner(99) });
    expect(next.record.generation).toBe(9);
    await next.release();
  });

  it('a lock table missing beside the history is created again, and the race for it still has one winner', async () => {
    const store = await freshStore('race-no-lock-table');
    const gateway = new Gateway({ endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey }, 'race-no-lock-table');
    await gateway.tablesDb.deleteTable(gateway.at('crm_schema_lock'));
    const reopened = new AppwriteMigrationStore(gateway);
    expect(await reopened.readHistory()).toEqual([]);
    const { winners, refused } = await race(reopened);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(RACERS - 1);
    expect((await reopened.listLeases(10)).map((l) => l.generation)).toEqual([1]);
    await winners[0]?.release();
  });

  it('a command that only reads does not create the lock table on a database without a history', async () => {
    const gateway = new Gateway({ endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey }, 'no-store');
    await gateway.tablesDb.create({ databaseId: 'no-store', name: 'no-store' });
    const store = new AppwriteMigrationStore(gateway);
    expect(await store.readHistory()).toBeUndefined();
    await expect(store.listLeases(1)).rejects.toThrow(/could not read the migration lock/);
    const tables = await gateway.tablesDb.listTables({ databaseId: 'no-store' });
    expect(tables.total).toBe(0);
  });
});
