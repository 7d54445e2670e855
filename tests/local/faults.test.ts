/**
 * Latency and fault injection observed through the unmodified node-appwrite SDK: every fault kind, the
 * difference between a fault before the request took effect and one after, seed reproducibility, latency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppwriteException, Client, TablesDB } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/index.js';
import { waitForColumn, type LooseTablesDB } from '../helpers/local-server.js';

const open: LocalServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of open) await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(options: LocalServerOptions): Promise<{ server: LocalServer; tablesDB: TablesDB }> {
  const server = await startLocalServer({ port: 0, memory: true, apiKey: 'fault-key', ...options });
  open.push(server);
  const client = new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey);
  return { server, tablesDB: new TablesDB(client) };
}

/** What a client sees: the status of an AppwriteException, 'dropped' for a failed fetch, 'ok' otherwise. */
async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    if (error instanceof AppwriteException) return String(error.code);
    if (error instanceof TypeError && /fetch failed/.test(error.message)) return 'dropped';
    throw error;
  }
}

const STATUS_OF_KIND: Record<string, string> = { server_error: '500', unavailable: '503', rate_limited: '429', dropped: 'dropped' };

describe('fault injection', () => {
  it('answers every fault kind, before and after the handler, as the SDK sees them', async () => {
    const { server, tablesDB } = await start({ failRate: 1, failSeed: 7 });
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) seen.push(await outcome(() => tablesDB.list()));
    const { log, faults, faultsBefore, faultsAfter, faultsByKind } = server.stats();
    expect(faults).toBe(40);
    expect(log.map((r) => STATUS_OF_KIND[r.kind])).toEqual(seen);
    expect(new Set(seen)).toEqual(new Set(['500', '503', '429', 'dropped']));
    // Every kind both as "request lost" (before) and as "response lost" (after).
    expect(new Set(log.map((r) => `${r.kind}:${r.timing}`)).size).toBe(8);
    expect(faultsBefore).toBeGreaterThan(0);
    expect(faultsAfter).toBeGreaterThan(0);
    expect(faultsByKind.dropped + faultsByKind.rate_limited + faultsByKind.server_error + faultsByKind.unavailable).toBe(40);
  });

  it('sends X-RateLimit-* headers and an Appwrite error body with a 429', async () => {
    const { server } = await start({ failRate: 1, failSeed: 3 });
    const headers = { 'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey };
    for (let i = 0; i < 60; i++) {
      const response = await fetch(`${server.endpoint}/tablesdb`, { headers }).catch(() => undefined);
      if (response?.status !== 429) continue;
      expect(Number(response.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect(await response.json()).toMatchObject({ code: 429, type: 'general_rate_limit_exceeded' });
      return;
    }
    throw new Error('no 429 in 60 faulted requests');
  });

  it('never faults the health probe', async () => {
    const { server } = await start({ failRate: 1, failSeed: 1 });
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${server.endpoint}/health/version`);
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('version');
    }
    expect(server.stats()).toMatchObject({ requests: 20, faults: 0 });
  });

  it('a fault before the request leaves no effect; a fault after it leaves the effect', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-faults-'));
    dirs.push(dir);
    const file = path.join(dir, 'data.sqlite');
    const clean = await start({ file, memory: false });
    await clean.tablesDB.create({ databaseId: 'db', name: 'Faults' });
    await clean.tablesDB.createTable({ databaseId: 'db', tableId: 'items', name: 'Items' });
    await clean.tablesDB.createVarcharColumn({ databaseId: 'db', tableId: 'items', key: 'label', size: 50, required: true });
    await waitForColumn(clean.tablesDB, 'db', 'items', 'label');
    await clean.server.close();

    const { server, tablesDB } = await start({ file, memory: false, failRate: 0.5, failSeed: 42 });
    const writes: { id: string; timing: 'before' | 'after' | 'none'; seen: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const id = `item${i}`;
      const logBefore = server.stats().log.length;
      const seen = await outcome(() => (tablesDB as unknown as LooseTablesDB).createRow({ databaseId: 'db', tableId: 'items', rowId: id, data: { label: id } }));
      const fault = server.stats().log[logBefore];
      writes.push({ id, timing: fault?.timing ?? 'none', seen });
    }
    expect(writes.some((w) => w.timing === 'before')).toBe(true);
    expect(writes.some((w) => w.timing === 'after')).toBe(true);
    for (const write of writes) {
      expect(write.seen === 'ok').toBe(write.timing === 'none');
      expect(await rowExists(tablesDB, write.id)).toBe(write.timing !== 'before');
    }
  });

  it('reproduces the same fault sequence from the same seed, and another from another seed', async () => {
    const run = async (seed: number) => {
      const { server, tablesDB } = await start({ failRate: 0.3, failSeed: seed });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) seen.push(await outcome(() => tablesDB.list()));
      return { seen, log: server.stats().log.map((r) => `${r.request}:${r.kind}:${r.timing}`) };
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(first.log.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
    expect(other.seen).not.toEqual(first.seen);
  });

  it('adds the configured latency to every request', async () => {
    /** The fastest of five sequential calls: a lower bound that machine load cannot push below the latency. */
    const fastest = async (latencyMs: number) => {
      const { tablesDB } = await start({ latencyMs });
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await tablesDB.list();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    expect(await fastest(200)).toBeGreaterThanOrEqual(199);
    expect(await fastest(0)).toBeLessThan(199);
  });

  it('rejects a fail rate outside 0..1', async () => {
    await expect(startLocalServer({ memory: true, failRate: 1.5 })).rejects.toThrow(/failRate/);
  });
});

/** Reads are idempotent, so a client may retry them through faults until it gets an answer. */
async function rowExists(tablesDB: TablesDB, rowId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const seen = await outcome(() => tablesDB.getRow({ databaseId: 'db', tableId: 'items', rowId }));
    if (seen === 'ok') return true;
    if (seen === '404') return false;
  }
  throw new Error(`no answer for ${rowId} after 50 attempts`);
}
