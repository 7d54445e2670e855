import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Databases, Query, TablesDB, TablesDBIndexType as IndexType } from 'node-appwrite';
import { failure, startHarness, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** Appwrite's error texts and the order of its checks (api-facts §1.5, §1.6, §5), through node-appwrite. */

let h: LocalHarness;
let t: LooseTablesDB;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let legacy: { [K in keyof Databases]: (params?: any) => Promise<any> };
const at = { databaseId: 'db', tableId: 'things' };
const nowhere = { databaseId: 'nope', tableId: 'things' };
const tooMany = Array.from({ length: 101 }, () => Query.limit(1));
const PARAM = 'Invalid `queries` param: Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars';

beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  legacy = h.databases as unknown as typeof legacy;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...at, name: 'Things', columns: [{ key: 'name', type: 'varchar', size: 20 }] });
  await t.createRow({ ...at, rowId: 'r1', data: { name: 'one' } });
});
afterAll(() => h.close());

describe('params are validated before the database is looked up', () => {
  const invalidParam = { code: 400, type: 'general_argument_invalid', message: PARAM };
  it.each([
    ['listRows', () => t.listRows({ ...nowhere, queries: tooMany })],
    ['getRow', () => t.getRow({ ...nowhere, rowId: 'r1', queries: tooMany })],
    ['deleteRows', () => t.deleteRows({ ...nowhere, queries: tooMany })],
    ['updateRows', () => t.updateRows({ ...nowhere, data: { name: 'x' }, queries: tooMany })],
    ['legacy listDocuments', () => legacy.listDocuments({ databaseId: 'nope', collectionId: 'things', queries: tooMany })],
    ['legacy getDocument', () => legacy.getDocument({ databaseId: 'nope', collectionId: 'things', documentId: 'r1', queries: tooMany })],
  ])('%s', async (_name, call) => {
    expect(await failure(call)).toEqual(invalidParam);
  });

  it.each([
    ['listTables', () => t.listTables({ databaseId: 'nope', queries: ['{'] }), 'Invalid `queries` param: Invalid query: Invalid query: Syntax error'],
    ['listColumns', () => t.listColumns({ ...nowhere, queries: [Query.equal('ghost', ['x'])] }), 'Invalid `queries` param: Invalid query: Attribute not found in schema: ghost'],
    ['listIndexes', () => t.listIndexes({ ...nowhere, queries: [Query.limit(0)] }), 'Invalid `queries` param: Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,807'],
    ['updateTable', () => t.updateTable({ ...nowhere, name: 'x'.repeat(129) }), 'Invalid `name` param: Value must be a valid string and no longer than 128 chars'],
    ['update (database)', () => t.update({ databaseId: 'nope', name: 'x'.repeat(129) }), 'Invalid `name` param: Value must be a valid string and no longer than 128 chars'],
    ['updateIntegerColumn', () => t.updateIntegerColumn({ ...nowhere, key: 'n', required: false, xdefault: 1.5 }), 'Invalid `default` param: Value must be a valid integer'],
  ])('%s', async (_name, call, message) => {
    expect(await failure(call)).toEqual({ code: 400, type: 'general_argument_invalid', message });
  });

  it('a data param that is not an object is a 400 before the lookup too', async () => {
    expect(await failure(() => t.updateRow({ ...nowhere, rowId: 'r1', data: '[1]' }))).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Invalid `data` param: Value must be a valid JSON object' });
  });

  it('a query that only fails to parse is judged after the lookup, as Appwrite parses inside the action', async () => {
    expect(await failure(() => t.listRows({ ...nowhere, queries: ['{'] }))).toMatchObject({ code: 404, type: 'database_not_found' });
  });
});

describe('query errors carry "Invalid query: " on every route', () => {
  const unknown = { code: 400, type: 'general_query_invalid', message: 'Invalid query: Attribute not found in schema: ghost' };
  it.each([
    ['listRows', () => t.listRows({ ...at, queries: [Query.equal('ghost', ['x'])] })],
    ['legacy listDocuments', () => legacy.listDocuments({ databaseId: 'db', collectionId: 'things', queries: [Query.equal('ghost', ['x'])] })],
    ['updateRows', () => t.updateRows({ ...at, data: { name: 'x' }, queries: [Query.equal('ghost', ['x'])] })],
    ['deleteRows', () => t.deleteRows({ ...at, queries: [Query.equal('ghost', ['x'])] })],
    ['getRow select', () => t.getRow({ ...at, rowId: 'r1', queries: [Query.select(['ghost'])] })],
  ])('%s', async (_name, call) => {
    expect(await failure(call)).toEqual(unknown);
  });

  it('getRow takes select only: another method is "Invalid query method: X"', async () => {
    expect(await failure(() => t.getRow({ ...at, rowId: 'r1', queries: [Query.limit(1)] }))).toEqual({ code: 400, type: 'general_query_invalid', message: 'Invalid query method: limit' });
  });

  it('listRows checks the cursor first, with the Cursor validator\'s own words', async () => {
    expect(await failure(() => t.listRows({ ...at, queries: [Query.equal('ghost', ['x']), Query.cursorAfter('x'.repeat(37))] }))).toEqual({
      code: 400, type: 'general_query_invalid',
      message: "Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char",
    });
    expect(await failure(() => t.listRows({ ...at, queries: [Query.equal('ghost', ['x']), Query.cursorAfter('missing')] }))).toEqual({
      code: 400, type: 'general_cursor_not_found', message: "Row 'missing' for the 'cursor' value not found.",
    });
  });
});

describe('lists of databases, tables, columns and indexes validate queries as a param (Validator\\Queries)', () => {
  const param = (reason: string) => ({ code: 400, type: 'general_argument_invalid', message: `Invalid \`queries\` param: ${reason}` });
  it.each([
    ['a query that is not JSON', ['{'], 'Invalid query: Invalid query: Syntax error'],
    ['an unknown method', ['{"method":"fuzzy","attribute":"name","values":["x"]}'], 'Invalid query: Invalid query method: fuzzy'],
    ['a method no validator takes', [Query.select(['name'])], 'Invalid query method: select'],
    ['an attribute outside the list', [Query.equal('ghost', ['x'])], 'Invalid query: Attribute not found in schema: ghost'],
    ['limit 0', [Query.limit(0)], 'Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,807'],
  ])('%s', async (_name, queries, reason) => {
    expect(await failure(() => t.listTables({ databaseId: 'db', queries }))).toEqual(param(reason));
  });

  it('a cursor that names nothing is general_cursor_not_found, worded per list', async () => {
    expect(await failure(() => t.listTables({ databaseId: 'db', queries: [Query.cursorAfter('ghost')] }))).toEqual({
      code: 400, type: 'general_cursor_not_found', message: "Table 'ghost' for the 'cursor' value not found.",
    });
    expect(await failure(() => legacy.listAttributes({ databaseId: 'db', collectionId: 'things', queries: [Query.cursorAfter('ghost')] }))).toEqual({
      code: 400, type: 'general_cursor_not_found', message: "Attribute 'ghost' for the 'cursor' value not found.",
    });
    // A cursor outside the filter still anchors the page, as Appwrite loads it by id.
    await t.createTable({ databaseId: 'db', tableId: 'aaa', name: 'Aaa' });
    await t.createTable({ databaseId: 'db', tableId: 'bbb', name: 'Bbb' });
    const after = await t.listTables({ databaseId: 'db', queries: [Query.cursorAfter('aaa'), Query.notEqual('name', ['Aaa'])] });
    expect((after.tables as { $id: string }[]).map((x) => x.$id)).toEqual(['bbb']);
  });

  it('every comparison filter works on them', async () => {
    const names = async (queries: string[]) => ((await t.listTables({ databaseId: 'db', queries })).tables as { $id: string }[]).map((x) => x.$id);
    expect(await names([Query.contains('name', ['hing'])])).toEqual(['things']);
    expect(await names([Query.between('name', 'Aaa', 'Bbb')])).toEqual(['aaa', 'bbb']);
    expect(await names([Query.endsWith('name', 'ngs')])).toEqual(['things']);
    expect(await names([Query.isNotNull('name'), Query.greaterThanEqual('name', 'Things')])).toEqual(['things']);
  });
});

describe('index errors', () => {
  it('an index with no columns gets utopia\'s message', async () => {
    expect(await failure(() => t.createIndex({ ...at, key: 'empty', type: IndexType.Key, columns: [] }))).toEqual({
      code: 400, type: 'column_index_invalid', message: 'No attributes provided for index',
    });
  });

  it('the index limit is checked before the columns', async () => {
    const full = { databaseId: 'db', tableId: 'full' };
    const indexes = Array.from({ length: 58 }, (_, i) => ({ key: `i${i}`, type: 'key', attributes: ['a'] }));
    await t.createTable({ ...full, name: 'Full', columns: [{ key: 'a', type: 'integer' }], indexes });
    expect(await failure(() => t.createIndex({ ...full, key: 'more', type: IndexType.Key, columns: ['ghost'] }))).toEqual({
      code: 400, type: 'column_index_limit_exceeded', message: "The maximum number of indexes for table 'full' has been reached.",
    });
  });
});

describe('messages from Appwrite\'s error table (app/config/errors.php)', () => {
  it.each([
    ['database exists', () => t.create({ databaseId: 'db', name: 'Again' }), 409, 'database_already_exists', "Database with the requested ID 'db' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."],
    ['table exists', () => t.createTable({ ...at, name: 'Again' }), 409, 'table_already_exists', "A table with the requested ID 'things' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."],
    ['collection exists', () => legacy.createCollection({ databaseId: 'db', collectionId: 'things', name: 'Again' }), 409, 'collection_already_exists', "A collection with the requested ID 'things' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."],
    ['row data missing', () => t.createRow({ ...at, rowId: 'x', data: {} }), 400, 'row_missing_data', 'The row data is missing. Try again with row data populated.'],
    ['no project header', () => new TablesDB(new Client().setEndpoint(h.server.endpoint)).list(), 401, 'general_access_forbidden', 'No Appwrite project was specified. Please specify your project ID when initializing your Appwrite SDK.'],
    ['console project', () => new TablesDB(new Client().setEndpoint(h.server.endpoint).setProject('console')).list(), 401, 'general_access_forbidden', 'This endpoint is not available for the console project. The Appwrite Console is a reserved project ID and cannot be used with the Appwrite SDKs and APIs. Please check if your project ID is correct.'],
  ])('%s', async (_name, call, code, type, message) => {
    expect(await failure(call as () => Promise<unknown>)).toEqual({ code, type, message });
  });

  it('index exists', async () => {
    await t.createIndex({ ...at, key: 'by_name', type: IndexType.Key, columns: ['name'] });
    expect(await failure(() => t.createIndex({ ...at, key: 'by_name', type: IndexType.Key, columns: ['name'] }))).toEqual({
      code: 409, type: 'column_index_already_exists', message: "Index with the requested key 'by_name' already exists. Try again with a different key.",
    });
  });

  it('bulk create with permissions (node-appwrite cannot send them, other clients can)', async () => {
    const response = await fetch(`${h.server.endpoint}/tablesdb/db/tables/things/rows`, {
      method: 'POST',
      headers: { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ name: 'a' }], permissions: ['read("any")'] }),
    });
    expect(await response.json()).toMatchObject({ code: 400, type: 'general_bad_request', message: 'Param "permissions" is disallowed when creating multiple rows, set "$permissions" on each instead' });
  });

  it('an unknown route', async () => {
    const response = await fetch(`${h.server.endpoint}/nothing/here`, { headers: { 'x-appwrite-project': h.server.projectId } });
    expect(await response.json()).toMatchObject({ code: 404, type: 'general_route_not_found', message: 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.' });
  });
});
