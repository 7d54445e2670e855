import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission, Query, Role } from 'node-appwrite';
import { failure, startHarness, type LocalHarness } from '../helpers/local-server.js';

let h: LocalHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('databases', () => {
  it('creates a database (201 model) and reads it back', async () => {
    const db = await h.tablesDB.create({ databaseId: 'd1', name: 'One' });
    expect(db).toMatchObject({ $id: 'd1', name: 'One', enabled: true, type: 'tablesdb' });
    expect(db.$createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(await h.tablesDB.get({ databaseId: 'd1' })).toMatchObject({ $id: 'd1', name: 'One' });
  });

  it('generates an id for unique()', async () => {
    const db = await h.tablesDB.create({ databaseId: 'unique()', name: 'Gen' });
    expect(db.$id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('duplicate id -> 409 database_already_exists', async () => {
    const err = await failure(() => h.tablesDB.create({ databaseId: 'd1', name: 'Again' }));
    expect([err.code, err.type]).toEqual([409, 'database_already_exists']);
  });

  it.each([
    ['a leading underscore', '_bad'],
    ['a $ prefix', '$bad'],
    ['37 characters', 'a'.repeat(37)],
    ['a space', 'has space'],
  ])('rejects an id with %s -> 400 general_argument_invalid', async (_label, databaseId) => {
    const err = await failure(() => h.tablesDB.create({ databaseId, name: 'x' }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
    expect(err.message).toContain('Invalid `databaseId` param');
  });

  it('rejects an empty or over-long name', async () => {
    expect((await failure(() => h.tablesDB.create({ databaseId: 'n1', name: '' }))).type).toBe('general_argument_invalid');
    expect((await failure(() => h.tablesDB.create({ databaseId: 'n2', name: 'x'.repeat(129) }))).type).toBe('general_argument_invalid');
  });

  it('lists both tablesdb and legacy databases, with limit/offset/cursor', async () => {
    await h.databases.create({ databaseId: 'legacy1', name: 'Legacy' });
    const all = await h.tablesDB.list();
    expect(all.databases.map((d) => d.$id)).toEqual(expect.arrayContaining(['d1', 'legacy1']));
    expect(all.databases.find((d) => d.$id === 'legacy1')?.type).toBe('legacy');
    const page = await h.tablesDB.list({ queries: [Query.limit(1), Query.offset(1)] });
    expect(page.databases).toHaveLength(1);
    expect(page.total).toBe(all.total);
    const after = await h.tablesDB.list({ queries: [Query.cursorAfter('d1')] });
    expect(after.databases.map((d) => d.$id)).not.toContain('d1');
    const filtered = await h.tablesDB.list({ queries: [Query.equal('name', 'Legacy')] });
    expect(filtered.databases.map((d) => d.$id)).toEqual(['legacy1']);
    expect((await h.tablesDB.list({ total: false })).total).toBe(0);
  });

  it('invalid list query -> 400 general_argument_invalid', async () => {
    const err = await failure(() => h.tablesDB.list({ queries: ['not json'] }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });

  it('update: omitted enabled re-enables the database', async () => {
    await h.tablesDB.update({ databaseId: 'd1', name: 'Off', enabled: false });
    expect((await h.tablesDB.get({ databaseId: 'd1' })).enabled).toBe(false);
    const updated = await h.tablesDB.update({ databaseId: 'd1', name: 'On' });
    expect(updated).toMatchObject({ name: 'On', enabled: true });
  });

  it('get/update/delete of a missing database -> 404 database_not_found', async () => {
    for (const call of [
      () => h.tablesDB.get({ databaseId: 'missing' }),
      () => h.tablesDB.update({ databaseId: 'missing', name: 'x' }),
      () => h.tablesDB.delete({ databaseId: 'missing' }),
    ]) {
      const err = await failure(call);
      expect([err.code, err.type]).toEqual([404, 'database_not_found']);
      expect(err.message).toBe("Database with the requested ID 'missing' could not be found.");
    }
  });

  it('delete is immediate and the id can be reused', async () => {
    await h.tablesDB.create({ databaseId: 'gone', name: 'Gone' });
    await h.tablesDB.createTable({ databaseId: 'gone', tableId: 't', name: 'T' });
    await h.tablesDB.delete({ databaseId: 'gone' });
    expect((await failure(() => h.tablesDB.get({ databaseId: 'gone' }))).code).toBe(404);
    await h.tablesDB.create({ databaseId: 'gone', name: 'Again' });
    expect((await h.tablesDB.listTables({ databaseId: 'gone' })).total).toBe(0);
  });
});

describe('tables', () => {
  beforeAll(async () => {
    await h.tablesDB.create({ databaseId: 'shop', name: 'Shop' });
  });

  it('creates a table with defaults (rowSecurity false, enabled true, no permissions, 1067 bytes used)', async () => {
    const table = await h.tablesDB.createTable({ databaseId: 'shop', tableId: 'orders', name: 'Orders' });
    expect(table).toMatchObject({
      $id: 'orders', databaseId: 'shop', name: 'Orders', enabled: true, rowSecurity: false,
      $permissions: [], columns: [], indexes: [], bytesMax: 65535, bytesUsed: 1067,
    });
  });

  it('stores permissions and expands write to create+update+delete', async () => {
    const table = await h.tablesDB.createTable({
      databaseId: 'shop', tableId: 'perm', name: 'Perm', rowSecurity: true,
      permissions: [Permission.read(Role.any()), Permission.write(Role.users())],
    });
    expect(table.rowSecurity).toBe(true);
    expect(table.$permissions).toEqual(['read("any")', 'create("users")', 'update("users")', 'delete("users")']);
  });

  it.each([['*'], ['read("role:all")'], ['fly("any")'], ['read("nobody:x")']])('rejects permission %s -> 400', async (permission) => {
    const err = await failure(() => h.tablesDB.createTable({ databaseId: 'shop', tableId: 'bad', name: 'Bad', permissions: [permission] }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });

  it('duplicate id -> 409 table_already_exists; missing database -> 404', async () => {
    const dup = await failure(() => h.tablesDB.createTable({ databaseId: 'shop', tableId: 'orders', name: 'x' }));
    expect([dup.code, dup.type]).toEqual([409, 'table_already_exists']);
    const missing = await failure(() => h.tablesDB.createTable({ databaseId: 'nope', tableId: 'x', name: 'x' }));
    expect([missing.code, missing.type]).toEqual([404, 'database_not_found']);
  });

  it('updateTable resets omitted rowSecurity to false and enabled to true, keeps permissions on null', async () => {
    await h.tablesDB.updateTable({ databaseId: 'shop', tableId: 'perm', name: 'Perm', rowSecurity: true, enabled: false });
    const reset = await h.tablesDB.updateTable({ databaseId: 'shop', tableId: 'perm', name: 'Perm2' });
    expect(reset).toMatchObject({ name: 'Perm2', rowSecurity: false, enabled: true });
    expect(reset.$permissions).toContain('read("any")');
  });

  it('lists tables with embedded columns/indexes and supports search', async () => {
    const list = await h.tablesDB.listTables({ databaseId: 'shop' });
    expect(list.total).toBe(2);
    expect(list.tables[0]).toHaveProperty('columns');
    expect(list.tables[0]).toHaveProperty('indexes');
    const found = await h.tablesDB.listTables({ databaseId: 'shop', search: 'orde' });
    expect(found.tables.map((t) => t.$id)).toEqual(['orders']);
  });

  it('get/delete missing table -> 404 table_not_found', async () => {
    const err = await failure(() => h.tablesDB.getTable({ databaseId: 'shop', tableId: 'none' }));
    expect([err.code, err.type, err.message]).toEqual([404, 'table_not_found', "Table with the requested ID 'none' could not be found."]);
    expect((await failure(() => h.tablesDB.deleteTable({ databaseId: 'shop', tableId: 'none' }))).type).toBe('table_not_found');
  });

  it('delete is immediate; the id is reusable at once', async () => {
    await h.tablesDB.createTable({ databaseId: 'shop', tableId: 'tmp', name: 'Tmp' });
    await h.tablesDB.deleteTable({ databaseId: 'shop', tableId: 'tmp' });
    expect((await failure(() => h.tablesDB.getTable({ databaseId: 'shop', tableId: 'tmp' }))).code).toBe(404);
    expect((await h.tablesDB.createTable({ databaseId: 'shop', tableId: 'tmp', name: 'Tmp' })).$id).toBe('tmp');
  });
});

describe('legacy collections facade over the same store', () => {
  it('sees TablesDB tables as collections with documentSecurity and attributes', async () => {
    const collection = await h.databases.getCollection({ databaseId: 'shop', collectionId: 'orders' });
    expect(collection).toMatchObject({ $id: 'orders', documentSecurity: false, attributes: [] });
    expect(collection).not.toHaveProperty('rowSecurity');
  });

  it('creates a collection visible through TablesDB', async () => {
    await h.databases.createCollection({ databaseId: 'shop', collectionId: 'legacyc', name: 'L', documentSecurity: true });
    const table = await h.tablesDB.getTable({ databaseId: 'shop', tableId: 'legacyc' });
    expect(table.rowSecurity).toBe(true);
    const list = await h.databases.listCollections({ databaseId: 'shop' });
    expect(list.collections.map((c) => c.$id)).toContain('legacyc');
  });

  it('answers with legacy error types', async () => {
    const err = await failure(() => h.databases.getCollection({ databaseId: 'shop', collectionId: 'none' }));
    expect([err.code, err.type]).toEqual([404, 'collection_not_found']);
    expect(err.message).toBe("Collection with the requested ID 'none' could not be found.");
    const dup = await failure(() => h.databases.createCollection({ databaseId: 'shop', collectionId: 'orders', name: 'x' }));
    expect([dup.code, dup.type]).toEqual([409, 'collection_already_exists']);
  });

  it('updateCollection resets documentSecurity when omitted', async () => {
    const updated = await h.databases.updateCollection({ databaseId: 'shop', collectionId: 'legacyc', name: 'L2' });
    expect(updated).toMatchObject({ name: 'L2', documentSecurity: false, enabled: true });
  });
});
