/** Validation errors: Appwrite's types, codes and exact messages (api-facts §5.1, §5.2). */
import { Query } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalApiError } from '../../../src/local/errors.js';
import { compileSelect, parseQueries } from '../../../src/local/query/index.js';
import { createFixtureDb, generateRows, SQL_TABLE, TABLE } from './fixture.js';

const ROWS = generateRows(60);
const db = createFixtureDb(ROWS);
afterAll(() => db.close());

const loadCursorRow = (rowId: string): Record<string, unknown> | undefined =>
  db.prepare(`SELECT * FROM ${SQL_TABLE} WHERE _id = ?`).get(rowId) as Record<string, unknown> | undefined;

function compile(queries: string[]) {
  return compileSelect(TABLE, parseQueries(queries), { loadCursorRow });
}

function failure(queries: string[]): LocalApiError {
  try {
    compile(queries);
  } catch (error) {
    if (error instanceof LocalApiError) return error;
    throw error;
  }
  throw new Error(`expected ${queries.join(', ')} to fail`);
}

const RANGE = '9,223,372,036,854,775,807';
const many = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const INVALID: [string, string[], string][] = [
  ['unknown filter attribute', [Query.equal('nope', ['x'])], 'Attribute not found in schema: nope'],
  ['unknown order attribute', [Query.orderAsc('nope')], 'Attribute not found in schema: nope'],
  ['$permissions is not filterable', [Query.equal('$permissions', ['x'])], 'Attribute not found in schema: $permissions'],
  ['unknown select attribute', [Query.select(['name', 'nope'])], 'Attribute not found in schema: nope'],
  ['empty select', [Query.select([])], 'No attributes selected'],
  ['duplicate select', [Query.select(['name', 'name'])], 'Duplicate attributes selected'],
  ['non-string select', ['{"method":"select","values":[1]}'], 'Attribute selection must be a string, got int'],
  ['string against integer', [Query.equal('score', ['5'])], 'Query value is invalid for attribute "score"'],
  ['fraction against integer', [Query.greaterThan('score', 1.5)], 'Query value is invalid for attribute "score"'],
  ['string against double', [Query.lessThan('revenue', '10')], 'Query value is invalid for attribute "revenue"'],
  ['string against boolean', [Query.equal('active', ['true'])], 'Query value is invalid for attribute "active"'],
  ['number against text', [Query.equal('name', [5])], 'Query value is invalid for attribute "name"'],
  ['null value', [Query.equal('name', [null])], 'Query value is invalid for attribute "name"'],
  ['unparseable datetime', [Query.lessThan('lastContactAt', '16/01/2024 12:00:00AM')], 'Query value is invalid for attribute "lastContactAt"'],
  ['impossible datetime (month 13; PHP rolls a day past the month over)', [Query.equal('$createdAt', ['2024-13-01T00:00:00Z'])], 'Query value is invalid for attribute "$createdAt"'],
  ['non-numeric $sequence', [Query.equal('$sequence', ['abc'])], 'Query value is invalid for attribute "$sequence"'],
  ['zero $sequence', [Query.equal('$sequence', ['0'])], 'Query value is invalid for attribute "$sequence"'],
  ['equal on an array', [Query.equal('tags', ['vip'])], 'Cannot query equal on attribute "tags" because it is an array.'],
  ['startsWith on an array', [Query.startsWith('tags', 'v')], 'Cannot query startsWith on attribute "tags" because it is an array.'],
  ['between on an array', [Query.between('numbers', 1, 2)], 'Cannot query between on attribute "numbers" because it is an array.'],
  ['regex on an array', [Query.regex('tags', 'v')], 'Cannot query regex on attribute "tags" because it is an array.'],
  ['contains on an integer', [Query.contains('score', [5])], 'Cannot query contains on attribute "score" because it is not an array, string, or object.'],
  ['containsAny on a datetime', [Query.containsAny('lastContactAt', ['2024-01-01'])], 'Cannot query contains on attribute "lastContactAt" because it is not an array, string, or object.'],
  ['notContains on a boolean', [Query.notContains('active', [true])], 'Cannot query notContains on attribute "active" because it is not an array, string, or object.'],
  ['encrypted column', [Query.equal('secret', ['x'])], 'Cannot query encrypted attribute: secret'],
  ['encrypted column isNull', [Query.isNull('secret')], 'Cannot query encrypted attribute: secret'],
  ['equal without values', [Query.equal('name', [])], 'Equal queries require at least one value.'],
  ['equal with an empty list', [Query.equal('name', [[]])], 'Equal queries require at least one value.'],
  ['contains without values', [Query.contains('tags', [])], 'Contains queries require at least one value.'],
  ['containsAll without values', [Query.containsAll('tags', [])], 'ContainsAll queries require at least one value.'],
  ['notEqual with two values', [Query.notEqual('name', ['a', 'b'])], 'NotEqual queries require exactly one value.'],
  ['lessThan without value', ['{"method":"lessThan","attribute":"score","values":[]}'], 'LessThan queries require exactly one value.'],
  ['between with one value', ['{"method":"between","attribute":"score","values":[1]}'], 'Between queries require exactly two values.'],
  ['notBetween with three values', ['{"method":"notBetween","attribute":"score","values":[1,2,3]}'], 'NotBetween queries require exactly two values.'],
  ['501 values', [Query.equal('score', many(501))], 'Query on attribute has greater than 500 values: score'],
  ['search on an array', [Query.search('tags', 'vip')], 'Cannot query search on attribute "tags" because it is an array.'],
  ['exists as the SDK sends it', [Query.exists(['name'])], 'Attribute not found in schema: '],
  ['notExists without values', ['{"method":"notExists","values":[]}'], 'NotExists queries require at least one value.'],
  ['elemMatch', [Query.elemMatch('tags', [Query.equal('x', ['y'])])], 'elemMatch is not supported by the database'],
  ['vector', [Query.vectorCosine('revenue', [1, 2])], 'Vector queries can only be used on vector attributes'],
  ['spatial', [Query.intersects('name', [[1, 2]])], 'Spatial query "intersects" cannot be applied on non-spatial attribute: name'],
  ['distance', [Query.distanceLessThan('name', [1, 2], 5)], 'Spatial query "distanceLessThan" cannot be applied on non-spatial attribute: name'],
  ['malformed distance', ['{"method":"distanceEqual","attribute":"name","values":[1]}'], 'Distance query requires [[geometry, distance]] parameters'],
  ['or with one query', [Query.or([Query.equal('name', ['a'])])], 'Or queries require at least two queries'],
  ['and holding a limit', ['{"method":"and","values":[{"method":"limit","values":[1]},{"method":"isNull","attribute":"city"}]}'], 'And queries can only contain filter queries'],
  ['error inside a nested query', [Query.or([Query.isNull('city'), Query.and([Query.isNull('name'), Query.equal('nope', [1])])])], 'Attribute not found in schema: nope'],
  ['limit 0', [Query.limit(0)], `Invalid limit: Value must be a valid range between 1 and ${RANGE}`],
  ['fractional limit', ['{"method":"limit","values":[2.5]}'], `Invalid limit: Value must be a valid range between 1 and ${RANGE}`],
  ['non-numeric limit', ['{"method":"limit","values":["ten"]}'], 'Invalid limit: Value must be a valid number'],
  ['limit without value', ['{"method":"limit"}'], 'Invalid limit: Value must be a valid number'],
  ['negative offset', [Query.offset(-1)], `Invalid offset: Value must be a valid range between 0 and ${RANGE}`],
  ['non-numeric offset', ['{"method":"offset","values":[true]}'], 'Invalid limit: Value must be a valid number'],
  ['null cursor', ['{"method":"cursorAfter","values":[null]}'], 'Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char'],
  ['over-long cursor', [Query.cursorBefore('x'.repeat(37))], 'Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char'],
  ['invalid regex', [Query.regex('name', '(')], 'Invalid regular expression: ('],
  ['cursor with random order', [Query.orderRandom(), Query.cursorAfter('row0001')], 'Cursor pagination is not supported with random order'],
  ['the first invalid query wins', [Query.equal('nope', [1]), Query.limit(0)], 'Attribute not found in schema: nope'],
];

describe('validation errors', () => {
  it.each(INVALID)('%s', (_label, queries, reason) => {
    const error = failure(queries);
    expect({ status: error.status, type: error.type, message: error.message }).toEqual({
      status: 400,
      type: 'general_query_invalid',
      message: `Invalid query: ${reason}`,
    });
  });

  it.each([
    ['search without a fulltext index', [Query.search('name', 'alice')], 'name'],
    ['notSearch on $id', [Query.notSearch('$id', 'x')], '$id'],
    ['a nested search before a top-level one', [Query.search('name', 'a'), Query.or([Query.isNull('city'), Query.search('email', 'b')])], 'email'],
  ])('%s -> the fulltext error, without the "Invalid query" prefix', (_label, queries, attribute) => {
    const error = failure(queries);
    expect([error.status, error.type, error.message]).toEqual([
      400,
      'general_query_invalid',
      `Searching by attribute "${attribute}" requires a fulltext index.`,
    ]);
  });

  it('reports other invalid queries before a missing fulltext index', () => {
    const error = failure([Query.search('name', 'alice'), Query.equal('nope', ['x'])]);
    expect(error.message).toBe('Invalid query: Attribute not found in schema: nope');
  });

  it('answers general_cursor_not_found for an unknown cursor row', () => {
    const error = failure([Query.cursorAfter('missing')]);
    expect([error.status, error.type, error.message]).toEqual([
      400,
      'general_cursor_not_found',
      "Row 'missing' for the 'cursor' value not found.",
    ]);
  });

  it('answers database_query_order_null when the cursor row has null in an order column', () => {
    const withNullCity = ROWS.find((r) => r.city === null);
    expect(withNullCity).toBeDefined();
    const error = failure([Query.orderAsc('score'), Query.orderDesc('city'), Query.cursorAfter(withNullCity?.$id ?? '')]);
    expect([error.status, error.type, error.message]).toEqual([
      400,
      'database_query_order_null',
      "The order column 'city' had a null value. Cursor pagination requires all rows order column values are non-null.",
    ]);
  });
});

describe('accepted values', () => {
  it.each([
    ['an integer against a double', [Query.greaterThan('revenue', 10)]],
    ['a datetime with a space and an offset', [Query.lessThan('lastContactAt', '1960-01-01 10:10:10+02:30')]],
    ['a date without a time', [Query.greaterThan('$updatedAt', '2024-01-01')]],
    ['$sequence as a numeric string', [Query.equal('$sequence', ['12'])]],
    ['exactly 500 values', [Query.equal('score', many(500))]],
    ['a numeric-string limit', ['{"method":"limit","values":["5"]}']],
    ['offset 0', [Query.offset(0)]],
    ['select of internal keys', [Query.select(['$id', '$permissions', '$createdAt', 'name'])]],
    ['order on an encrypted column', [Query.orderAsc('secret')]],
    ['contains on a text column', [Query.contains('email', ['example'])]],
    ['isNotNull on an array', [Query.isNotNull('numbers')]],
  ])('accepts %s', (_label, queries) => {
    const plan = compile(queries);
    expect(() => db.prepare(plan.sql).all(...plan.params)).not.toThrow();
  });

  it('normalises datetime values to stored UTC text', () => {
    const plan = compile([Query.lessThan('lastContactAt', '2024-03-01 10:00:00+02:00')]);
    expect(plan.params).toContain('2024-03-01T08:00:00.000+00:00');
  });

  it('binds booleans as 0/1', () => {
    expect(compile([Query.equal('active', [true])]).params[0]).toBe(1);
    expect(compile([Query.equal('active', [false])]).params[0]).toBe(0);
  });
});
