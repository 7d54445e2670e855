import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/errors.js';
import { breakLease, holderAlive, Lease, leaseId, runOwner, type LeaseOptions } from '../../../src/migrations/lease.js';
import { MemoryStore, type MigrationStore } from '../../../src/migrations/store.js';
import type { LeaseRecord } from '../../../src/migrations/types.js';
import { caughtAsync } from './helpers.js';

const HOUR = 3_600_000;
const fast = (owner: string, extra: Partial<LeaseOptions> = {}): LeaseOptions => ({ ttlMs: HOUR, lockTimeoutMs: 0, pollMs: 10, owner, ...extra });
const record = (generation: number, owner: string, expiresInMs: number): LeaseRecord => ({
  id: leaseId(generation), generation, owner, acquiredAt: new Date(Date.now() - 1000).toISOString(), expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
});
const seeded = (...leases: LeaseRecord[]): MemoryStore => {
  const store = new MemoryStore();
  for (const lease of leases) store.leases.set(lease.id, lease);
  return store;
};
/** A pid that ran on this host and has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 2 ** 22 + 1;
const elsewhere = 'ci@some-other-host:123:abcdef';

const held: Lease[] = [];
const acquire = async (store: MigrationStore, options: LeaseOptions): Promise<Lease> => {
  const lease = await Lease.acquire(store, options);
  held.push(lease);
  return lease;
};
afterEach(async () => {
  await Promise.all(held.splice(0).map((lease) => lease.release()));
});

/** An owner like this run's own (same host and process table), naming another pid. */
const local = (pid: number): string => runOwner().replace(/:\d+:([0-9a-f]+)$/, `:${pid}:$1`);

describe('holderAlive', () => {
  it.each<[string, () => string, boolean | undefined]>([
    ['this process', (): string => local(process.pid), true],
    ['an exited process on this host', (): string => local(deadPid()), false],
    ['a process on another host', (): string => elsewhere, undefined],
    ['an owner that names no process', (): string => 'someone', undefined],
    // Containers that share the host's name (host networking) but not its process table: a pid
    // there says nothing here, so only the expiry may free the lease.
    ['a process with this host name in another process table', (): string => local(deadPid()).replace(/:([0-9a-f]{4})([0-9a-f]+)$/, (_m, tag: string, rest: string) => `:${tag === 'ffff' ? '0000' : 'ffff'}${rest}`), undefined],
  ])('%s', (_what, owner, expected) => {
    expect(holderAlive(owner())).toBe(expected);
  });

  it('gives each run its own owner of the documented shape', () => {
    const [a, b] = [runOwner(), runOwner()];
    expect(a).toMatch(new RegExp(`@${hostname()}:${process.pid}:[0-9a-f]{10}$`));
    expect(a).not.toBe(b);
  });
});

describe('Lease.acquire', () => {
  it('takes a free lock at generation 1 and releases it by expiring its row', async () => {
    const store = new MemoryStore();
    const lease = await acquire(store, fast('a', { ttlMs: 60_000 }));
    expect(lease.record).toMatchObject({ id: 'lease-000000001', generation: 1, owner: 'a' });
    expect(Date.parse(lease.record.expiresAt) - Date.parse(lease.record.acquiredAt)).toBe(60_000);
    await lease.release();
    expect(store.leases.get('lease-000000001')?.expiresAt).toBe(new Date(0).toISOString());
  });

  it('waits for a live holder, then gives up with lock_held (exit 4) naming the holder and the unlock command', async () => {
    const store = seeded(record(3, elsewhere, HOUR));
    const waited: string[] = [];
    const started = Date.now();
    const error = await caughtAsync(() => acquire(store, fast('b', { lockTimeoutMs: 150, onWait: (h) => waited.push(h.owner) })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(1500);
    expect([error.code, error.exitCode]).toEqual(['lock_held', EXIT.locked]);
    expect(error.message).toContain(`crm-schema migrate unlock --owner ${elsewhere}`);
    expect(waited).toEqual([elsewhere]);
    expect([...store.leases.keys()]).toEqual(['lease-000000003']);
  });

  it('refuses at once with --lock-timeout 0 when this host\'s live process holds it', async () => {
    const store = seeded(record(1, local(process.pid), HOUR));
    expect((await caughtAsync(() => acquire(store, fast('b')))).code).toBe('lock_held');
  });

  it('gets the lock as soon as the holder releases it within the timeout', async () => {
    const store = new MemoryStore();
    const first = await acquire(store, fast('a'));
    const second = acquire(store, fast('b', { lockTimeoutMs: 5000 }));
    await new Promise((resolve) => setTimeout(resolve, 60));
    await first.release();
    expect((await second).record).toMatchObject({ generation: 2, owner: 'b' });
  });

  it('takes over an expired lease without waiting, and clears generations older than the previous one', async () => {
    const store = seeded(record(3, 'x', -HOUR), record(4, 'y', -HOUR), record(5, elsewhere, -1));
    const lease = await acquire(store, fast('b'));
    expect(lease.record.generation).toBe(6);
    expect([...store.leases.keys()].sort()).toEqual(['lease-000000005', 'lease-000000006']);
  });

  it('takes over an unexpired lease whose holder on this host has exited', async () => {
    const store = seeded(record(1, local(deadPid()), HOUR));
    expect((await acquire(store, fast('b'))).record).toMatchObject({ generation: 2, owner: 'b' });
  });

  it.each([2, 4, 8])('lets exactly one of %i runs racing for one expired lease win; the others time out', async (n) => {
    const shared = seeded(record(7, elsewhere, -1));
    let seed = n;
    const jitter = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, (seed = (seed * 16807) % 2147483647) % 4));
    // Every call of every run yields for a random moment, so reads and creates interleave.
    const slow = (): MigrationStore => new Proxy(shared, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? async (...args: unknown[]) => { await jitter(); return (value as (...a: unknown[]) => unknown).apply(target, args); } : value;
      },
    });
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => acquire(slow(), fast(`run${i}`, { lockTimeoutMs: 200 }))));
    const winners = results.filter((r): r is PromiseFulfilledResult<Lease> => r.status === 'fulfilled').map((r) => r.value.record);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.generation).toBe(8);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('lock_held');
    const live = [...shared.leases.values()].filter((l) => Date.parse(l.expiresAt) > Date.now());
    expect(live.map((l) => l.owner)).toEqual([winners[0]?.owner]);
  });

  it('never lets a run that stalled after reading an old generation hold the lock beside a newer holder', async () => {
    const shared = seeded(record(1, elsewhere, -1));
    let unstall: () => void = () => {};
    const stalled = new Promise<void>((resolve) => { unstall = resolve; });
    let reachedCreate: () => void = () => {};
    const atCreate = new Promise<void>((resolve) => { reachedCreate = resolve; });
    const slowStore: MigrationStore = Object.assign(Object.create(shared) as MemoryStore, {
      createLease: async (lease: LeaseRecord) => { reachedCreate(); await stalled; return shared.createLease(lease); },
    });
    const slow = Lease.acquire(slowStore, fast('slow', { lockTimeoutMs: 300 }));
    await atCreate; // `slow` read generation 1 and is about to create generation 2.
    for (const owner of ['a', 'b']) await (await Lease.acquire(shared, fast(owner))).release();
    const holder = await acquire(shared, fast('c')); // generation 4; generations below 3 are cleared
    expect(shared.leases.has(leaseId(2))).toBe(false);
    unstall();
    const outcome = await slow.then((lease) => { held.push(lease); return lease.record.owner; }, (error: { code: string }) => error.code);
    expect(outcome).toBe('lock_held');
    expect(holder.record.generation).toBe(4);
  });
});

describe('a held lease', () => {
  it('notices a takeover on its next renewal and stops before the next step', async () => {
    const store = new MemoryStore();
    const lease = await acquire(store, fast('a', { ttlMs: 600 }));
    expect(() => lease.assertHeld()).not.toThrow();
    await store.createLease(record(2, 'intruder', HOUR));
    let thrown: unknown;
    for (const deadline = Date.now() + 2000; thrown === undefined && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // renewals run every ttl/3
      try { lease.assertHeld(); } catch (error) { thrown = error; }
    }
    expect(thrown).toMatchObject({ code: 'lock_held', exitCode: EXIT.locked, message: expect.stringContaining('intruder took it over') });
  });

  it('stays released when a renewal was in flight as it was released', async () => {
    const shared = new MemoryStore();
    let renewing = false;
    const store: MigrationStore = Object.assign(Object.create(shared) as MemoryStore, {
      renewLease: async (id: string, expiresAt: string) => {
        if (expiresAt !== new Date(0).toISOString()) {
          renewing = true;
          await new Promise((resolve) => setTimeout(resolve, 80)); // a slow request
        }
        await shared.renewLease(id, expiresAt);
      },
    });
    const lease = await Lease.acquire(store, fast('a', { ttlMs: 150 }));
    while (!renewing) await new Promise((resolve) => setTimeout(resolve, 5));
    await lease.release();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(shared.leases.get(lease.record.id)?.expiresAt).toBe(new Date(0).toISOString());
    expect((await acquire(shared, fast('b'))).record.generation).toBe(2);
  });

  it('is renewed while the run is alive', async () => {
    const store = new MemoryStore();
    const lease = await acquire(store, fast('a', { ttlMs: 300 }));
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(Date.parse(store.leases.get(lease.record.id)?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(() => lease.assertHeld()).not.toThrow();
  });
});

describe('breakLease', () => {
  it.each([
    ['another owner', 'someone-else', HOUR, false],
    ['an already expired lease', 'holder', -1, false],
    ['the named live owner', 'holder', HOUR, true],
  ] as const)('with %s: %s', async (_what, owner, expiresIn, breaks) => {
    const store = seeded(record(1, 'old', -HOUR), record(2, 'holder', expiresIn));
    const broken = await breakLease(store, owner);
    expect(broken?.id).toBe(breaks ? leaseId(2) : undefined);
    const after = store.leases.get(leaseId(2))?.expiresAt;
    expect(after === new Date(0).toISOString()).toBe(breaks);
    if (breaks) expect((await acquire(store, fast('next'))).record.generation).toBe(3);
  });

  it('does nothing on a store with no lease', async () => {
    expect(await breakLease(new MemoryStore(), 'anyone')).toBeUndefined();
  });
});
