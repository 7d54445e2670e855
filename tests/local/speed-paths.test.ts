/**
 * The fast paths of the local server must not change what clients see: bulk inserts render rows
 * without reading them back, use multi-row INSERTs, table contexts are cached per metadata
 * generation, and planner statistics appear on their own. All through node-appwrite 27.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { failure, startHarness, waitForColumn, waitForIndex, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';
import { LocalProject } from '../../src/local/project.js';
import { queryTable } from '../../src/local/rows/list.js';
import { compileSelect, parseQueries } from '../../src/local/query/index.js';

let h: LocalHarness;
let t: LooseTablesDB;
let dir: string;
let file: string;
const db = { databaseId: 'speed' };
const typed = { ...db, tableId: 'typed' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-speed-'));
  file = path.join(dir, 'speed.sqlite');
  h = await startHarness({ memory: false, file });
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ ...db, name: 'Speed' });
  await t.createTable({ ...typed, name: 'Typed' });
  await t.createVarcharColumn({ ...typed, key: 'name', size: 50, required: true });
  await t.createBooleanColumn({ ...typed, key: 'flag', required: false, xdefault: true });
  await t.createIntegerColumn({ ...typed, key: 'big', required: false });
  await t.createIntegerColumn({ ...typed, key: 'score', required: false, min: 0, xdefault: 7 });
  await t.createFloatColumn({ ...typed, key: 'ratio', required: false });
  await t.createDatetimeColumn({ ...typed, key: 'when', required: false });
  await t.createEnumColumn({ ...typed, key: 'status', elements: ['on', 'off'], required: false, xdefault: 'on' });
  await t.createEmailColumn({ ...typed, key: 'email', required: false });
  await t.createVarcharColumn({ ...typed, key: 'tags', size: 20, required: false, array: true });
  await t.createIntegerColumn({ ...typed, key: 'counts', required: false, array: true });
  for (const key of ['name', 'flag', 'big', 'score', 'ratio', 'when', 'status', 'email', 'tags', 'counts']) await waitForColumn(h.tablesDB, 'speed', 'typed', key);
  await t.createIndex({ ...typed, key: 'u_email', type: 'unique', columns: ['email'] });
  await t.createIndex({ ...typed, key: 'ft_name', type: 'fulltext', columns: ['name'] });
  await t.createIndex({ ...typed, key: 'i_score', type: 'key', columns: ['score'] });
  for (const key of ['u_email', 'ft_name', 'i_score']) await waitForIndex(h.tablesDB, 'speed', 'typed', key);
}, 60_000);

afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (): Promise<number> => (await t.listRows({ ...typed, queries: ['{"method":"limit","values":[1]}'] })).total as number;

describe('createRows renders exactly what getRow reads back', () => {
  it('for every column type, defaults, nulls, big integers and permissions', async () => {
    const rows = [
      { $id: 'all', name: 'Alice', flag: false, big: 9007199254740993n, score: 3, ratio: 2.5, when: '2025-03-04T05:06:07.8+02:00', status: 'off', email: 'a@x.io', tags: ['a', 'b'], counts: [1, 2], $permissions: ['read("any")'] },
      { $id: 'defaults', name: 'Bob', big: null, ratio: 3, when: '2025-03-04', tags: [] },
      { name: 'Generated id', score: 0, counts: [9007199254740993n] },
    ];
    const created = (await t.createRows({ ...typed, rows })).rows as Record<string, unknown>[];
    expect(created).toHaveLength(3);
    for (const row of created) expect(await t.getRow({ ...typed, rowId: row['$id'] })).toEqual(row);
    const [all, defaults] = created;
    expect(all).toMatchObject({ flag: false, big: 9007199254740993n, when: '2025-03-04T03:06:07.800+00:00', $permissions: ['read("any")'] });
    expect(defaults).toMatchObject({ flag: true, score: 7, status: 'on', big: null, email: null, ratio: 3 });
  });

  it('hands out consecutive $sequence values in request order', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ $id: `seq${i}`, name: `Seq ${i}` }));
    const created = (await t.createRows({ ...typed, rows })).rows as Record<string, unknown>[];
    expect(created.map((r) => r['$id'])).toEqual(rows.map((r) => r.$id));
    const sequences = created.map((r) => Number(r['$sequence']));
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0]! + i));
    for (const id of ['seq0', 'seq57', 'seq99']) {
      const fetched = await t.getRow({ ...typed, rowId: id });
      expect(fetched).toEqual(created.find((r) => r['$id'] === id));
    }
  });

  it('a single createRow answers with the stored row', async () => {
    const created = await t.createRow({ ...typed, rowId: 'single', data: { name: 'One', when: '2025-01-01T00:00:00Z', counts: [5] } });
    expect(await t.getRow({ ...typed, rowId: 'single' })).toEqual(created);
  });
});

describe('multi-row INSERT failures are the single-row failures', () => {
  it('a duplicate $id inside the batch is row_already_exists and inserts nothing', async () => {
    const before = await count();
    const err = await failure(() => t.createRows({ ...typed, rows: [{ $id: 'dupe', name: 'A' }, { $id: 'fresh1', name: 'B' }, { $id: 'dupe', name: 'C' }] }));
    expect(err).toMatchObject({ code: 409, type: 'row_already_exists' });
    expect(err.message).toContain("'dupe'");
    expect(await count()).toBe(before);
  });

  it('a $id that already exists is row_already_exists', async () => {
    const err = await failure(() => t.createRows({ ...typed, rows: [{ $id: 'fresh2', name: 'A' }, { $id: 'all', name: 'B' }] }));
    expect(err).toMatchObject({ code: 409, type: 'row_already_exists' });
    expect(err.message).toContain("'all'");
    await expect(t.getRow({ ...typed, rowId: 'fresh2' })).rejects.toMatchObject({ code: 404 });
  });

  it('a unique index violation is row_unique_constraint_violation (case-insensitive, as MariaDB)', async () => {
    const before = await count();
    const err = await failure(() => t.createRows({ ...typed, rows: [{ name: 'A', email: 'new@x.io' }, { name: 'B', email: 'A@X.IO' }] }));
    expect(err).toMatchObject({ code: 409, type: 'row_unique_constraint_violation' });
    expect(await count()).toBe(before);
  });

  it('the fulltext index sees every row of a batch', async () => {
    await t.createRows({ ...typed, rows: Array.from({ length: 50 }, (_, i) => ({ name: `Needle${i} haystack` })) });
    const found = await t.listRows({ ...typed, queries: ['{"method":"search","attribute":"name","values":["haystack"]}', '{"method":"limit","values":[100]}'] });
    expect(found.total).toBe(50);
  });

  it('the fulltext index, prefixes included, follows updates and deletes', async () => {
    const search = (term: string) => [Query.search('name', term), Query.limit(100)];
    const [moved, gone] = (await t.listRows({ ...typed, queries: [Query.search('name', 'haystack'), Query.limit(2)] })).rows.map((row: { $id: string }) => row.$id);
    await t.updateRow({ ...typed, rowId: moved!, data: { name: 'Relocated zebra' } });
    await t.deleteRow({ ...typed, rowId: gone! });
    const ids = async (term: string) => (await t.listRows({ ...typed, queries: search(term) })).rows.map((row: { $id: string }) => row.$id);
    const hay = await ids('ha');
    expect(hay).toHaveLength(48);
    expect(hay).not.toContain(moved);
    expect(hay).not.toContain(gone);
    expect(await ids('z')).toEqual([moved]);
    // One- to three-letter prefixes are read from FTS5 prefix indexes, not merged from every word.
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const ddl = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name LIKE '%\\_\\_fts\\_ft\\_name' ESCAPE '\\'").pluck().get() as string;
      expect(ddl).toContain("prefix='1 2 3'");
    } finally {
      sqlite.close();
    }
  });
});

describe('cached table contexts follow schema changes', () => {
  it('a column added after rows exist is writable once available, and a deleted table is gone', async () => {
    const other = { ...db, tableId: 'later' };
    await t.createTable({ ...other, name: 'Later' });
    await t.createVarcharColumn({ ...other, key: 'a', size: 10, required: false });
    await waitForColumn(h.tablesDB, 'speed', 'later', 'a');
    await t.createRows({ ...other, rows: [{ a: 'x' }] });
    expect((await failure(() => t.createRows({ ...other, rows: [{ a: 'x', b: 'y' }] }))).type).toBe('row_invalid_structure');
    await t.createVarcharColumn({ ...other, key: 'b', size: 10, required: false });
    await waitForColumn(h.tablesDB, 'speed', 'later', 'b');
    const [row] = (await t.createRows({ ...other, rows: [{ a: 'x', b: 'y' }] })).rows as Record<string, unknown>[];
    expect(row).toMatchObject({ a: 'x', b: 'y' });
    await t.deleteTable(other);
    expect((await failure(() => t.createRows({ ...other, rows: [{ a: 'x' }] }))).code).toBe(404);
  });
});

describe('planner statistics', () => {
  it('appear after bulk growth, and a one-sided range then reads its index', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({ name: `Stat ${i}`, score: i }));
    for (let i = 0; i < rows.length; i += 100) await t.createRows({ ...typed, rows: rows.slice(i, i + 100) });
    await t.listRows({ ...typed, queries: ['{"method":"limit","values":[1]}'] }); // a request after the analysis tick
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const project = new LocalProject(sqlite, 'speed');
      const context = project.context('speed', 'typed');
      const stat = sqlite.prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx LIKE ?').pluck().get(context.sqlTable, '%i_score') as string | undefined;
      expect(Number.parseInt(stat ?? '0', 10)).toBeGreaterThanOrEqual(1000);
      const plan = compileSelect(queryTable(context), parseQueries(['{"method":"greaterThan","attribute":"score","values":[1490]}']), { loadCursorRow: () => undefined });
      const details = (sqlite.prepare(`EXPLAIN QUERY PLAN ${plan.sql}`).all(...(plan.params as unknown[])) as { detail: string }[]).map((s) => s.detail).join(' | ');
      expect(details).toMatch(/USING (COVERING )?INDEX \S+__i_i_score/);
    } finally {
      sqlite.close();
    }
  });
});

describe('listRows totals: counted, probed for the cap or read off a short page, always exact', () => {
  const counted = { ...db, tableId: 'counted' };
  const MATCHING = 5010;
  const json = (method: string, attribute?: string, values?: unknown[]) => JSON.stringify({ method, attribute, values });
  const below = (n: number) => json('lessThan', 'n', [n]);
  const totalOf = async (queries: string[]) => (await t.listRows({ ...counted, queries })).total as number;

  beforeAll(async () => {
    await t.createTable({ ...counted, name: 'Counted' });
    await t.createIntegerColumn({ ...counted, key: 'n', required: true });
    await waitForColumn(h.tablesDB, 'speed', 'counted', 'n');
    for (let i = 0; i < MATCHING; i += 100) {
      await t.createRows({ ...counted, rows: Array.from({ length: Math.min(100, MATCHING - i) }, (_, j) => ({ $id: `r${i + j}`, n: i + j })) });
    }
  }, 60_000);

  it('around the cap of 5000, whether the count or the cap probe (tried after a filter shape reached the cap) answers', async () => {
    const sequence: [number, number][] = [[5001, 5000], [5010, 5000], [4999, 4999], [5000, 5000], [4999, 4999], [12, 12], [MATCHING + 1, 5000], [0, 0]];
    const seen = [];
    for (const [bound] of sequence) seen.push(await totalOf([below(bound), json('limit', undefined, [1])]));
    expect(seen).toEqual(sequence.map(([, expected]) => expected));
  });

  it('from short pages: with an offset inside, at and past the matching rows, and after a cursor', async () => {
    const cases: [string[], number][] = [
      [[below(3)], 3],
      [[below(3), json('offset', undefined, [2])], 3],
      [[below(3), json('offset', undefined, [3])], 3],
      [[below(3), json('offset', undefined, [50])], 3],
      [[below(3), json('limit', undefined, [3])], 3],
      [[below(30), json('cursorAfter', undefined, ['r25'])], 30],
      [[below(30), json('cursorBefore', undefined, ['r2'])], 30],
      [[below(6000), json('offset', undefined, [5005])], 5000],
    ];
    const seen = [];
    for (const [queries] of cases) seen.push(await totalOf(queries));
    expect(seen).toEqual(cases.map(([, expected]) => expected));
  });
});

describe('a list page and a bulk selection of the same shape', () => {
  it('share one prepared statement, read as arrays by one and as objects by the other, in either order', async () => {
    const shared = { ...db, tableId: 'shared' };
    await t.createTable({ ...shared, name: 'Shared' });
    await t.createIntegerColumn({ ...shared, key: 'n', required: false });
    await waitForColumn(h.tablesDB, 'speed', 'shared', 'n');
    await t.createRows({ ...shared, rows: Array.from({ length: 30 }, (_, i) => ({ $id: `s${i}`, n: 0 })) });
    const firstTwentyFive = ['{"method":"limit","values":[25]}'];
    const ids = (rows: Record<string, unknown>[]) => rows.map((row) => row['$id']);

    expect((await t.listRows({ ...shared, queries: firstTwentyFive })).rows).toHaveLength(25);
    const updated = await t.updateRows({ ...shared, data: { n: 1 }, queries: firstTwentyFive });
    expect([updated.total, ids(updated.rows).slice(0, 2)]).toEqual([25, ['s0', 's1']]);
    const listed = await t.listRows({ ...shared, queries: firstTwentyFive });
    expect(listed.rows.map((row: Record<string, unknown>) => row['n'])).toEqual(Array(25).fill(1));
    const deleted = await t.deleteRows({ ...shared, queries: firstTwentyFive });
    expect(deleted.total).toBe(25);
    expect(ids((await t.listRows({ ...shared, queries: firstTwentyFive })).rows)).toEqual(['s25', 's26', 's27', 's28', 's29']);
  });
});
