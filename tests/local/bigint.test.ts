import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** bigint columns (createBigIntColumn / updateBigIntColumn): int64, exact beyond 2^53 everywhere. */

let h: LocalHarness;
let t: LooseTablesDB;
const at = { databaseId: 'db', tableId: 'ledger' };
const BIG = 9007199254740993n; // 2^53 + 1: a double cannot hold it
const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...at, name: 'Ledger' });
});
afterAll(() => h.close());

describe('bigint columns', () => {
  it('create: 202 processing, type bigint, int64 bounds by default, exact default', async () => {
    const column = await t.createBigIntColumn({ ...at, key: 'amount', required: false, xdefault: BIG });
    expect(column).toMatchObject({ key: 'amount', type: 'bigint', status: 'processing', min: MIN, max: MAX, default: BIG });
    expect(await waitForColumn(t, 'db', 'ledger', 'amount')).toBe('available');
    const bounded = await t.createBigIntColumn({ ...at, key: 'capped', required: false, min: -5n, max: BIG });
    expect([bounded.min, bounded.max]).toEqual([-5, BIG]);
    await waitForColumn(t, 'db', 'ledger', 'capped');
    await t.createBigIntColumn({ ...at, key: 'many', required: false, array: true });
    await waitForColumn(t, 'db', 'ledger', 'many');
  });

  it('values are exact on write and read, as numbers or digit strings', async () => {
    const row = await t.createRow({ ...at, rowId: 'r1', data: { capped: BIG, many: [MAX, '-9223372036854775808', 1] } });
    expect([row['amount'], row['capped'], row['many']]).toEqual([BIG, BIG, [MAX, MIN, 1]]);
    const read = await t.getRow({ ...at, rowId: 'r1' });
    expect(read['many']).toEqual([MAX, MIN, 1]);
    const fromString = await t.createRow({ ...at, rowId: 'r2', data: { amount: '9007199254740995', capped: 2 } });
    expect(fromString['amount']).toBe(9007199254740995n);
  });

  it('refuses values outside int64 and outside the column range', async () => {
    const outside = await failure(() => t.createRow({ ...at, rowId: 'x', data: { amount: 9223372036854775808n } }));
    expect(outside).toEqual({
      code: 400, type: 'row_invalid_structure',
      message: 'Invalid document structure: Attribute "amount" has invalid format. Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807',
    });
    const range = await failure(() => t.createRow({ ...at, rowId: 'x', data: { capped: BIG + 1n } }));
    expect(range.message).toBe('Invalid document structure: Attribute "capped" has invalid format. Value must be a valid range between -5 and 9,007,199,254,740,993');
    expect((await failure(() => t.createRow({ ...at, rowId: 'x', data: { amount: 1.5 } }))).type).toBe('row_invalid_structure');
  });

  it('filters and ordering compare exactly beyond 2^53', async () => {
    await t.createRow({ ...at, rowId: 'r3', data: { amount: BIG - 1n } });
    const equal = await t.listRows({ ...at, queries: [Query.equal('amount', [BIG])] });
    expect(equal.rows.map((r: { $id: string }) => r.$id)).toEqual(['r1']);
    const greater = await t.listRows({ ...at, queries: [Query.greaterThan('amount', BIG - 1n), Query.orderDesc('amount')] });
    expect(greater.rows.map((r: { $id: string }) => r.$id)).toEqual(['r2', 'r1']);
    const asString = await t.listRows({ ...at, queries: [Query.equal('amount', ['9007199254740992'])] });
    expect(asString.rows.map((r: { $id: string }) => r.$id)).toEqual(['r3']);
    expect(await failure(() => t.listRows({ ...at, queries: [Query.equal('amount', ['12a'])] }))).toMatchObject({ message: 'Invalid query: Query value is invalid for attribute "amount"' });
  });

  it('increments are exact, with Appwrite\'s max check', async () => {
    const stepped = await t.incrementRowColumn({ ...at, rowId: 'r3', column: 'amount', value: 2 });
    expect(stepped['amount']).toBe(BIG + 1n);
    const capped = await failure(() => t.incrementRowColumn({ ...at, rowId: 'r3', column: 'amount', value: 1, max: BIG + 1n }));
    expect(capped).toMatchObject({ code: 400, type: 'column_limit_exceeded' });
    expect((await t.decrementRowColumn({ ...at, rowId: 'r3', column: 'amount', value: BIG }))['amount']).toBe(1);
  });

  it('update: new range and default, exact; a default outside it is refused', async () => {
    const updated = await t.updateBigIntColumn({ ...at, key: 'capped', required: false, xdefault: MAX - 1n, max: MAX });
    expect([updated.min, updated.max, updated.default]).toEqual([-5, MAX, MAX - 1n]);
    const bad = await failure(() => t.updateBigIntColumn({ ...at, key: 'capped', required: false, xdefault: -6, min: -5 }));
    expect(bad).toMatchObject({ code: 400, type: 'column_value_invalid', message: 'Value must be a valid range between -5 and 9,223,372,036,854,775,807' });
  });

  it('inline bigint columns on createTable', async () => {
    const table = await t.createTable({ databaseId: 'db', tableId: 'inline_big', name: 'Inline', columns: [{ key: 'n', type: 'bigint', default: BIG }] });
    expect(table.columns[0]).toMatchObject({ type: 'bigint', status: 'available', default: BIG });
  });
});
