/**
 * A crash of `crm-schema local` (SIGKILL: no shutdown code runs) loses nothing the server had
 * acknowledged, leaves a sound data file, and the schema work it had accepted but not yet done is
 * finished by the next process. Requires `npx tsc` (runs dist/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client, Query, TablesDB, TablesDBIndexType } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { startCliServer } from '../helpers/cli.js';
import { waitForColumn, waitForIndex } from '../helpers/local-server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'crm-crash-'));
const file = path.join(dir, 'local.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = { databaseId: 'crash', tableId: 'notes' };
const connect = (endpoint: string) => new TablesDB(new Client().setEndpoint(endpoint).setProject('crm-local').setKey('crash-key'));
const start = () => startCliServer(['--data', file, '--port', '0', '--api-key', 'crash-key', '--worker-delay', '1000']);

async function allIds(tablesDB: TablesDB): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const queries = [Query.limit(500), Query.orderAsc('$id'), ...(cursor === undefined ? [] : [Query.cursorAfter(cursor)])];
    const page = await tablesDB.listRows({ ...at, queries });
    ids.push(...page.rows.map((row) => row.$id));
    if (page.rows.length < 500) return ids;
    cursor = ids[ids.length - 1];
  }
}

describe('crm-schema local killed mid-write', () => {
  it('keeps every acknowledged row, and the next process finishes the pending schema work', { timeout: 60_000 }, async () => {
    const first = await start();
    const acknowledged: string[] = [];
    try {
      const tablesDB = connect(first.endpoint);
      await tablesDB.create({ databaseId: at.databaseId, name: 'Crash' });
      await tablesDB.createTable({ ...at, name: 'Notes' });
      await tablesDB.createVarcharColumn({ ...at, key: 'text', size: 100, required: true });
      await waitForColumn(tablesDB, at.databaseId, at.tableId, 'text', 10_000);

      // Writers run until the kill: single rows and batches of 100, four requests in flight at a time.
      let stop = false;
      const writer = async (lane: number) => {
        for (let n = 0; !stop; n++) {
          const ids = n % 2 === 0 ? [`l${lane}-${n}`] : Array.from({ length: 100 }, (_, i) => `l${lane}-${n}-${i}`);
          try {
            if (ids.length === 1) await tablesDB.createRow({ ...at, rowId: ids[0]!, data: { text: 'one' } });
            else await tablesDB.createRows({ ...at, rows: ids.map(($id) => ({ $id, text: 'batch' })) });
            acknowledged.push(...ids);
          } catch {
            return; // the server is gone: this request was never acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      while (acknowledged.length < 2000) await new Promise((resolve) => setTimeout(resolve, 10));
      // Schema work accepted (202, processing) that the 1 s worker delay keeps from running yet.
      await tablesDB.createIntegerColumn({ ...at, key: 'pages', required: false });
      await tablesDB.createIndex({ ...at, key: 'by_text', type: TablesDBIndexType.Key, columns: ['text'] });
      expect((await tablesDB.getColumn({ ...at, key: 'pages' })).status).toBe('processing');
      await first.kill();
      stop = true;
      await Promise.all(writers);
    } finally {
      await first.stop();
    }

    const second = await start();
    try {
      const tablesDB = connect(second.endpoint);
      const stored = new Set(await allIds(tablesDB));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(2000);
      expect(await waitForColumn(tablesDB, at.databaseId, at.tableId, 'pages', 10_000)).toBe('available');
      expect(await waitForIndex(tablesDB, at.databaseId, at.tableId, 'by_text', 10_000)).toBe('available');
      await tablesDB.createRow({ ...at, rowId: 'after', data: { text: 'after', pages: 3 } });
      expect((await tablesDB.getRow({ ...at, rowId: 'after' }))['pages']).toBe(3);
    } finally {
      await second.stop();
    }
    const sqlite = new Database(file, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
  });
});
