import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission, Query, Role, TablesDBIndexType } from 'node-appwrite';
import { failure, startHarness, waitForColumn, waitForIndex, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

let h: LocalHarness;
let t: LooseTablesDB;
const b = { databaseId: 'db', tableId: 'people' };
beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...b, name: 'People' });
  await t.createVarcharColumn({ ...b, key: 'name', size: 10, required: true });
  await t.createEmailColumn({ ...b, key: 'email', required: false });
  await t.createUrlColumn({ ...b, key: 'site', required: false });
  await t.createIpColumn({ ...b, key: 'ip', required: false });
  await t.createEnumColumn({ ...b, key: 'status', elements: ['yes', 'no', 'maybe'], required: false, xdefault: 'yes' });
  await t.createIntegerColumn({ ...b, key: 'range', required: false, min: 1, max: 10 });
  await t.createFloatColumn({ ...b, key: 'score', required: false, min: 1.1, max: 1.4 });
  await t.createBooleanColumn({ ...b, key: 'ok', required: false });
  await t.createDatetimeColumn({ ...b, key: 'at', required: false });
  await t.createVarcharColumn({ ...b, key: 'tags', size: 3, required: false, array: true });
  await t.createIntegerColumn({ ...b, key: 'count', required: false, xdefault: 0 });
  for (const key of ['name', 'email', 'site', 'ip', 'status', 'range', 'score', 'ok', 'at', 'tags', 'count']) await waitForColumn(t, 'db', 'people', key);
  await t.createIndex({ ...b, key: 'u_email', type: TablesDBIndexType.Unique, columns: ['email'] });
  await waitForIndex(t, 'db', 'people', 'u_email');
});
afterAll(() => h.close());

describe('createRow', () => {
  it('stores defaults, nulls and UTC datetimes with ms', async () => {
    const row = await t.createRow({ ...b, rowId: 'r1', data: { name: 'Ann', status: null, at: '1975-06-12 14:12:55+02:00', tags: ['a', 'b'] } });
    expect(row).toMatchObject({ $id: 'r1', $tableId: 'people', $databaseId: 'db', name: 'Ann', status: 'yes', count: 0, email: null, at: '1975-06-12T12:12:55.000+00:00', tags: ['a', 'b'], $permissions: [] });
    expect(row.$createdAt).toMatch(/\.\d{3}\+00:00$/);
  });

  it('honours $createdAt/$updatedAt for API keys and drops read-only fields', async () => {
    const row = await t.createRow({ ...b, rowId: 'r2', data: { name: 'Bo', $createdAt: '2020-01-01T00:00:00Z', $sequence: 999, $tableId: 'x' } });
    expect(row.$createdAt).toBe('2020-01-01T00:00:00.000+00:00');
    expect(row.$tableId).toBe('people');
    expect(row.$sequence).not.toBe('999');
  });

  it('keeps given permissions, expanding write', async () => {
    const row = await t.createRow({ ...b, rowId: 'r3', data: { name: 'Cy' }, permissions: [Permission.read(Role.any()), Permission.write(Role.user('u1'))] });
    expect(row.$permissions).toEqual(['read("any")', 'update("user:u1")', 'delete("user:u1")']);
  });

  it('row permissions may not use create -> 400', async () => {
    const err = await failure(() => t.createRow({ ...b, rowId: 'r4', data: { name: 'x' }, permissions: [Permission.create(Role.any())] }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });

  it('accepts data as a JSON string', async () => {
    const response = await fetch(`${h.server.endpoint}/tablesdb/db/tables/people/rows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey },
      body: JSON.stringify({ rowId: 'str', data: JSON.stringify({ name: 'Str' }) }),
    });
    expect(response.status).toBe(201);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['unknown column', { name: 'x', nope: 1 }, 'Invalid document structure: Unknown attribute: "nope"'],
    ['missing required', { email: 'a@b.co' }, 'Invalid document structure: Missing required attribute "name"'],
    ['null required', { name: null }, 'Invalid document structure: Missing required attribute "name"'],
    ['bad email', { name: 'x', email: 'user@@example.com' }, 'Invalid document structure: Attribute "email" has invalid format. Value must be a valid email address'],
    ['bad enum', { name: 'x', status: 'YES' }, 'Invalid document structure: Attribute "status" has invalid format. Value must be one of (yes, no, maybe)'],
    ['bad ip', { name: 'x', ip: '1.1.1.1.1' }, 'Invalid document structure: Attribute "ip" has invalid format. Value must be a valid IP address'],
    ['bad url', { name: 'x', site: 'example...com' }, 'Invalid document structure: Attribute "site" has invalid format. Value must be a valid URL'],
    ['integer out of range', { name: 'x', range: 11 }, 'Invalid document structure: Attribute "range" has invalid format. Value must be a valid range between 1 and 10'],
    ['float out of range (rounded bounds)', { name: 'x', score: 2 }, 'Invalid document structure: Attribute "score" has invalid format. Value must be a valid range between 1 and 1'],
    ['string too long', { name: 'x'.repeat(11) }, 'Invalid document structure: Attribute "name" has invalid type. Value must be a valid string and no longer than 10 chars'],
    ['integer given as string', { name: 'x', range: '5' }, 'Invalid document structure: Attribute "range" has invalid format. Value must be a valid integer'],
    ['boolean given as number', { name: 'x', ok: 1 }, 'Invalid document structure: Attribute "ok" has invalid type. Value must be a valid boolean'],
    ['bad datetime', { name: 'x', at: '16/01/2024 12:00:00AM' }, 'Invalid document structure: Attribute "at" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.'],
    ['array element too long', { name: 'x', tags: ['ok', 'long'] }, 'Invalid document structure: Attribute "tags[\'1\']" has invalid type. Value must be a valid string and no longer than 3 chars'],
    ['array given a scalar', { name: 'x', tags: 'a' }, 'Invalid document structure: Attribute "tags" must be an array'],
  ];
  it.each(invalid)('%s -> 400 row_invalid_structure', async (_label, data, message) => {
    const err = await failure(() => t.createRow({ ...b, rowId: 'bad', data }));
    expect([err.code, err.type, err.message]).toEqual([400, 'row_invalid_structure', message]);
  });

  it('duplicate id -> 409 row_already_exists', async () => {
    const err = await failure(() => t.createRow({ ...b, rowId: 'r1', data: { name: 'x' } }));
    expect([err.code, err.type]).toEqual([409, 'row_already_exists']);
  });

  it('unique index hit (case-insensitive) -> 409 row_unique_constraint_violation', async () => {
    await t.createRow({ ...b, rowId: 'e1', data: { name: 'E', email: 'same@x.io' } });
    const err = await failure(() => t.createRow({ ...b, rowId: 'e2', data: { name: 'E', email: 'SAME@x.io' } }));
    expect([err.code, err.type]).toEqual([409, 'row_unique_constraint_violation']);
  });

  it('empty data -> 400 row_missing_data', async () => {
    const err = await failure(() => t.createRow({ ...b, rowId: 'x', data: {} }));
    expect([err.code, err.type]).toEqual([400, 'row_missing_data']);
  });

  it('missing table -> 404 table_not_found', async () => {
    const err = await failure(() => t.createRow({ databaseId: 'db', tableId: 'none', rowId: 'x', data: { a: 1 } }));
    expect([err.code, err.type]).toEqual([404, 'table_not_found']);
  });

  it('without a key a row write is refused with 401', async () => {
    const err = await failure(() => h.guest.createRow({ ...b, rowId: 'g', data: { name: 'g' } as never }));
    expect(err.code).toBe(401);
  });
});

describe('bulk writes', () => {
  it('createRows inserts up to 100 rows and returns them', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ $id: `bulk${i}`, name: `B${i}`, range: (i % 10) + 1 }));
    const result = await t.createRows({ ...b, rows });
    expect(result.total).toBe(100);
    expect(result.rows[99]?.$id).toBe('bulk99');
  });

  it('101 rows -> 400 general_argument_invalid', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => ({ name: `X${i}` }));
    const err = await failure(() => t.createRows({ ...b, rows }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });

  it('one invalid row rolls back the whole batch', async () => {
    const before = (await t.listRows({ ...b, queries: [Query.limit(1)] })).total;
    const err = await failure(() => t.createRows({ ...b, rows: [{ name: 'ok1' }, { name: 'x'.repeat(20) }] }));
    expect(err.type).toBe('row_invalid_structure');
    expect((await t.listRows({ ...b, queries: [Query.limit(1)] })).total).toBe(before);
  });

  it('upsertRows creates new rows, updates changed ones and skips identical ones', async () => {
    const result = await t.upsertRows({ ...b, rows: [{ $id: 'bulk0', name: 'B0', range: 1 }, { $id: 'bulk1', name: 'Changed', range: 2 }, { $id: 'fresh', name: 'New' }] });
    expect(result.total).toBe(2);
    expect(result.rows.map((r: { $id: string }) => r.$id).sort()).toEqual(['bulk1', 'fresh']);
  });

  it('updateRows by queries updates every match and reports the count', async () => {
    const result = await t.updateRows({ ...b, data: { ok: true }, queries: [Query.equal('range', 3)] });
    expect(result.total).toBe(10);
    expect(result.rows.every((r: Record<string, unknown>) => r['ok'] === true)).toBe(true);
  });

  it('updateRows with limit constrains the selection', async () => {
    const result = await t.updateRows({ ...b, data: { ok: false }, queries: [Query.equal('range', 3), Query.limit(5)] });
    expect(result.total).toBe(5);
  });

  it('deleteRows by queries deletes the matches', async () => {
    const result = await t.deleteRows({ ...b, queries: [Query.equal('range', 4)] });
    expect(result.total).toBe(10);
    expect((await t.listRows({ ...b, queries: [Query.equal('range', 4)] })).total).toBe(0);
  });
});

describe('get, update, upsert, delete, increment', () => {
  it('getRow returns the row; select limits the columns; missing -> 404 row_not_found', async () => {
    const row = await t.getRow({ ...b, rowId: 'r1', queries: [Query.select(['name'])] });
    expect(row['name']).toBe('Ann');
    expect(row).not.toHaveProperty('email');
    expect(row.$id).toBe('r1');
    const err = await failure(() => t.getRow({ ...b, rowId: 'ghost' }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('updateRow changes only the given columns and bumps $updatedAt', async () => {
    const before = await t.getRow({ ...b, rowId: 'r1' });
    await new Promise((r) => setTimeout(r, 5));
    const row = await t.updateRow({ ...b, rowId: 'r1', data: { range: 7 } });
    expect(row).toMatchObject({ name: 'Ann', range: 7 });
    expect(row.$updatedAt > before.$updatedAt).toBe(true);
  });

  it('updateRow with nothing -> 400 row_missing_payload; missing row -> 404', async () => {
    expect((await failure(() => t.updateRow({ ...b, rowId: 'r1', data: {} }))).type).toBe('row_missing_payload');
    expect((await failure(() => t.updateRow({ ...b, rowId: 'ghost', data: { range: 1 } }))).type).toBe('row_not_found');
  });

  it('updateRow permissions: [] clears them', async () => {
    const row = await t.updateRow({ ...b, rowId: 'r3', permissions: [] });
    expect(row.$permissions).toEqual([]);
  });

  it('upsertRow creates then updates; update requires the required columns', async () => {
    expect((await t.upsertRow({ ...b, rowId: 'up', data: { name: 'Up' } }))['name']).toBe('Up');
    expect((await t.upsertRow({ ...b, rowId: 'up', data: { name: 'Up2', range: 2 } }))['range']).toBe(2);
    const err = await failure(() => t.upsertRow({ ...b, rowId: 'up', data: { range: 3 } }));
    expect([err.code, err.type]).toEqual([400, 'row_invalid_structure']);
  });

  it('increment and decrement, with max/min bounds', async () => {
    expect((await t.incrementRowColumn({ ...b, rowId: 'r1', column: 'count', value: 5 }))['count']).toBe(5);
    expect((await t.decrementRowColumn({ ...b, rowId: 'r1', column: 'count' }))['count']).toBe(4);
    const over = await failure(() => t.incrementRowColumn({ ...b, rowId: 'r1', column: 'count', value: 10, max: 10 }));
    expect([over.code, over.type]).toEqual([400, 'column_limit_exceeded']);
    const under = await failure(() => t.decrementRowColumn({ ...b, rowId: 'r1', column: 'count', value: 10, min: 0 }));
    expect(under.type).toBe('column_limit_exceeded');
  });

  it('increment errors: missing row -> 404 column_not_found, non-number -> 400, value <= 0 -> 400', async () => {
    expect((await failure(() => t.incrementRowColumn({ ...b, rowId: 'ghost', column: 'count' }))).type).toBe('column_not_found');
    expect((await failure(() => t.incrementRowColumn({ ...b, rowId: 'r1', column: 'ghost' }))).type).toBe('column_not_found');
    expect((await failure(() => t.incrementRowColumn({ ...b, rowId: 'r1', column: 'name' }))).code).toBe(400);
    expect((await failure(() => t.incrementRowColumn({ ...b, rowId: 'r1', column: 'count', value: -1 }))).type).toBe('general_argument_invalid');
  });

  it('deleteRow -> 204 then 404', async () => {
    await t.deleteRow({ ...b, rowId: 'up' });
    expect((await failure(() => t.deleteRow({ ...b, rowId: 'up' }))).type).toBe('row_not_found');
  });
});

describe('listRows basics and legacy documents', () => {
  it('default page 25, total counts filters only, total=false -> 0', async () => {
    const page = await t.listRows(b);
    expect(page.rows).toHaveLength(25);
    expect(page.total).toBeGreaterThan(25);
    expect((await t.listRows({ ...b, total: false })).total).toBe(0);
  });

  it('legacy documents use $collectionId and document_* errors', async () => {
    const doc = await h.databases.getDocument({ databaseId: 'db', collectionId: 'people', documentId: 'r1' });
    expect(doc.$collectionId).toBe('people');
    const err = await failure(() => h.databases.getDocument({ databaseId: 'db', collectionId: 'people', documentId: 'ghost' }));
    expect([err.code, err.type]).toEqual([404, 'document_not_found']);
    const bad = await failure(() => h.databases.createDocument({ databaseId: 'db', collectionId: 'people', documentId: 'd', data: { nope: 1 } as never }));
    expect(bad.type).toBe('document_invalid_structure');
    const list = await h.databases.listDocuments({ databaseId: 'db', collectionId: 'people', queries: [Query.limit(2)] });
    expect(list.documents).toHaveLength(2);
  });
});
