/**
 * Query semantics and errors through the unmodified node-appwrite 27 SDK against the local server:
 * listRows (TablesDB) and listDocuments (legacy Databases) over a few hundred generated rows, each
 * answer compared with the independent reference evaluator of tests/unit/local-query.
 */
import { Query, TablesDBIndexType } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startHarness, waitForColumn, waitForIndex, type LocalHarness } from '../helpers/local-server.js';
import { CURSOR_ORDERS, filterCases, isRegexCase, ORDER_CASES } from '../unit/local-query/cases.js';
import { generateRows, type FixtureRow } from '../unit/local-query/fixture.js';
import { reference } from '../unit/local-query/reference.js';

const DB = 'qdb';
const TABLE = 'people';
const ROWS = generateRows(300);
const ALL = Query.limit(1000);

let h: LocalHarness;

beforeAll(async () => {
  h = await startHarness();
  const t = h.tablesDB;
  const at = { databaseId: DB, tableId: TABLE };
  await t.create({ databaseId: DB, name: 'Queries' });
  await t.createTable({ ...at, name: 'People' });
  await Promise.all([
    t.createVarcharColumn({ ...at, key: 'name', size: 200, required: true }),
    t.createEmailColumn({ ...at, key: 'email', required: false }),
    t.createEnumColumn({ ...at, key: 'status', elements: ['active', 'inactive', 'lead', 'prospect', 'archived'], required: true }),
    t.createVarcharColumn({ ...at, key: 'city', size: 100, required: false }),
    t.createIntegerColumn({ ...at, key: 'score', required: true }),
    t.createFloatColumn({ ...at, key: 'revenue', required: false }),
    t.createBooleanColumn({ ...at, key: 'active', required: false }),
    t.createDatetimeColumn({ ...at, key: 'lastContactAt', required: false }),
    t.createVarcharColumn({ ...at, key: 'tags', size: 50, required: false, array: true }),
    t.createIntegerColumn({ ...at, key: 'numbers', required: false, array: true }),
    t.createTextColumn({ ...at, key: 'bio', required: false }),
    t.createVarcharColumn({ ...at, key: 'secret', size: 200, required: false, encrypt: true }),
  ]);
  for (const key of ['name', 'email', 'status', 'city', 'score', 'revenue', 'active', 'lastContactAt', 'tags', 'numbers', 'bio', 'secret']) {
    await waitForColumn(t, DB, TABLE, key);
  }
  await t.createIndex({ ...at, key: 'by_name', type: TablesDBIndexType.Key, columns: ['name'] });
  await t.createIndex({ ...at, key: 'by_score', type: TablesDBIndexType.Key, columns: ['score'] });
  await t.createIndex({ ...at, key: 'bio_text', type: TablesDBIndexType.Fulltext, columns: ['bio'] });
  for (const key of ['by_name', 'by_score', 'bio_text']) await waitForIndex(t, DB, TABLE, key);
  for (let i = 0; i < ROWS.length; i += 100) {
    await t.createRows({ ...at, rows: ROWS.slice(i, i + 100).map(toRow) });
  }
}, 60_000);

afterAll(() => h.close());

function toRow(row: FixtureRow): Record<string, unknown> {
  const { $sequence: _sequence, ...data } = row;
  return data;
}

async function list(queries: string[]): Promise<{ ids: string[]; total: number }> {
  const result = await h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries });
  return { ids: result.rows.map((r) => r.$id), total: result.total };
}

describe('listRows over node-appwrite agrees with the reference evaluator', () => {
  it('stored the rows in insertion order with their sequence numbers', async () => {
    const result = await h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries: [Query.limit(3)] });
    expect(result.total).toBe(ROWS.length);
    expect(result.rows.map((r) => [r.$id, Number(r.$sequence)])).toEqual([
      ['row0000', 1],
      ['row0001', 2],
      ['row0002', 3],
    ]);
  });

  it.each(filterCases(ROWS).filter(([, queries]) => !isRegexCase(queries)))('filter: %s', async (_label, queries) => {
    expect(await list([...queries, ALL])).toEqual(reference(ROWS, [...queries, ALL]));
  });

  it.each(ORDER_CASES)('order: %s', async (_label, queries) => {
    expect(await list(queries)).toEqual(reference(ROWS, queries));
  });

  const cursorCases = CURSOR_ORDERS.flatMap(([label, orders]) => {
    const cursor = label.includes('city') ? (ROWS.find((r) => r.city !== null && r.$sequence > 150)?.$id ?? '') : 'row0150';
    return [
      [`${label}, after ${cursor}`, [...orders, Query.cursorAfter(cursor), Query.limit(10)]],
      [`${label}, before ${cursor} with offset`, [...orders, Query.cursorBefore(cursor), Query.offset(3), Query.limit(10)]],
    ] as [string, string[]][];
  });
  it.each(cursorCases)('cursor: %s', async (_label, queries) => {
    expect(await list(queries)).toEqual(reference(ROWS, queries));
  });

  it('select returns the selected columns and the system fields only', async () => {
    const result = await h.tablesDB.listRows({
      databaseId: DB,
      tableId: TABLE,
      queries: [Query.select(['name', 'score']), Query.equal('$id', ['row0007'])],
    });
    const [row] = result.rows as unknown as Record<string, unknown>[];
    expect(row?.['name']).toBe(ROWS[7]?.name);
    expect(row?.['score']).toBe(ROWS[7]?.score);
    expect(row).not.toHaveProperty('city');
    expect(row).toHaveProperty('$createdAt');
  });

  it('total=false skips counting', async () => {
    const result = await h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries: [Query.limit(2)], total: false });
    expect([result.rows.length, result.total]).toEqual([2, 0]);
  });
});

describe('search pages, read off the FTS5 index in $sequence order, agree with the reference evaluator', () => {
  const prefix = Query.search('bio', 'm');
  it.each([
    ['a one-letter prefix', [prefix, Query.limit(10)]],
    ['a later page', [prefix, Query.limit(10), Query.offset(100)]],
    ['orderDesc $sequence', [prefix, Query.orderDesc('$sequence'), Query.limit(10), Query.offset(3)]],
    ['with another filter', [prefix, Query.equal('status', ['lead']), Query.limit(10)]],
    ['cursorAfter', [prefix, Query.cursorAfter('row0150'), Query.limit(10)]],
    ['cursorBefore with offset', [prefix, Query.cursorBefore('row0150'), Query.offset(3), Query.limit(10)]],
    ['orderAsc name (sorted, not walked)', [prefix, Query.orderAsc('name'), Query.limit(10)]],
  ])('%s', async (_label, queries) => {
    expect(await list(queries)).toEqual(reference(ROWS, queries));
  });
});

describe('listDocuments (legacy Databases) shares the query engine', () => {
  it.each([
    ['search', [Query.search('bio', 'renewal urgent')]],
    ['nested or', [Query.or([Query.equal('status', ['lead']), Query.contains('tags', ['vip'])])]],
    ['order and cursor', [Query.orderDesc('$createdAt'), Query.cursorAfter('row0042'), Query.limit(15)]],
    ['datetime range', [Query.between('lastContactAt', '2024-03-01', '2024-09-01 12:00:00+02:00')]],
  ])('%s', async (_label, queries) => {
    const result = await h.databases.listDocuments({ databaseId: DB, collectionId: TABLE, queries: [...queries, ALL] });
    const actual = { ids: result.documents.map((d) => d.$id), total: result.total };
    expect(actual).toEqual(reference(ROWS, [...queries, ALL]));
  });
});

describe('query errors over node-appwrite', () => {
  const invalid = (reason: string) => ({ code: 400, type: 'general_query_invalid', message: `Invalid query: ${reason}` });
  it.each([
    ['unknown column', [Query.equal('nope', ['x'])], invalid('Attribute not found in schema: nope')],
    ['wrong value type', [Query.equal('score', ['5'])], invalid('Query value is invalid for attribute "score"')],
    ['bad datetime', [Query.lessThan('lastContactAt', '16/01/2024 12:00:00AM')], invalid('Query value is invalid for attribute "lastContactAt"')],
    ['array column method', [Query.equal('tags', ['vip'])], invalid('Cannot query equal on attribute "tags" because it is an array.')],
    ['contains on integer', [Query.contains('score', [1])], invalid('Cannot query contains on attribute "score" because it is not an array, string, or object.')],
    ['encrypted column', [Query.equal('secret', ['s3cret'])], invalid('Cannot query encrypted attribute: secret')],
    ['empty equal', [Query.equal('name', [])], invalid('Equal queries require at least one value.')],
    ['too many values', [Query.equal('score', Array.from({ length: 501 }, (_, i) => i))], invalid('Query on attribute has greater than 500 values: score')],
    ['search without fulltext index', [Query.search('name', 'alice')], { code: 400, type: 'general_query_invalid', message: 'Searching by attribute "name" requires a fulltext index.' }],
    ['exists', [Query.exists(['name'])], invalid('Attribute not found in schema: ')],
    ['elemMatch', [Query.elemMatch('tags', [Query.equal('x', ['y'])])], invalid('elemMatch is not supported by the database')],
    ['or with one query', [Query.or([Query.isNull('city')])], invalid('Or queries require at least two queries')],
    ['limit 0', [Query.limit(0)], invalid('Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,807')],
    ['negative offset', [Query.offset(-5)], invalid('Invalid offset: Value must be a valid range between 0 and 9,223,372,036,854,775,807')],
    ['unknown select', [Query.select(['nope'])], invalid('Attribute not found in schema: nope')],
    ['malformed JSON', ['{"method":'], { code: 400, type: 'general_query_invalid', message: 'Invalid query: Syntax error' }],
    ['unknown method', ['{"method":"fuzzy","attribute":"name","values":["x"]}'], { code: 400, type: 'general_query_invalid', message: 'Invalid query method: fuzzy' }],
    ['cursor row missing', [Query.cursorAfter('ghost')], { code: 400, type: 'general_cursor_not_found', message: "Row 'ghost' for the 'cursor' value not found." }],
  ])('%s', async (_label, queries, expected) => {
    expect(await failure(() => h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries }))).toEqual(expected);
  });

  it('a cursor row with null in an order column -> database_query_order_null', async () => {
    const row = ROWS.find((r) => r.lastContactAt === null);
    const error = await failure(() =>
      h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries: [Query.orderAsc('lastContactAt'), Query.cursorAfter(row?.$id ?? '')] }),
    );
    expect([error.code, error.type]).toEqual([400, 'database_query_order_null']);
  });

  it('more than 100 queries is a param error', async () => {
    const queries = Array.from({ length: 101 }, () => Query.isNotNull('name'));
    const error = await failure(() => h.tablesDB.listRows({ databaseId: DB, tableId: TABLE, queries }));
    expect([error.code, error.type]).toEqual([400, 'general_argument_invalid']);
  });

  it('legacy listDocuments reports the same error', async () => {
    const error = await failure(() =>
      h.databases.listDocuments({ databaseId: DB, collectionId: TABLE, queries: [Query.equal('nope', ['x'])] }),
    );
    expect(error).toEqual(invalid('Attribute not found in schema: nope'));
  });
});

describe('regex needs the server to provide REGEXP', () => {
  it.each(filterCases(ROWS).filter(([, queries]) => isRegexCase(queries)))('%s', async (_label, queries) => {
    expect(await list([...queries, ALL])).toEqual(reference(ROWS, [...queries, ALL]));
  });
});
