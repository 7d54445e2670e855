/**
 * A search in the default ($sequence) order is read by walking the FTS5 index (row-source.ts); any
 * other order reads `_seq IN (matches)`. Both must answer exactly what the reference evaluator
 * answers, with limits, offsets, cursors, other filters and totals, on many rows, and on an FTS table
 * with prefix indexes (as the server creates them now) as well as without (one created before).
 */
import { Query } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSelect, parseQueries, TOTAL_COUNT_CAP } from '../../../src/local/query/index.js';
import { createFixtureDb, generateRows, SQL_TABLE, TABLE } from './fixture.js';
import { reference } from './reference.js';

const ROWS = generateRows(8000);
const variants = [
  ['FTS table with prefix indexes', createFixtureDb(ROWS, { ftsPrefix: '1 2 3' })],
  ['FTS table without prefix indexes', createFixtureDb(ROWS)],
] as const;
afterAll(() => variants.forEach(([, db]) => db.close()));

function run(db: (typeof variants)[number][1], queries: string[], extraWhere?: { sql: string; params: unknown[] }): { ids: string[]; total: number } {
  const loadCursorRow = (rowId: string) => db.prepare(`SELECT * FROM ${SQL_TABLE} WHERE _id = ?`).get(rowId) as Record<string, unknown> | undefined;
  const plan = compileSelect(TABLE, parseQueries(queries), { loadCursorRow, ...(extraWhere ? { extraWhere } : {}) });
  const rows = db.prepare(plan.sql).all(...plan.params) as { _id: string }[];
  const count = db.prepare(plan.countSql).get(...plan.countParams) as { n: number };
  return { ids: rows.map((r) => r._id), total: count.n };
}

/** Matches more than the count cap: every row whose bio holds any of these words. */
const BROAD = Query.search('bio', 'spider man manager malaysia sales l');
const PREFIX = Query.search('bio', 'm');

const CASES: [string, string[]][] = [
  ['a one-letter prefix over thousands of rows', [PREFIX]],
  ['the same, a later page', [PREFIX, Query.limit(25), Query.offset(1000)]],
  ['an offset past the last match', [PREFIX, Query.offset(7999)]],
  ['several words and a prefix', [Query.search('bio', 'urgent renewal inv')]],
  ['an exact phrase', [Query.search('bio', '"spider man"'), Query.limit(100)]],
  ['a term without words', [Query.search('bio', '***')]],
  ['a term no row holds', [Query.search('bio', 'zebra')]],
  ['more matches than the count cap', [BROAD, Query.limit(10)]],
  ['orderAsc $sequence', [PREFIX, Query.orderAsc('$sequence'), Query.limit(30)]],
  ['orderDesc $sequence', [PREFIX, Query.orderDesc('$sequence'), Query.limit(30), Query.offset(5)]],
  ['with an indexed filter', [PREFIX, Query.equal('status', ['lead']), Query.limit(50)]],
  ['with a filter no matching row passes', [PREFIX, Query.equal('name', ['nobody'])]],
  ['with a $sequence range', [PREFIX, Query.between('$sequence', 3000, 3100), Query.limit(100)]],
  ['with an or holding another search', [PREFIX, Query.or([Query.isNull('city'), Query.search('bio', 'urgent')]), Query.limit(40)]],
  ['two searches', [Query.search('bio', 'sales'), Query.search('bio', 'urg'), Query.limit(40)]],
  ['a notSearch first', [Query.notSearch('bio', 'sales'), PREFIX, Query.limit(40)]],
  ['notSearch alone', [Query.notSearch('bio', 'm'), Query.limit(40)]],
  ['orderAsc name (not the FTS order)', [PREFIX, Query.orderAsc('name'), Query.limit(30)]],
  ['orderDesc $createdAt (not the FTS order)', [PREFIX, Query.orderDesc('$createdAt'), Query.limit(30)]],
  ['selected columns', [PREFIX, Query.select(['name']), Query.limit(5)]],
];

const CURSORS: [string, string[]][] = ['row0000', 'row0007', 'row4000', 'row7999'].flatMap((id) => [
  [`after ${id}`, [PREFIX, Query.cursorAfter(id), Query.limit(20)]],
  [`before ${id}`, [PREFIX, Query.cursorBefore(id), Query.limit(20)]],
  [`after ${id} with an offset`, [PREFIX, Query.cursorAfter(id), Query.offset(30), Query.limit(20)]],
  [`before ${id} with an offset`, [PREFIX, Query.cursorBefore(id), Query.offset(30), Query.limit(20)]],
  [`after ${id}, orderDesc $sequence`, [PREFIX, Query.orderDesc('$sequence'), Query.cursorAfter(id), Query.limit(20)]],
  [`before ${id}, orderDesc $sequence`, [PREFIX, Query.orderDesc('$sequence'), Query.cursorBefore(id), Query.limit(20)]],
  [`after ${id}, orderAsc name`, [PREFIX, Query.orderAsc('name'), Query.cursorAfter(id), Query.limit(20)]],
] as [string, string[]][]);

describe.each(variants)('search pages on an %s agree with the reference evaluator', (_variant, db) => {
  it.each(CASES)('%s', (_label, queries) => {
    expect(run(db, queries)).toEqual(reference(ROWS, queries));
  });

  it.each(CURSORS)('cursor %s', (_label, queries) => {
    expect(run(db, queries)).toEqual(reference(ROWS, queries));
  });

  it('the cases are not vacuous: the prefix matches thousands, the broad term reaches the cap', () => {
    expect(reference(ROWS, [PREFIX]).total).toBeGreaterThan(3000);
    expect(reference(ROWS, [BROAD]).total).toBe(TOTAL_COUNT_CAP);
  });

  it('ANDs the extra where clause (row permissions) into rows and total', () => {
    const readable = { sql: '_seq IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ROWS.filter((r) => r.$sequence % 3 === 0).map((r) => r.$sequence))] };
    const visible = ROWS.filter((r) => r.$sequence % 3 === 0);
    for (const queries of [[PREFIX], [PREFIX, Query.cursorAfter('row0299'), Query.limit(40)], [PREFIX, Query.orderDesc('$sequence'), Query.offset(10)]]) {
      expect(run(db, queries, readable)).toEqual(reference(visible, queries));
    }
  });

  it('walks every match with cursors, forwards and backwards, in $sequence order', () => {
    const everything = reference(ROWS, [PREFIX, Query.limit(8000)]).ids;
    const forward: string[] = [];
    for (let page = run(db, [PREFIX, Query.limit(500)]); page.ids.length > 0; ) {
      forward.push(...page.ids);
      page = run(db, [PREFIX, Query.limit(500), Query.cursorAfter(forward.at(-1) as string)]);
    }
    expect(forward).toEqual(everything);
    const backward: string[] = [];
    for (let page = run(db, [PREFIX, Query.orderDesc('$sequence'), Query.limit(500)]); page.ids.length > 0; ) {
      backward.push(...page.ids);
      page = run(db, [PREFIX, Query.orderDesc('$sequence'), Query.limit(500), Query.cursorAfter(backward.at(-1) as string)]);
    }
    expect(backward).toEqual([...everything].reverse());
  });
});
