import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabasesIndexType, OrderBy, Query, TablesDBIndexType as IndexType } from 'node-appwrite';
import { failure, startHarness, waitForColumn, waitForIndex, waitGone, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

let h: LocalHarness;
let t: LooseTablesDB;
const b = { databaseId: 'db', tableId: 'ix' };
beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...b, name: 'Ix' });
  await t.createVarcharColumn({ ...b, key: 'name', size: 200, required: false });
  await t.createVarcharColumn({ ...b, key: 'long', size: 1000, required: false });
  await t.createIntegerColumn({ ...b, key: 'n', required: false });
  await t.createTextColumn({ ...b, key: 'body', required: false });
  await t.createVarcharColumn({ ...b, key: 'tags', size: 10, required: false, array: true });
  for (const key of ['name', 'long', 'n', 'body', 'tags']) await waitForColumn(t, 'db', 'ix', key);
});
afterAll(() => h.close());

describe('index create', () => {
  it('key index with orders -> 202 processing, then available, echoed model', async () => {
    const index = await t.createIndex({ ...b, key: 'by_name', type: IndexType.Key, columns: ['name', 'n'], orders: [OrderBy.Asc, OrderBy.Desc] });
    expect(index).toMatchObject({ key: 'by_name', type: 'key', status: 'processing', error: '', columns: ['name', 'n'], orders: ['asc', 'desc'], lengths: [null, null] });
    expect(index.$id).not.toBe('by_name');
    expect(await waitForIndex(t, 'db', 'ix', 'by_name')).toBe('available');
  });

  it.each([
    ['unique on $id', { key: 'u_id', type: IndexType.Unique, columns: ['$id'] }],
    ['key on $createdAt desc', { key: 'created', type: IndexType.Key, columns: ['$createdAt'], orders: [OrderBy.Desc] }],
    ['key on $updatedAt', { key: 'updated', type: IndexType.Key, columns: ['$updatedAt'] }],
    ['fulltext on text', { key: 'ft_body', type: IndexType.Fulltext, columns: ['body'] }],
    ['key on a long varchar with a length', { key: 'long_len', type: IndexType.Key, columns: ['long'], lengths: [100] }],
    ['identical second index (allowed on MariaDB)', { key: 'by_name2', type: IndexType.Key, columns: ['name', 'n'], orders: [OrderBy.Asc, OrderBy.Desc] }],
  ])('%s becomes available', async (_label, spec) => {
    await t.createIndex({ ...b, ...spec });
    expect(await waitForIndex(t, 'db', 'ix', spec.key)).toBe('available');
  });

  const bad: [string, Record<string, unknown>, number, string, string?][] = [
    ['unknown column', { key: 'e1', type: IndexType.Key, columns: ['ghost'] }, 400, 'column_unknown'],
    ['array column', { key: 'e2', type: IndexType.Key, columns: ['tags'] }, 400, 'index_invalid', 'Creating indexes on array attributes is not currently supported.'],
    ['duplicate columns', { key: 'e3', type: IndexType.Key, columns: ['name', 'name'] }, 400, 'column_index_invalid', 'Duplicate attributes provided'],
    ['fulltext on integer', { key: 'e4', type: IndexType.Fulltext, columns: ['n'] }, 400, 'column_index_invalid', 'Attribute "n" cannot be part of a fulltext index, must be of type string'],
    ['length on integer', { key: 'e5', type: IndexType.Key, columns: ['n'], lengths: [5] }, 400, 'column_index_invalid'],
    ['more lengths than columns', { key: 'e6', type: IndexType.Key, columns: ['name'], lengths: [5, 5] }, 400, 'column_index_invalid'],
    ['negative length', { key: 'e7', type: IndexType.Key, columns: ['name'], lengths: [-1] }, 400, 'column_index_invalid'],
    ['length larger than size', { key: 'e8', type: IndexType.Key, columns: ['name'], lengths: [300] }, 400, 'column_index_invalid'],
    ['varchar 1000 without length (over 768)', { key: 'e9', type: IndexType.Key, columns: ['long'] }, 400, 'column_index_invalid', 'Index length is longer than the maximum: 768'],
    ['text without length', { key: 'e10', type: IndexType.Key, columns: ['body'] }, 400, 'column_index_invalid', 'Index length is longer than the maximum: 768'],
    ['reserved key', { key: 'primary', type: IndexType.Key, columns: ['name'] }, 400, 'column_index_invalid', 'Index key name is reserved'],
    ['duplicate key', { key: 'by_name', type: IndexType.Key, columns: ['n'] }, 409, 'column_index_already_exists'],
    ['bad type', { key: 'e11', type: 'bogus', columns: ['n'] }, 400, 'general_argument_invalid'],
  ];
  it.each(bad)('%s', async (_label, spec, code, type, message) => {
    const err = await failure(() => t.createIndex({ ...b, ...(spec as { key: string; type: IndexType; columns: string[] }) }));
    expect([err.code, err.type]).toEqual([code, type]);
    if (message) expect(err.message).toBe(message);
  });

  it('missing table -> 404 table_not_found', async () => {
    const err = await failure(() => t.createIndex({ databaseId: 'db', tableId: 'none', key: 'x', type: IndexType.Key, columns: ['n'] }));
    expect([err.code, err.type]).toEqual([404, 'table_not_found']);
  });

  it('at most 58 indexes: the 59th -> column_index_limit_exceeded', async () => {
    await t.createTable({ databaseId: 'db', tableId: 'lim', name: 'Lim' });
    await t.createIntegerColumn({ databaseId: 'db', tableId: 'lim', key: 'n', required: false });
    await waitForColumn(t, 'db', 'lim', 'n');
    for (let i = 0; i < 58; i++) await t.createIndex({ databaseId: 'db', tableId: 'lim', key: `i${i}`, type: IndexType.Key, columns: ['n'] });
    const err = await failure(() => t.createIndex({ databaseId: 'db', tableId: 'lim', key: 'i58', type: IndexType.Key, columns: ['n'] }));
    expect([err.code, err.type, err.message]).toEqual([400, 'column_index_limit_exceeded', "The maximum number of indexes for table 'lim' has been reached."]);
  });

  it('list/get/delete indexes; missing -> 404 column_index_not_found', async () => {
    const list = await t.listIndexes({ ...b, queries: [Query.limit(100)] });
    expect(list.indexes.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['by_name', 'u_id', 'ft_body']));
    expect((await t.getIndex({ ...b, key: 'u_id' })).columns).toEqual(['$id']);
    await t.deleteIndex({ ...b, key: 'by_name2' });
    await waitGone(() => t.getIndex({ ...b, key: 'by_name2' }));
    const err = await failure(() => t.getIndex({ ...b, key: 'by_name2' }));
    expect([err.code, err.type]).toEqual([404, 'column_index_not_found']);
  });

  it('legacy indexes use attributes and index_* error types', async () => {
    const index = await h.databases.createIndex({ databaseId: 'db', collectionId: 'ix', key: 'legacy_i', type: DatabasesIndexType.Key, attributes: ['n'] });
    expect(index.attributes).toEqual(['n']);
    const err = await failure(() => h.databases.getIndex({ databaseId: 'db', collectionId: 'ix', key: 'ghost' }));
    expect([err.code, err.type]).toEqual([404, 'index_not_found']);
  });

  it('deleting a column used by an index removes it from the index (MariaDB semantics)', async () => {
    await t.createIntegerColumn({ ...b, key: 'extra', required: false });
    await waitForColumn(t, 'db', 'ix', 'extra');
    await t.createIndex({ ...b, key: 'pair', type: IndexType.Key, columns: ['name', 'extra'] });
    await t.createIndex({ ...b, key: 'solo', type: IndexType.Key, columns: ['extra'] });
    await waitForIndex(t, 'db', 'ix', 'solo');
    await t.deleteColumn({ ...b, key: 'extra' });
    await waitGone(() => t.getColumn({ ...b, key: 'extra' }));
    expect((await t.getIndex({ ...b, key: 'pair' })).columns).toEqual(['name']);
    // legacy_i is on ['n']: an index reduced to a duplicate of it would be dropped too.
    expect((await failure(() => t.getIndex({ ...b, key: 'solo' }))).code).toBe(404);
  });
});

describe('deleting a column: indexes it leaves equal to another are deleted (Appwrite worker deleteAttribute)', () => {
  const d = { databaseId: 'db', tableId: 'dups' };
  const keys = async () => ((await t.listIndexes(d)).indexes as { key: string; columns: string[] }[]).map((i) => [i.key, i.columns]);

  beforeAll(async () => {
    await t.createTable({ ...d, name: 'Dups', columns: [{ key: 'a', type: 'integer' }, { key: 'b', type: 'integer' }, { key: 'c', type: 'integer' }] });
  });

  it('the reduced index goes, even when the one it now equals was created after it', async () => {
    await t.createIndex({ ...d, key: 'a_b', type: IndexType.Unique, columns: ['a', 'b'] });
    await t.createIndex({ ...d, key: 'a_only', type: IndexType.Key, columns: ['a'] });
    await waitForIndex(t, 'db', 'dups', 'a_only');
    await t.deleteColumn({ ...d, key: 'b' });
    await waitGone(() => t.getColumn({ ...d, key: 'b' }));
    expect(await keys()).toEqual([['a_only', ['a']]]);
    // The survivor is a working index: no unique constraint is left behind.
    await t.createRows({ ...d, rows: [{ a: 1 }, { a: 1 }] });
  });

  it('orders count, and array_diff drops every order equal to the removed one: (a asc, c asc) -> (a) with no orders', async () => {
    const e = { databaseId: 'db', tableId: 'dups2' };
    await t.createTable({ ...e, name: 'Dups2', columns: [{ key: 'a', type: 'integer' }, { key: 'c', type: 'integer' }] });
    await t.createIndex({ ...e, key: 'a_c', type: IndexType.Key, columns: ['a', 'c'], orders: [OrderBy.Asc, OrderBy.Asc] });
    await t.createIndex({ ...e, key: 'a_asc', type: IndexType.Key, columns: ['a'], orders: [OrderBy.Asc] });
    await waitForIndex(t, 'db', 'dups2', 'a_asc');
    await t.deleteColumn({ ...e, key: 'c' });
    await waitGone(() => t.getColumn({ ...e, key: 'c' }));
    // (a) with orders [] is not (a) with orders [asc]: both stay.
    const reduced = await t.getIndex({ ...e, key: 'a_c' });
    expect([reduced.columns, reduced.orders, reduced.status]).toEqual([['a'], [], 'available']);
    expect(((await t.listIndexes(e)).indexes as { key: string }[]).map((i) => i.key)).toEqual(['a_c', 'a_asc']);
  });
});

describe('async state machine with a worker delay', () => {
  let slow: Awaited<ReturnType<typeof startHarness>>;
  const s = { databaseId: 'db', tableId: 'slow' };
  beforeAll(async () => {
    slow = await startHarness({ workerDelayMs: 150 });
    await slow.tablesDB.create({ databaseId: 'db', name: 'DB' });
    await slow.tablesDB.createTable({ ...s, name: 'Slow' });
  });
  afterAll(() => slow.close());

  it('a processing column is unknown to writes, queries, indexes and updates; then available', async () => {
    const db = slow.tablesDB as unknown as LooseTablesDB;
    await db.createVarcharColumn({ ...s, key: 'email', size: 100, required: false });
    expect((await db.getColumn({ ...s, key: 'email' })).status).toBe('processing');
    const write = await failure(() => db.createRow({ ...s, rowId: 'r', data: { email: 'a@b.co' } }));
    expect([write.code, write.type, write.message]).toEqual([400, 'row_invalid_structure', 'Invalid document structure: Unknown attribute: "email"']);
    const query = await failure(() => db.listRows({ ...s, queries: [Query.equal('email', 'x')] }));
    expect([query.code, query.type]).toEqual([400, 'general_query_invalid']);
    const index = await failure(() => db.createIndex({ ...s, key: 'e', type: IndexType.Key, columns: ['email'] }));
    expect([index.code, index.type, index.message]).toEqual([400, 'column_not_available', "The requested column 'email' is not yet available. Please try again later."]);
    const update = await failure(() => db.updateVarcharColumn({ ...s, key: 'email', required: false, xdefault: null }));
    expect([update.code, update.type, update.message]).toEqual([400, 'column_not_available', "The requested column '%s' is not yet available. Please try again later."]);
    expect(await waitForColumn(db, 'db', 'slow', 'email')).toBe('available');
    expect((await db.createRow({ ...s, rowId: 'r', data: { email: 'a@b.co' } }))['email']).toBe('a@b.co');
  });

  it('deletes pass through deleting before disappearing', async () => {
    const db = slow.tablesDB as unknown as LooseTablesDB;
    await db.deleteColumn({ ...s, key: 'email' });
    expect((await db.getColumn({ ...s, key: 'email' })).status).toBe('deleting');
    const again = await failure(() => db.createVarcharColumn({ ...s, key: 'email', size: 10, required: false }));
    expect([again.code, again.type]).toEqual([409, 'column_already_exists']);
    await waitGone(() => db.getColumn({ ...s, key: 'email' }));
  });

  it('one queue, one item at a time: the second create waits behind the first', async () => {
    const db = slow.tablesDB as unknown as LooseTablesDB;
    await db.createBooleanColumn({ ...s, key: 'q1', required: false });
    await db.createBooleanColumn({ ...s, key: 'q2', required: false });
    await waitForColumn(db, 'db', 'slow', 'q1');
    expect((await db.getColumn({ ...s, key: 'q2' })).status).toBe('processing');
    expect(await waitForColumn(db, 'db', 'slow', 'q2')).toBe('available');
  });

  it('a unique index over duplicate data ends failed with an error text', async () => {
    const db = slow.tablesDB as unknown as LooseTablesDB;
    await db.createVarcharColumn({ ...s, key: 'code', size: 10, required: false });
    await waitForColumn(db, 'db', 'slow', 'code');
    await db.createRows({ ...s, rows: [{ code: 'A' }, { code: 'a' }] });
    await db.createIndex({ ...s, key: 'u_code', type: IndexType.Unique, columns: ['code'] });
    expect((await db.getIndex({ ...s, key: 'u_code' })).status).toBe('processing');
    expect(await waitForIndex(db, 'db', 'slow', 'u_code')).toBe('failed');
    expect((await db.getIndex({ ...s, key: 'u_code' })).error).toContain('u_code');
  });
});
