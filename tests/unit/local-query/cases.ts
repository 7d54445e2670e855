/**
 * Query cases shared by the SQL-level semantics tests and the SDK-level tests (tests/local): each
 * is run against the implementation and the reference evaluator, and the answers must agree.
 */
import { Query } from 'node-appwrite';
import type { FixtureRow } from './fixture.js';

/** Filters whose SQL needs the server's regexp() function. */
export const isRegexCase = (queries: readonly string[]): boolean => queries.some((q) => q.includes('"regex"'));

export function filterCases(rows: readonly FixtureRow[]): [string, string[]][] {
  return [
    ['equal one value', [Query.equal('status', ['lead'])]],
    ['equal several values', [Query.equal('status', ['lead', 'prospect'])]],
    ['equal is case-insensitive on text', [Query.equal('city', ['IPOH'])]],
    ['equal on $id is exact', [Query.equal('$id', ['row0010', 'ROW0011'])]],
    ['equal integer', [Query.equal('score', [7, 8])]],
    ['equal double', [Query.equal('revenue', [rows[20]?.revenue ?? 1])]],
    ['equal boolean true', [Query.equal('active', [true])]],
    ['equal boolean false', [Query.equal('active', false)]],
    ['notEqual skips nulls', [Query.notEqual('city', 'Penang')]],
    ['notEqual boolean', [Query.notEqual('active', true)]],
    ['lessThan integer', [Query.lessThan('score', 0)]],
    ['lessThanEqual double', [Query.lessThanEqual('revenue', 250.5)]],
    ['greaterThan text', [Query.greaterThan('name', 'GRACE')]],
    ['greaterThanEqual integer', [Query.greaterThanEqual('score', 30)]],
    ['between inclusive', [Query.between('score', 5, 10)]],
    ['notBetween', [Query.notBetween('score', 0, 30)]],
    ['between text', [Query.between('name', 'b', 'D')]],
    ['datetime greaterThan with offset converts to UTC', [Query.greaterThan('lastContactAt', '2024-06-01T10:00:00+08:00')]],
    ['datetime between', [Query.between('lastContactAt', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00.000Z')]],
    ['createdBefore', [Query.createdBefore('2024-01-02T00:00:00.000+00:00')]],
    ['createdBetween', [Query.createdBetween('2024-01-01T05:00:00Z', '2024-01-01T09:00:00Z')]],
    ['updatedAfter', [Query.updatedAfter('2024-01-01T05:00:00Z')]],
    ['$sequence as a numeric string', [Query.greaterThan('$sequence', '390')]],
    ['$sequence as an integer', [Query.lessThanEqual('$sequence', 3)]],
    ['isNull', [Query.isNull('city')]],
    ['isNotNull', [Query.isNotNull('lastContactAt')]],
    ['isNull on an array column', [Query.isNull('tags')]],
    ['startsWith is case-insensitive', [Query.startsWith('name', 'ALI')]],
    ['startsWith escapes %', [Query.startsWith('name', '100%')]],
    ['startsWith escapes _', [Query.startsWith('name', 'snake_')]],
    ['startsWith escapes backslash', [Query.startsWith('name', 'back\\')]],
    ['notStartsWith', [Query.notStartsWith('city', 'ip')]],
    ['endsWith', [Query.endsWith('email', '7@example.com')]],
    ['endsWith escapes %', [Query.endsWith('name', '%Sign')]],
    ['notEndsWith', [Query.notEndsWith('name', '3')]],
    ['contains substring on text', [Query.contains('name', 'RAC')]],
    ['contains several substrings is any', [Query.contains('name', ['eve', 'judy'])]],
    ['contains substring escapes %', [Query.contains('name', '0%')]],
    ['containsAll substrings', [Query.containsAll('bio', ['spider', 'sales'])]],
    ['notContains substring', [Query.notContains('bio', 'man')]],
    ['contains element on array', [Query.contains('tags', ['vip'])]],
    ['array element match is exact', [Query.contains('tags', ['VIP'])]],
    ['containsAny on array', [Query.containsAny('tags', ['b2b', 'new'])]],
    ['containsAll on array', [Query.containsAll('tags', ['vip', 'new'])]],
    ['notContains on array skips null arrays', [Query.notContains('tags', ['vip'])]],
    ['contains on integer array', [Query.contains('numbers', [3])]],
    ['containsAll on integer array', [Query.containsAll('numbers', [1, 2])]],
    ['search one word', [Query.search('bio', 'invoice')]],
    ['search is word-based, not substring', [Query.search('bio', 'spider')]],
    ['search last word is a prefix', [Query.search('bio', 'manag')]],
    ['search several words match any', [Query.search('bio', 'urgent renewal')]],
    ['search exact phrase', [Query.search('bio', '"spider man"')]],
    ['search ignores MariaDB operators', [Query.search('bio', '+sales -lead*')]],
    ['search is case-insensitive', [Query.search('bio', 'MALAYSIA')]],
    ['search term without words matches nothing', [Query.search('bio', '*** ')]],
    ['search with FTS syntax stays literal', [Query.search('bio', 'sales NEAR(lead) OR "x')]],
    ['notSearch includes null texts', [Query.notSearch('bio', 'sales')]],
    ['regex', [Query.regex('name', '^[a-c].*[0-3]$')]],
    ['regex on email', [Query.regex('email', 'e[0-9]+@')]],
    ['or', [Query.or([Query.equal('status', ['lead']), Query.greaterThan('score', 35)])]],
    ['and', [Query.and([Query.equal('status', ['lead']), Query.greaterThan('score', 5)])]],
    [
      'nested or inside and',
      [
        Query.and([
          Query.or([Query.isNull('city'), Query.equal('city', ['penang'])]),
          Query.or([Query.lessThan('score', 0), Query.search('bio', 'urgent')]),
        ]),
      ],
    ],
    [
      'several top-level filters are ANDed',
      [Query.isNotNull('revenue'), Query.contains('tags', ['vip']), Query.notEqual('status', 'archived')],
    ],
    ['exists with an attribute tests for a value', ['{"method":"exists","attribute":"city","values":["city"]}']],
    ['notExists with an attribute tests for null', ['{"method":"notExists","attribute":"city","values":["city"]}']],
  ];
}

export const ORDER_CASES: [string, string[]][] = [
  ['default order is insertion order', []],
  ['orderAsc text is case-insensitive, ties by $sequence', [Query.orderAsc('name')]],
  ['orderDesc text keeps $sequence ascending on ties', [Query.orderDesc('city')]],
  ['orderDesc $createdAt breaks ties descending', [Query.orderDesc('$createdAt')]],
  ['orderAsc $updatedAt', [Query.orderAsc('$updatedAt')]],
  ['two orders', [Query.orderAsc('status'), Query.orderDesc('score')]],
  ['order on $id needs no tie-break', [Query.orderDesc('$id')]],
  ['order on nullable datetime puts nulls first', [Query.orderAsc('lastContactAt')]],
  ['order with filter, limit and offset', [Query.equal('status', ['lead']), Query.orderAsc('score'), Query.limit(7), Query.offset(3)]],
  ['first limit and offset win', [Query.limit(5), Query.limit(50), Query.offset(2), Query.offset(40)]],
];

export const CURSOR_ORDERS: [string, string[]][] = [
  ['default order', []],
  ['orderAsc name', [Query.orderAsc('name')]],
  ['orderDesc score', [Query.orderDesc('score')]],
  ['orderDesc $createdAt', [Query.orderDesc('$createdAt')]],
  ['orderAsc status, orderDesc score', [Query.orderAsc('status'), Query.orderDesc('score')]],
  ['orderDesc city (nulls in other rows)', [Query.orderDesc('city')]],
];
