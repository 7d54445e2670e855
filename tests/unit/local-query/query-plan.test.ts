/**
 * Indexed queries must be index lookups: EXPLAIN QUERY PLAN over the compiled SQL for the query
 * patterns of the customers reference (equality, IN, ranges, ordering, cursors, search).
 */
import { Query } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSelect, parseQueries } from '../../../src/local/query/index.js';
import { createFixtureDb, generateRows, SQL_TABLE, TABLE } from './fixture.js';

const db = createFixtureDb(generateRows(400));
// The same table with planner statistics, as `PRAGMA optimize` / ANALYZE leave them.
const analyzed = createFixtureDb(generateRows(400));
analyzed.exec('ANALYZE');
afterAll(() => {
  db.close();
  analyzed.close();
});

const loadCursorRow = (rowId: string): Record<string, unknown> | undefined =>
  db.prepare(`SELECT * FROM ${SQL_TABLE} WHERE _id = ?`).get(rowId) as Record<string, unknown> | undefined;

function plan(queries: string[], on = db): string {
  const compiled = compileSelect(TABLE, parseQueries(queries), { loadCursorRow });
  const steps = on.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.params) as { detail: string }[];
  return steps.map((s) => s.detail).join('\n');
}

const index = (name: string): RegExp => new RegExp(`USING (COVERING )?INDEX ${SQL_TABLE}__${name}\\b`);

describe('EXPLAIN QUERY PLAN', () => {
  it.each([
    ['equal on an indexed text column', [Query.equal('name', ['Alice Bob3'])], 'i_name'],
    ['equal with several values', [Query.equal('status', ['lead', 'prospect'])], 'i_status'],
    ['equal on $id', [Query.equal('$id', ['row0042'])], '_id'],
    ['between on an indexed datetime', [Query.between('lastContactAt', '2024-02-01', '2024-02-03')], 'i_last'],
  ])('%s uses the index', (_label, queries, name) => {
    for (const on of [db, analyzed]) {
      const detail = plan(queries, on);
      expect(detail).toMatch(index(name));
      expect(detail).not.toMatch(/SCAN rows_1_1\b(?! USING)/);
    }
  });

  // Without statistics SQLite guesses a one-sided range keeps 1/4 of the rows and prefers walking
  // the table in $sequence order; with statistics it sees the real selectivity, as MariaDB does.
  it.each([
    ['greaterThan on an indexed integer', [Query.greaterThan('score', 37)], 'i_score'],
    ['greaterThan on an indexed datetime', [Query.greaterThan('lastContactAt', '2025-01-25')], 'i_last'],
    ['lessThan on $createdAt', [Query.lessThan('$createdAt', '2024-01-01T03:00:00Z')], '_createdAt'],
  ])('%s uses the index once statistics exist', (_label, queries, name) => {
    const detail = plan(queries, analyzed);
    expect(detail).toMatch(index(name));
    expect(detail).not.toMatch(/SCAN rows_1_1\b(?! USING)/);
  });

  it.each([
    ['orderAsc on an indexed column', [Query.orderAsc('name'), Query.limit(10)], 'i_name'],
    ['orderDesc $createdAt', [Query.orderDesc('$createdAt'), Query.limit(10)], '_createdAt'],
    ['orderAsc with an equal filter on the same column', [Query.equal('status', ['lead']), Query.orderAsc('status')], 'i_status'],
    ['cursorAfter on an indexed order', [Query.orderAsc('name'), Query.cursorAfter('row0100'), Query.limit(10)], 'i_name'],
  ])('%s reads the index in order (no sort step)', (_label, queries, name) => {
    const detail = plan(queries);
    expect(detail).toMatch(index(name));
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('orderDesc on an indexed column walks the index and only sorts ties by $sequence', () => {
    const detail = plan([Query.orderDesc('score'), Query.limit(10)]);
    expect(detail).toMatch(index('i_score'));
    expect(detail).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  });

  it('search reads the FTS5 index', () => {
    expect(plan([Query.search('bio', 'sales')])).toContain('VIRTUAL TABLE INDEX');
  });

  // FTS5's index string: 64 = rowids ascending, 192 = descending, M1 = MATCH, > / < = a rowid bound.
  it.each([
    ['the default order', [Query.search('bio', 'sales'), Query.limit(10)], /VIRTUAL TABLE INDEX 64:M1$/m],
    ['orderDesc $sequence', [Query.search('bio', 'sales'), Query.orderDesc('$sequence'), Query.limit(10)], /VIRTUAL TABLE INDEX 192:M1$/m],
    ['cursorAfter', [Query.search('bio', 'sales'), Query.cursorAfter('row0100'), Query.limit(10)], /VIRTUAL TABLE INDEX 64:M1>$/m],
    ['cursorBefore', [Query.search('bio', 'sales'), Query.cursorBefore('row0100'), Query.limit(10)], /VIRTUAL TABLE INDEX 192:M1<$/m],
    ['another filter', [Query.search('bio', 'sales'), Query.equal('status', ['lead']), Query.limit(10)], /VIRTUAL TABLE INDEX 64:M1$/m],
  ])('a search in %s walks the FTS5 index in $sequence order: no list of every match, no sort', (_label, queries, fts) => {
    for (const on of [db, analyzed]) {
      const detail = plan(queries, on);
      expect(detail).toMatch(fts);
      expect(detail).toMatch(/^SEARCH rows_1_1 USING INTEGER PRIMARY KEY/m);
      expect(detail).not.toContain('LIST SUBQUERY');
      // cursorBefore's outer query re-sorts its page, nothing more.
      if (!queries.some((q) => q.includes('cursorBefore'))) expect(detail).not.toContain('TEMP B-TREE');
    }
  });

  it('a search in any other order keeps the IN list, so the planner can pick an index on the order column', () => {
    expect(plan([Query.search('bio', 'sales'), Query.orderAsc('name'), Query.limit(10)])).toContain('LIST SUBQUERY');
  });

  it('a filter on an unindexed column scans (the assertions above can fail)', () => {
    expect(plan([Query.equal('email', ['x@example.com'])])).toMatch(/SCAN rows_1_1/);
  });
});
