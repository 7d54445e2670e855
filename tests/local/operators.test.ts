import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Condition, Operator, Query } from 'node-appwrite';
import { failure, startHarness, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** node-appwrite `Operator` values in update/upsert data, applied on the server (utopia-php/database 6.0.0 rules). */

let h: LocalHarness;
let t: LooseTablesDB;
const at = { databaseId: 'db', tableId: 'ops' };
const COLUMNS = [
  { key: 'n', type: 'integer', default: 10 },
  { key: 'wide', type: 'integer', size: 8 },
  { key: 'big', type: 'bigint' },
  { key: 'f', type: 'double' },
  { key: 'name', type: 'varchar', size: 12 },
  { key: 'tags', type: 'varchar', size: 20, array: true },
  { key: 'nums', type: 'integer', array: true },
  { key: 'on', type: 'boolean' },
  { key: 'due', type: 'datetime' },
];

beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...at, name: 'Ops', columns: COLUMNS });
});
afterAll(() => h.close());

async function fresh(rowId: string, data: Record<string, unknown> = {}): Promise<void> {
  await t.upsertRow({ ...at, rowId, data: { n: 10, f: 1.5, wide: 9007199254740993n, name: 'ab', tags: ['a', 'b', 'a'], nums: [1, 5, 9], on: false, due: '2024-01-31T10:00:00Z', big: 9007199254740993n, ...data } });
}
const update = (rowId: string, data: Record<string, unknown>) => t.updateRow({ ...at, rowId, data });

describe('numeric operators', () => {
  it.each([
    ['increment', { n: Operator.increment(5) }, { n: 15 }],
    ['increment clamped at max', { n: Operator.increment(50, 20) }, { n: 20 }],
    ['decrement clamped at min', { n: Operator.decrement(50, 0) }, { n: 0 }],
    ['multiply', { n: Operator.multiply(3), f: Operator.multiply(2) }, { n: 30, f: 3 }],
    ['divide rounds into an integer column', { n: Operator.divide(4), f: Operator.divide(2) }, { n: 3, f: 0.75 }],
    ['divide clamped at min', { n: Operator.divide(10, 5) }, { n: 5 }],
    ['modulo', { n: Operator.modulo(4) }, { n: 2 }],
    ['power clamped at max', { n: Operator.power(3, 500) }, { n: 500 }],
    // Without a limit Appwrite refuses integer results above 2^31-1 (next test); with one, 64-bit values stay exact.
    ['wide integers stay exact', { wide: '{"method":"increment","values":[2,9223372036854775807]}' }, { wide: 9007199254740995n }],
  ])('%s', async (name, data, expected) => {
    await fresh(name);
    expect(await update(name, data)).toMatchObject(expected);
    expect(await t.getRow({ ...at, rowId: name })).toMatchObject(expected);
  });

  it('a null value starts from 0', async () => {
    await fresh('nulls', { wide: null });
    expect((await update('nulls', { wide: Operator.increment(7) }))['wide']).toBe(7);
  });

  it('refuses what Appwrite refuses, with its words', async () => {
    await fresh('bad');
    const cases: [Record<string, unknown>, string][] = [
      [{ name: Operator.increment(1) }, "Cannot apply increment operator to non-numeric field 'name'"],
      [{ big: Operator.increment(1) }, "Cannot apply increment operator to non-numeric field 'big'"],
      [{ n: '{"method":"modulo","values":[0]}' }, 'Cannot apply modulo operator: modulo by zero'],
      [{ n: Operator.increment(2147483647) }, 'Cannot apply increment operator: would overflow maximum value of 2147483647'],
      [{ n: '{"method":"increment","values":["x"]}' }, 'Cannot apply increment operator: value must be numeric, got string'],
      [{ name: Operator.arrayAppend(['x']) }, "Cannot apply arrayAppend operator to non-array field 'name'"],
      [{ tags: Operator.arrayInsert(9, 'x') }, 'Cannot apply arrayInsert operator: index 9 is out of bounds for array of length 3'],
      [{ name: Operator.stringConcat('0123456789xx') }, 'Cannot apply stringConcat operator: result would exceed maximum length of 12 characters'],
      [{ n: Operator.toggle() }, "Cannot apply toggle operator to non-boolean field 'n'"],
      [{ due: '{"method":"dateAddDays","values":[1.5]}' }, 'Cannot apply dateAddDays operator: requires an integer number of days'],
    ];
    for (const [data, message] of cases) {
      expect(await failure(() => update('bad', data))).toEqual({ code: 400, type: 'row_invalid_structure', message: `Invalid document structure: ${message}` });
    }
    expect(await failure(() => update('bad', { n: '{"method":"increment","values":5}' }))).toEqual({
      code: 400, type: 'general_bad_request', message: 'Invalid operator for attribute "n": Invalid operator values. Must be an array, got integer',
    });
    expect((await t.getRow({ ...at, rowId: 'bad' }))['n']).toBe(10);
  });
});

describe('array, string, boolean and date operators', () => {
  it.each([
    ['arrayAppend', { tags: Operator.arrayAppend(['c']) }, { tags: ['a', 'b', 'a', 'c'] }],
    ['arrayPrepend', { tags: Operator.arrayPrepend(['z']) }, { tags: ['z', 'a', 'b', 'a'] }],
    ['arrayInsert', { tags: Operator.arrayInsert(1, 'x') }, { tags: ['a', 'x', 'b', 'a'] }],
    ['arrayRemove', { tags: Operator.arrayRemove('a') }, { tags: ['b'] }],
    ['arrayUnique', { tags: Operator.arrayUnique() }, { tags: ['a', 'b'] }],
    ['arrayIntersect', { tags: Operator.arrayIntersect(['a', 'q']) }, { tags: ['a', 'a'] }],
    ['arrayDiff', { tags: Operator.arrayDiff(['a']) }, { tags: ['b'] }],
    ['arrayFilter', { nums: Operator.arrayFilter(Condition.GreaterThan, 4) }, { nums: [5, 9] }],
    ['stringConcat', { name: Operator.stringConcat('cd') }, { name: 'abcd' }],
    ['stringReplace', { name: Operator.stringReplace('b', 'X') }, { name: 'aX' }],
    ['toggle', { on: Operator.toggle() }, { on: true }],
    ['dateAddDays', { due: Operator.dateAddDays(1) }, { due: '2024-02-01T10:00:00.000+00:00' }],
    ['dateSubDays', { due: Operator.dateSubDays(31) }, { due: '2023-12-31T10:00:00.000+00:00' }],
  ])('%s', async (name, data, expected) => {
    await fresh(name);
    expect(await update(name, data)).toMatchObject(expected);
  });

  it('dateSetNow sets the current time (whole seconds, as MariaDB NOW())', async () => {
    await fresh('now');
    const before = Math.floor(Date.now() / 1000) * 1000;
    const due = (await update('now', { due: Operator.dateSetNow() }))['due'] as string;
    expect(due).toMatch(/\.000\+00:00$/);
    expect(Date.parse(due)).toBeGreaterThanOrEqual(before);
  });
});

describe('where operators apply', () => {
  it('upsertRow: on an existing row and on a new one (starting from nothing)', async () => {
    await fresh('up');
    expect((await t.upsertRow({ ...at, rowId: 'up', data: { n: Operator.increment(1) } }))['n']).toBe(11);
    expect(await t.upsertRow({ ...at, rowId: 'up-new', data: { n: Operator.increment(3), tags: Operator.arrayAppend(['x']) } })).toMatchObject({ n: 3, tags: ['x'] });
  });

  it('updateRows applies them to every selected row; upsertRows too', async () => {
    await fresh('b1', { name: 'bulk' });
    await fresh('b2', { name: 'bulk', n: 1 });
    await t.updateRows({ ...at, data: { n: Operator.increment(100) }, queries: [Query.equal('name', ['bulk'])] });
    const rows = (await t.listRows({ ...at, queries: [Query.equal('name', ['bulk']), Query.orderAsc('$id')] })).rows;
    expect(rows.map((r: { n: number }) => r.n)).toEqual([110, 101]);
    await t.upsertRows({ ...at, rows: [{ $id: 'b1', n: Operator.decrement(10) }] });
    expect((await t.getRow({ ...at, rowId: 'b1' }))['n']).toBe(100);
  });

  it('createRow does not read operators: the JSON is an ordinary string value', async () => {
    const row = await t.createRow({ ...at, rowId: 'plain', data: { name: '{"method":"toggle"}'.slice(0, 12) } });
    expect(row['name']).toBe('{"method":"t');
    expect((await failure(() => t.createRow({ ...at, rowId: 'plain2', data: { n: Operator.increment(1) } }))).type).toBe('row_invalid_structure');
  });

  it('inside a transaction: staged, previewed and committed', async () => {
    await fresh('tx');
    const tx = await t.createTransaction({});
    await t.updateRow({ ...at, rowId: 'tx', data: { n: Operator.increment(5) }, transactionId: tx.$id });
    await t.updateRow({ ...at, rowId: 'tx', data: { n: Operator.multiply(2) }, transactionId: tx.$id });
    expect((await t.getRow({ ...at, rowId: 'tx', transactionId: tx.$id }))['n']).toBe(30);
    expect((await t.getRow({ ...at, rowId: 'tx' }))['n']).toBe(10);
    await t.updateTransaction({ transactionId: tx.$id, commit: true });
    expect((await t.getRow({ ...at, rowId: 'tx' }))['n']).toBe(30);
  });
});
