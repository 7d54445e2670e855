import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCustomersTable, customerQueryPatterns, customerRow, failure, startHarness, type LocalHarness } from '../helpers/local-server.js';
import { LocalProject } from '../../src/local/project.js';
import { queryTable } from '../../src/local/rows/list.js';
import { compileSelect, parseQueries } from '../../src/local/query/index.js';

let h: LocalHarness;
let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-plans-'));
  file = path.join(dir, 'plans.sqlite');
  h = await startHarness({ memory: false, file });
  await h.tablesDB.create({ databaseId: 'console-db', name: 'Console' });
  await createCustomersTable(h.tablesDB, 'console-db');
  const rows = Array.from({ length: 300 }, (_, i) => customerRow(i));
  for (let i = 0; i < rows.length; i += 100) await h.tablesDB.createRows({ databaseId: 'console-db', tableId: 'customers', rows: rows.slice(i, i + 100) });
  await h.tablesDB.createIndex({ databaseId: 'console-db', tableId: 'customers', key: 'u_email', type: 'unique' as never, columns: ['email'] });
}, 60_000);
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const patterns = customerQueryPatterns('2025-02-01T00:00:00.000+00:00');

/**
 * Judged per step, as tests/unit/local-query does: joined into one string, a `^SCAN ...$` check only
 * fires when the whole plan is that one step, and `USING INDEX` anywhere would accept a full walk of
 * an index. Every pattern filters, so it must look rows up: a SEARCH through an index (with its
 * constraint), the rowid, or the FTS5 index; and no step may read the table itself in full.
 */
const FULL_TABLE_SCAN = /^SCAN rows_\d+_\d+$/;
const INDEX_LOOKUP = /^SEARCH rows_\d+_\d+ USING (COVERING )?INDEX \S+ \(.+\)$|^SEARCH rows_\d+_\d+ USING INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX/;

describe('EXPLAIN QUERY PLAN of the reference query patterns uses an index', () => {
  it.each(Object.keys(patterns))('%s', (name) => {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const project = new LocalProject(sqlite, 'plans');
      const context = project.context('console-db', 'customers');
      const plan = compileSelect(queryTable(context), parseQueries(patterns[name]!), { loadCursorRow: () => undefined });
      const steps = sqlite.prepare(`EXPLAIN QUERY PLAN ${plan.sql}`).all(...(plan.params as unknown[])) as { detail: string }[];
      const details = steps.map((s) => s.detail);
      expect(details.filter((detail) => FULL_TABLE_SCAN.test(detail)), details.join(' | ')).toEqual([]);
      expect(details.some((detail) => INDEX_LOOKUP.test(detail)), details.join(' | ')).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  it('followUps: the total is counted from the (nextFollowUpAt, status) index without reading rows', () => {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const project = new LocalProject(sqlite, 'plans');
      const context = project.context('console-db', 'customers');
      const plan = compileSelect(queryTable(context), parseQueries(patterns['followUps']!), { loadCursorRow: () => undefined });
      const explain = (sql: string, params: readonly unknown[]) =>
        (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[]).map((s) => s.detail).join(' | ');
      const indexSql = sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%c_nextFollowUpAt%c_status%'`)
        .pluck()
        .all() as string[];
      expect(indexSql).toHaveLength(1);
      const name = indexSql[0]!;
      // The page (25 rows, read in full anyway) may walk either index on nextFollowUpAt; the total must not read rows.
      expect(explain(plan.sql, plan.params)).toMatch(/USING (COVERING )?INDEX rows_\d+_\d+__i_(nextFollowUpAt|followUp_status) \(c_nextFollowUpAt<\?\)/);
      expect(explain(plan.countSql, plan.countParams)).toContain(`USING COVERING INDEX ${name}`);
    } finally {
      sqlite.close();
    }
  });

  it('the patterns return the expected rows over HTTP', async () => {
    const list = (queries: string[]) => h.tablesDB.listRows({ databaseId: 'console-db', tableId: 'customers', queries });
    expect((await list(patterns['byUserId']!)).rows.map((r) => r.$id)).toEqual(['cust42']);
    expect((await list(patterns['searchName']!)).rows.map((r) => r.$id)).toEqual(['cust42']);
    // customerRow(i) earns (i % 1000) * 10.5, so the 300 rows' top ten are rows 299 down to 290.
    const top = (await list(patterns['topRevenue']!)).rows.map((r) => r['totalRevenue'] as number);
    expect(top).toEqual(Array.from({ length: 10 }, (_, i) => (299 - i) * 10.5));
  });

  it('the per-step checks can fail: an unindexed filter scans the table, an order alone walks a whole index', () => {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const context = new LocalProject(sqlite, 'plans').context('console-db', 'customers');
      const details = (queries: string[]): string[] => {
        const plan = compileSelect(queryTable(context), parseQueries(queries), { loadCursorRow: () => undefined });
        return (sqlite.prepare(`EXPLAIN QUERY PLAN ${plan.sql}`).all(...(plan.params as unknown[])) as { detail: string }[]).map((s) => s.detail);
      };
      const unindexed = details(['{"method":"equal","attribute":"website","values":["https://x.test"]}']);
      expect(unindexed.some((detail) => FULL_TABLE_SCAN.test(detail)), unindexed.join(' | ')).toBe(true);
      const wholeIndex = details(['{"method":"orderAsc","attribute":"name"}']);
      expect(wholeIndex.some((detail) => /^SCAN rows_\d+_\d+ USING INDEX/.test(detail)), wholeIndex.join(' | ')).toBe(true);
      expect(wholeIndex.some((detail) => INDEX_LOOKUP.test(detail)), wholeIndex.join(' | ')).toBe(false);
    } finally {
      sqlite.close();
    }
  });

  it('search without a fulltext index -> 400 general_query_invalid', async () => {
    const err = await failure(() => h.tablesDB.listRows({ databaseId: 'console-db', tableId: 'customers', queries: ['{"method":"search","attribute":"company","values":["x"]}'] }));
    expect([err.code, err.type]).toEqual([400, 'general_query_invalid']);
  });
});
