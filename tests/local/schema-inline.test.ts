import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { failure, startHarness, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** Inline `columns`/`attributes` and `indexes` on createTable (api-facts §2.2), through node-appwrite. */

let h: LocalHarness;
let t: LooseTablesDB;
const D = 'db';
beforeAll(async () => {
  // A slow worker: inline columns must be available without it.
  h = await startHarness({ workerDelayMs: 60_000 });
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: D, name: 'DB' });
});
afterAll(() => h.close());

const COLUMNS = [
  { key: 'name', type: 'varchar', size: 64, required: true },
  { key: 'legacy', type: 'string', size: 20, default: 'x' },
  { key: 'count', type: 'integer', min: 0, max: 10, default: 3 },
  { key: 'plain', type: 'integer' },
  { key: 'big', type: 'integer', size: 8 },
  { key: 'positive', type: 'integer', signed: false },
  { key: 'ok', type: 'boolean', default: true },
  { key: 'at', type: 'datetime' },
  { key: 'mail', type: 'email' },
  { key: 'kind', type: 'enum', elements: ['a', 'b'], default: 'a' },
  { key: 'score', type: 'double', min: 0 },
  { key: 'notes', type: 'text' },
  { key: 'tags', type: 'varchar', size: 10, array: true },
];
const INDEXES = [
  { key: 'by_name', type: 'unique', attributes: ['name'], orders: ['ASC'] },
  { key: 'by_count_at', type: 'key', attributes: ['count', 'at'], orders: ['DESC', 'ASC'] },
  { key: 'ft_name', type: 'fulltext', attributes: ['name'] },
];

describe('createTable with inline columns and indexes', () => {
  it('creates every column and index at once, available, with their models', async () => {
    const table = await t.createTable({ databaseId: D, tableId: 'inline', name: 'Inline', columns: COLUMNS, indexes: INDEXES });
    expect(table.columns.map((c: { key: string; status: string }) => [c.key, c.status])).toEqual(COLUMNS.map((c) => [c.key, 'available']));
    const byKey = Object.fromEntries(table.columns.map((c: { key: string }) => [c.key, c]));
    expect(byKey['name']).toMatchObject({ type: 'varchar', size: 64, required: true, array: false });
    expect(byKey['legacy']).toMatchObject({ type: 'string', size: 20, default: 'x' });
    expect(byKey['count']).toMatchObject({ type: 'integer', min: 0, max: 10, default: 3 });
    expect(byKey['plain']).toMatchObject({ type: 'integer', min: null, max: null, required: false });
    expect(byKey['ok']).toMatchObject({ type: 'boolean', default: true });
    expect(byKey['at']).toMatchObject({ type: 'datetime', format: 'datetime' });
    expect(byKey['mail']).toMatchObject({ type: 'string', format: 'email' });
    expect(byKey['kind']).toMatchObject({ type: 'string', format: 'enum', elements: ['a', 'b'], default: 'a' });
    expect(byKey['score']).toMatchObject({ type: 'double', min: 0, max: 1.7976931348623157e308 });
    expect(byKey['notes']).toMatchObject({ type: 'text' });
    expect(byKey['tags']).toMatchObject({ type: 'varchar', array: true });
    expect(table.indexes.map((i: { key: string; status: string; columns: string[] }) => [i.key, i.status, i.columns])).toEqual([
      ['by_name', 'available', ['name']],
      ['by_count_at', 'available', ['count', 'at']],
      ['ft_name', 'available', ['name']],
    ]);
    expect(table.indexes[0]).toMatchObject({ orders: ['ASC'], lengths: [null] });
  });

  it('rows can be written, searched and constrained right away', async () => {
    const at = { databaseId: D, tableId: 'inline' };
    const row = await t.createRow({ ...at, rowId: 'r1', data: { name: 'Ada Lovelace', at: '2024-01-01 10:00:00+02:00', tags: ['x'] } });
    expect(row).toMatchObject({ legacy: 'x', count: 3, ok: true, kind: 'a', at: '2024-01-01T08:00:00.000+00:00' });
    const found = await t.listRows({ ...at, queries: [Query.search('name', 'lovelace')] });
    expect(found.rows.map((r: { $id: string }) => r.$id)).toEqual(['r1']);
    expect(await failure(() => t.createRow({ ...at, rowId: 'r2', data: { name: 'ada lovelace' } }))).toMatchObject({ code: 409, type: 'row_unique_constraint_violation' });
    expect(await failure(() => t.createRow({ ...at, rowId: 'r3', data: { name: 'n3', count: 11 } }))).toMatchObject({ code: 400, type: 'row_invalid_structure' });
  });

  it('an integer without size 8 is 32-bit, with size 8 is 64-bit; signed:false refuses negatives', async () => {
    const at = { databaseId: D, tableId: 'inline' };
    const narrow = await failure(() => t.createRow({ ...at, rowId: 'n1', data: { name: 'n1', plain: 2 ** 31 } }));
    expect(narrow).toMatchObject({ code: 400, type: 'row_invalid_structure', message: 'Invalid document structure: Attribute "plain" has invalid format. Value must be a valid integer' });
    const wide = await t.createRow({ ...at, rowId: 'n2', data: { name: 'n2', big: 9007199254740993n } });
    expect(wide['big']).toBe(9007199254740993n);
    const negative = await failure(() => t.createRow({ ...at, rowId: 'n3', data: { name: 'n3', positive: -1 } }));
    expect(negative.message).toContain('Value must be a valid range between 0 and');
  });

  it('the legacy createCollection takes `attributes` and index `attributes` too', async () => {
    const collection = (await h.databases.createCollection({
      databaseId: D, collectionId: 'legacy_inline', name: 'Legacy',
      attributes: [{ key: 'title', type: 'string', size: 32, required: true }, { key: 'n', type: 'integer' }],
      indexes: [{ key: 'by_title', type: 'key', attributes: ['title'] }],
    })) as unknown as { attributes: { key: string; status: string }[]; indexes: { attributes: string[]; status: string }[] };
    expect(collection.attributes.map((a) => [a.key, a.status])).toEqual([['title', 'available'], ['n', 'available']]);
    expect(collection.indexes).toMatchObject([{ attributes: ['title'], status: 'available' }]);
    const doc = await h.databases.createDocument({ databaseId: D, collectionId: 'legacy_inline', documentId: 'd1', data: { title: 'T', n: 1 } });
    expect(doc).toMatchObject({ title: 'T', n: 1 });
  });
});

describe('inline validation: Appwrite errors, nothing created', () => {
  const bad: [string, Record<string, unknown>, number, string, string][] = [
    ['unknown type', { columns: [{ key: 'a', type: 'varchar', size: 5 }, { key: 'b', type: 'uuid' }] }, 400, 'general_argument_invalid', "Invalid type for attribute 'b': uuid"],
    ['float is not a type name here', { columns: [{ key: 'f', type: 'float' }] }, 400, 'general_argument_invalid', "Invalid type for attribute 'f': float"],
    ['missing type', { columns: [{ key: 'a' }] }, 400, 'general_argument_invalid', "Attribute at index 0 is missing required field 'type'"],
    ['required with default', { columns: [{ key: 'x', type: 'integer', required: true, default: 1 }] }, 400, 'general_argument_invalid', "Attribute 'x' cannot have a default value when required is true"],
    ['string without size', { columns: [{ key: 's', type: 'string' }] }, 400, 'general_argument_invalid', "Invalid or missing size for string attribute 's'. Size must be between 1 and 1073741824"],
    ['duplicate key', { columns: [{ key: 'a', type: 'boolean' }, { key: 'a', type: 'boolean' }] }, 400, 'general_argument_invalid', 'Duplicate attribute key: a'],
    ['enum without elements', { columns: [{ key: 'e', type: 'enum' }] }, 400, 'general_argument_invalid', "Attribute 'e' with enum format must have 'elements' array"],
    ['bad email default', { columns: [{ key: 'm', type: 'email', default: 'no' }] }, 400, 'general_argument_invalid', "Default value for email attribute 'm' must be a valid email address"],
    ['min above max', { columns: [{ key: 'i', type: 'integer', min: 5, max: 1 }] }, 400, 'general_argument_invalid', "Attribute 'i': minimum value must be less than or equal to maximum value"],
    ['default outside the range', { columns: [{ key: 'i', type: 'integer', min: 0, max: 10, default: 11 }] }, 400, 'general_argument_invalid', "Default value for integer attribute 'i' must be between 0 and 10"],
    ['relationship', { columns: [{ key: 'r', type: 'relationship' }] }, 400, 'general_argument_invalid', "Invalid type for attribute 'r': relationship"],
    ['index on an unknown column', { columns: [{ key: 'a', type: 'boolean' }], indexes: [{ key: 'i', type: 'key', attributes: ['nope'] }] }, 400, 'column_index_invalid', 'Invalid index attribute "nope" not found'],
    ['index orders in lower case', { columns: [{ key: 'a', type: 'boolean' }], indexes: [{ key: 'i', type: 'key', attributes: ['a'], orders: ['asc'] }] }, 400, 'general_argument_invalid', "Invalid order 'asc' in index 'i'. Must be 'ASC' or 'DESC'"],
    ['index under `columns`', { columns: [{ key: 'a', type: 'boolean' }], indexes: [{ key: 'i', type: 'key', columns: ['a'] }] }, 400, 'general_argument_invalid', "Index at position 0 is missing required field 'attributes' (must be an array)"],
    ['index over an array column', { columns: [{ key: 'a', type: 'varchar', size: 5, array: true }], indexes: [{ key: 'i', type: 'key', attributes: ['a'] }] }, 400, 'index_invalid', 'Creating indexes on array attributes is not currently supported.'],
    ['fulltext on an integer', { columns: [{ key: 'n', type: 'integer' }], indexes: [{ key: 'i', type: 'fulltext', attributes: ['n'] }] }, 400, 'column_index_invalid', 'Attribute "n" cannot be part of a fulltext index, must be of type string'],
    ['index too long', { columns: [{ key: 'v', type: 'varchar', size: 1000 }], indexes: [{ key: 'i', type: 'key', attributes: ['v'] }] }, 400, 'column_index_invalid', 'Index length is longer than the maximum: 768'],
    ['rows too wide', { columns: Array.from({ length: 9 }, (_, i) => ({ key: `u${i}`, type: 'url' })) }, 400, 'table_limit_exceeded', "The maximum number of tables for database 'bad' has been reached."],
    ['keys differing in case', { columns: [{ key: 'a', type: 'boolean' }, { key: 'A', type: 'boolean' }] }, 409, 'table_already_exists', "A table with the requested ID 'bad' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."],
    ['not a list of objects', { columns: ['x'] }, 400, 'general_argument_invalid', 'Invalid `columns` param: Value must a valid array no longer than 100 items and Value must be a valid JSON object'],
  ];

  it.each(bad)('%s', async (_name, extra, code, type, message) => {
    const error = await failure(() => t.createTable({ databaseId: D, tableId: 'bad', name: 'Bad', ...extra }));
    expect(error).toEqual({ code, type, message });
    expect(await failure(() => t.getTable({ databaseId: D, tableId: 'bad' }))).toMatchObject({ code: 404, type: 'table_not_found' });
  });

  it('legacy routes answer with the legacy types', async () => {
    const error = await failure(() => h.databases.createCollection({
      databaseId: D, collectionId: 'bad', name: 'Bad',
      attributes: [{ key: 'n', type: 'integer' }], indexes: [{ key: 'i', type: 'fulltext', attributes: ['n'] }],
    }));
    expect(error).toMatchObject({ code: 400, type: 'index_invalid' });
  });

  it('parameters are checked before the database lookup, the database before the inline columns', async () => {
    expect(await failure(() => t.createTable({ databaseId: 'nope', tableId: 'x', name: 'X', columns: [1] }))).toMatchObject({ code: 400, type: 'general_argument_invalid' });
    expect(await failure(() => t.createTable({ databaseId: 'nope', tableId: 'x', name: 'X', columns: [{ key: 'a', type: 'uuid' }] }))).toMatchObject({ code: 404, type: 'database_not_found' });
    expect(await failure(() => t.createTable({ databaseId: D, tableId: 'inline', name: 'X', columns: [{ key: 'a', type: 'uuid' }] }))).toMatchObject({ code: 409, type: 'table_already_exists' });
  });
});
