/**
 * Runs compiled SQL on a real SQLite table of generated rows and compares every answer with the
 * independent JS evaluator in reference.ts.
 */
import { Query } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSelect, compileSelection, parseQueries } from '../../../src/local/query/index.js';
import { createFixtureDb, generateRows, SQL_TABLE, TABLE } from './fixture.js';
import { reference } from './reference.js';
import { CURSOR_ORDERS, filterCases, ORDER_CASES } from './cases.js';

const ROWS = generateRows(400);
const db = createFixtureDb(ROWS);
afterAll(() => db.close());

const loadCursorRow = (rowId: string): Record<string, unknown> | undefined =>
  db.prepare(`SELECT * FROM ${SQL_TABLE} WHERE _id = ?`).get(rowId) as Record<string, unknown> | undefined;

function run(queries: string[]): { ids: string[]; total: number } {
  const plan = compileSelect(TABLE, parseQueries(queries), { loadCursorRow });
  const rows = db.prepare(plan.sql).all(...plan.params) as { _id: string }[];
  const count = db.prepare(plan.countSql).get(...plan.countParams) as { n: number };
  return { ids: rows.map((r) => r._id), total: count.n };
}

const ALL = Query.limit(1000);
const FILTER_CASES = filterCases(ROWS);

describe('filters agree with the reference evaluator', () => {
  it.each(FILTER_CASES)('%s', (_label, queries) => {
    const actual = run([...queries, ALL]);
    const expected = reference(ROWS, [...queries, ALL]);
    expect(actual).toEqual(expected);
  });

  it('the filter cases are not vacuous: most select some rows but not all', () => {
    const sizes = FILTER_CASES.map(([, queries]) => reference(ROWS, [...queries, ALL]).total);
    const partial = sizes.filter((n) => n > 0 && n < ROWS.length).length;
    expect(partial).toBeGreaterThan(FILTER_CASES.length - 6);
  });
});

describe('ordering and paging agree with the reference evaluator', () => {
  it.each(ORDER_CASES)('%s', (_label, queries) => {
    expect(run(queries)).toEqual(reference(ROWS, queries));
  });

  it('orderRandom returns the matching rows', () => {
    const queries = [Query.equal('status', ['lead']), Query.orderRandom(), ALL];
    const actual = run(queries);
    const expected = reference(ROWS, queries);
    expect([...actual.ids].sort()).toEqual([...expected.ids].sort());
    expect(actual.total).toBe(expected.total);
  });
});

describe('cursor pagination agrees with the reference evaluator', () => {
  const cursorIds = ['row0000', 'row0123', 'row0250', 'row0399'];
  const cases = CURSOR_ORDERS.flatMap(([label, orders]) =>
    cursorIds.flatMap((id) => {
      const row = ROWS.find((r) => r.$id === id);
      // Rows whose order columns are null cannot be cursors; that error has its own test.
      if (orders.some((o) => o.includes('"city"')) && row?.city === null) return [];
      return [
        [`${label}, after ${id}`, [...orders, Query.cursorAfter(id), Query.limit(10)]],
        [`${label}, before ${id}`, [...orders, Query.cursorBefore(id), Query.limit(10)]],
        [`${label}, after ${id} with offset`, [...orders, Query.cursorAfter(id), Query.offset(5), Query.limit(8)]],
        [`${label}, before ${id} with offset`, [...orders, Query.cursorBefore(id), Query.offset(5), Query.limit(8)]],
      ] as [string, string[]][];
    }),
  );

  it.each(cases)('%s', (_label, queries) => {
    const filtered = [Query.notEqual('status', 'archived'), ...queries];
    expect(run(filtered)).toEqual(reference(ROWS, filtered));
  });

  it('walks the whole table forwards and backwards with cursors', () => {
    const order = [Query.orderAsc('status'), Query.orderDesc('revenue'), Query.isNotNull('revenue')];
    const forward: string[] = [];
    let page = run([...order, Query.limit(37)]);
    while (page.ids.length > 0) {
      forward.push(...page.ids);
      page = run([...order, Query.limit(37), Query.cursorAfter(forward.at(-1) as string)]);
    }
    expect(forward).toEqual(reference(ROWS, [...order, ALL]).ids);

    const backward: string[] = [];
    page = run([...order, Query.limit(37), Query.cursorBefore(forward.at(-1) as string)]);
    while (page.ids.length > 0) {
      backward.unshift(...page.ids);
      page = run([...order, Query.limit(37), Query.cursorBefore(page.ids[0] as string)]);
    }
    expect(backward).toEqual(forward.slice(0, -1));
  });

  it('total ignores cursor, limit and offset', () => {
    const result = run([Query.equal('status', ['lead']), Query.cursorAfter('row0200'), Query.limit(2), Query.offset(1)]);
    expect(result.total).toBe(ROWS.filter((r) => r.status === 'lead').length);
  });
});

describe('plans', () => {
  it('binds every value as a parameter and never inlines user text', () => {
    const plan = compileSelect(
      TABLE,
      parseQueries([Query.equal('name', ["x' OR 1=1 --"]), Query.search('bio', "a'b"), Query.startsWith('city', '%')]),
      { loadCursorRow },
    );
    expect(plan.sql).not.toContain("x'");
    expect(plan.sql).not.toContain("a'b");
    expect(plan.params).toContain("x' OR 1=1 --");
  });

  it('caps the count at 5000 and ANDs the extra where clause into rows and count', () => {
    const plan = compileSelect(TABLE, parseQueries([Query.greaterThan('score', 0)]), {
      loadCursorRow,
      extraWhere: { sql: '_seq % ? = 0', params: [2] },
    });
    expect(plan.countSql).toContain('LIMIT 5000');
    const rows = db.prepare(plan.sql).all(...plan.params) as { _seq: number; c_score: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r._seq % 2 === 0 && r.c_score > 0)).toBe(true);
    const { n } = db.prepare(plan.countSql).get(...plan.countParams) as { n: number };
    expect(n).toBe(ROWS.filter((r) => r.$sequence % 2 === 0 && r.score > 0).length);
  });

  it('honours defaultLimit and reports select', () => {
    const plan = compileSelect(TABLE, parseQueries([Query.select(['name', '$id'])]), { loadCursorRow, defaultLimit: 3 });
    expect(db.prepare(plan.sql).all(...plan.params)).toHaveLength(3);
    expect(plan.select).toEqual(['name', '$id']);
    const star = compileSelect(TABLE, parseQueries([Query.select(['*'])]), { loadCursorRow });
    expect(star.select).toBeUndefined();
  });

  it('compileSelection selects every matching row unless limited', () => {
    const all = compileSelection(TABLE, parseQueries([Query.equal('active', [true])]), { loadCursorRow });
    expect(db.prepare(all.sql).all(...all.params)).toHaveLength(ROWS.filter((r) => r.active === true).length);
    const some = compileSelection(TABLE, parseQueries([Query.equal('active', [true]), Query.limit(5), Query.offset(2)]), {
      loadCursorRow,
    });
    const ids = (db.prepare(some.sql).all(...some.params) as { _id: string }[]).map((r) => r._id);
    expect(ids).toEqual(ROWS.filter((r) => r.active === true).slice(2, 7).map((r) => r.$id));
    const offsetOnly = compileSelection(TABLE, parseQueries([Query.offset(395)]), { loadCursorRow });
    expect(db.prepare(offsetOnly.sql).all(...offsetOnly.params)).toHaveLength(5);
  });
});
