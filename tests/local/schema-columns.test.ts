import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { failure, startHarness, waitForColumn, waitGone, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

let h: LocalHarness;
let t: LooseTablesDB;
const D = 'db';
beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: D, name: 'DB' });
  await t.createTable({ databaseId: D, tableId: 'types', name: 'Types' });
});
afterAll(() => h.close());

const base = { databaseId: D, tableId: 'types' };

describe('column create: every type and its response model', () => {
  const cases: [string, () => Promise<unknown>, Record<string, unknown>][] = [
    ['boolean', () => t.createBooleanColumn({ ...base, key: 'c_bool', required: false, xdefault: true }), { type: 'boolean', default: true }],
    ['integer', () => t.createIntegerColumn({ ...base, key: 'c_int', required: false, min: 0, max: 10, xdefault: 5 }), { type: 'integer', min: 0, max: 10, default: 5 }],
    ['float', () => t.createFloatColumn({ ...base, key: 'c_float', required: false, min: 0, max: 1.5 }), { type: 'double', min: 0, max: 1.5, default: null }],
    ['datetime', () => t.createDatetimeColumn({ ...base, key: 'c_dt', required: false, xdefault: '2024-01-01 10:00:00+02:00' }), { type: 'datetime', format: 'datetime', default: '2024-01-01 10:00:00+02:00' }],
    ['email', () => t.createEmailColumn({ ...base, key: 'c_email', required: false }), { type: 'string', format: 'email' }],
    ['url', () => t.createUrlColumn({ ...base, key: 'c_url', required: false }), { type: 'string', format: 'url' }],
    ['ip', () => t.createIpColumn({ ...base, key: 'c_ip', required: false }), { type: 'string', format: 'ip' }],
    ['enum', () => t.createEnumColumn({ ...base, key: 'c_enum', elements: ['a', 'b'], required: false, xdefault: 'a' }), { type: 'string', format: 'enum', elements: ['a', 'b'], default: 'a' }],
    ['string', () => t.createStringColumn({ ...base, key: 'c_str', size: 20, required: false }), { type: 'string', size: 20, encrypt: false }],
    ['varchar', () => t.createVarcharColumn({ ...base, key: 'c_var', size: 30, required: true }), { type: 'varchar', size: 30, required: true }],
    ['text', () => t.createTextColumn({ ...base, key: 'c_text', required: false }), { type: 'text', encrypt: false }],
    ['mediumtext', () => t.createMediumtextColumn({ ...base, key: 'c_mtext', required: false }), { type: 'mediumtext' }],
    ['longtext', () => t.createLongtextColumn({ ...base, key: 'c_ltext', required: false, array: true }), { type: 'longtext', array: true }],
  ];

  it.each(cases)('%s -> 202 processing with the right model', async (_kind, create, expected) => {
    const column = (await create()) as Record<string, unknown>;
    expect(column).toMatchObject({ status: 'processing', error: '', ...expected });
    expect(await waitForColumn(t, D, 'types', column['key'] as string)).toBe('available');
  });

  it('integer responses carry no size; integer defaults are int64 bounds', async () => {
    const column = (await t.createIntegerColumn({ ...base, key: 'c_int2', required: false })) as unknown as Record<string, unknown>;
    expect(column).not.toHaveProperty('size');
    expect(column['min']).toBe(-9223372036854775808n);
  });

  it('float without range reports ±1.7976931348623157e308', async () => {
    const column = (await t.createFloatColumn({ ...base, key: 'c_float2', required: false })) as unknown as Record<string, unknown>;
    expect(column['max']).toBe(1.7976931348623157e308);
  });

  it('getTable lists columns in creation order with bytesUsed growing', async () => {
    const table = await t.getTable(base);
    expect(table.columns.map((c: { key: string }) => (c as { key: string }).key).slice(0, 3)).toEqual(['c_bool', 'c_int', 'c_float']);
    expect(table.bytesUsed).toBeGreaterThan(1067);
  });
});

describe('column create: errors in Appwrite order', () => {
  const bad: [string, () => Promise<unknown>, number, string, string?][] = [
    ['required with default', () => t.createIntegerColumn({ ...base, key: 'e1', required: true, xdefault: 1 }), 400, 'column_default_unsupported', 'Cannot set default value for required column'],
    ['array with default', () => t.createVarcharColumn({ ...base, key: 'e2', size: 5, required: false, array: true, xdefault: 'x' }), 400, 'column_default_unsupported', 'Cannot set default value for array columns'],
    ['min > max', () => t.createIntegerColumn({ ...base, key: 'e3', required: false, min: 5, max: 1 }), 400, 'column_value_invalid', 'Minimum value must be lesser than maximum value'],
    ['default out of range', () => t.createIntegerColumn({ ...base, key: 'e4', required: false, min: 1, max: 1000, xdefault: 5000 }), 400, 'column_value_invalid', 'Value must be a valid range between 1 and 1,000'],
    ['enum default not in elements', () => t.createEnumColumn({ ...base, key: 'e5', elements: ['a'], required: false, xdefault: 'A' }), 400, 'column_value_invalid', 'Default value not found in elements'],
    ['varchar default too long', () => t.createVarcharColumn({ ...base, key: 'e6', size: 2, required: false, xdefault: 'abc' }), 400, 'column_value_invalid'],
    ['encrypt with size < 150', () => t.createVarcharColumn({ ...base, key: 'e7', size: 100, required: false, encrypt: true }), 400, 'general_bad_request'],
    ['invalid email default', () => t.createEmailColumn({ ...base, key: 'e8', required: false, xdefault: 'user@@example.com' }), 400, 'general_argument_invalid'],
    ['invalid url default', () => t.createUrlColumn({ ...base, key: 'e9', required: false, xdefault: 'example...com' }), 400, 'general_argument_invalid'],
    ['invalid ip default', () => t.createIpColumn({ ...base, key: 'e10', required: false, xdefault: '1.1.1.1.1' }), 400, 'general_argument_invalid'],
    ['bad datetime default', () => t.createDatetimeColumn({ ...base, key: 'e11', required: false, xdefault: '16/01/2024' }), 400, 'general_argument_invalid'],
    ['varchar size above 16381', () => t.createVarcharColumn({ ...base, key: 'e12', size: 16382, required: false }), 400, 'general_argument_invalid'],
    ['empty enum elements', () => t.createEnumColumn({ ...base, key: 'e13', elements: [], required: false }), 400, 'column_value_invalid'],
    ['bad key', () => t.createBooleanColumn({ ...base, key: '$bad', required: false }), 400, 'general_argument_invalid'],
    ['key longer than 36', () => t.createBooleanColumn({ ...base, key: 'k'.repeat(37), required: false }), 400, 'general_argument_invalid'],
    ['duplicate key in another case', () => t.createBooleanColumn({ ...base, key: 'C_BOOL', required: false }), 409, 'column_already_exists'],
    ['missing table', () => t.createBooleanColumn({ databaseId: D, tableId: 'nope', key: 'x', required: false }), 404, 'table_not_found'],
    ['missing database', () => t.createBooleanColumn({ databaseId: 'nope', tableId: 'types', key: 'x', required: false }), 404, 'database_not_found'],
  ];

  it.each(bad)('%s', async (_label, call, code, type, message) => {
    const err = await failure(call);
    expect([err.code, err.type]).toEqual([code, type]);
    if (message) expect(err.message).toBe(message);
  });

  it('a missing required param -> Param "required" is not optional.', async () => {
    const response = await fetch(`${h.server.endpoint}/tablesdb/${D}/tables/types/columns/boolean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey },
      body: JSON.stringify({ key: 'noreq' }),
    });
    const body = (await response.json()) as { type: string; message: string };
    expect([response.status, body.type, body.message]).toEqual([400, 'general_argument_invalid', 'Param "required" is not optional.']);
  });

  it('an unsupported column type answers 501', async () => {
    const err = await failure(() => t.createPointColumn({ ...base, key: 'spot', required: false }));
    expect(err.code).toBe(501);
  });
});

describe('column limits', () => {
  beforeAll(async () => {
    await t.createTable({ databaseId: D, tableId: 'wide', name: 'Wide' });
    await t.createTable({ databaseId: D, tableId: 'many', name: 'Many' });
  });

  it('row width: varchar 16116 fits an empty table, 16117 -> column_limit_exceeded', async () => {
    const err = await failure(() => t.createVarcharColumn({ databaseId: D, tableId: 'wide', key: 'too', size: 16117, required: false }));
    expect([err.code, err.type]).toEqual([400, 'column_limit_exceeded']);
    await t.createVarcharColumn({ databaseId: D, tableId: 'wide', key: 'fits', size: 16116, required: false });
    expect((await t.getTable({ databaseId: D, tableId: 'wide' })).bytesUsed).toBe(65533);
    const more = await failure(() => t.createIntegerColumn({ databaseId: D, tableId: 'wide', key: 'b', required: false }));
    expect(more.type).toBe('column_limit_exceeded');
  });

  it('a string above 16381 is cheap (TEXT, 20 bytes)', async () => {
    await t.createTable({ databaseId: D, tableId: 'cheap', name: 'Cheap' });
    await t.createStringColumn({ databaseId: D, tableId: 'cheap', key: 's', size: 20000, required: false });
    expect((await t.getTable({ databaseId: D, tableId: 'cheap' })).bytesUsed).toBe(1087);
  });

  it('at most 1010 columns: the 1011th -> column_limit_exceeded', async () => {
    for (let i = 0; i < 1010; i++) await t.createBooleanColumn({ databaseId: D, tableId: 'many', key: `b${i}`, required: false });
    const err = await failure(() => t.createBooleanColumn({ databaseId: D, tableId: 'many', key: 'one_more', required: false }));
    expect([err.code, err.type]).toEqual([400, 'column_limit_exceeded']);
    expect(err.message).toBe("The maximum number or size of columns for table 'many' has been reached.");
  }, 60_000);

  it('listColumns pages by 25 by default, with limit/offset/cursor by key and total', async () => {
    const first = await t.listColumns({ databaseId: D, tableId: 'many' });
    expect([first.total, first.columns.length]).toEqual([1010, 25]);
    const next = await t.listColumns({ databaseId: D, tableId: 'many', queries: [Query.cursorAfter('b24'), Query.limit(2)] });
    expect(next.columns.map((c: { key: string }) => (c as { key: string }).key)).toEqual(['b25', 'b26']);
    const offset = await t.listColumns({ databaseId: D, tableId: 'many', queries: [Query.limit(1), Query.offset(1009)] });
    expect(offset.columns.map((c: { key: string }) => (c as { key: string }).key)).toEqual(['b1009']);
  });

  it('select is not allowed on listColumns -> general_argument_invalid', async () => {
    const err = await failure(() => t.listColumns({ databaseId: D, tableId: 'many', queries: [Query.select(['key'])] }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });
});

describe('column update (PATCH, synchronous)', () => {
  beforeAll(async () => {
    await t.createTable({ databaseId: D, tableId: 'upd', name: 'Upd' });
    await t.createIntegerColumn({ databaseId: D, tableId: 'upd', key: 'qty', required: false, min: 0, max: 100 });
    await t.createVarcharColumn({ databaseId: D, tableId: 'upd', key: 'title', size: 10, required: false });
    await t.createEnumColumn({ databaseId: D, tableId: 'upd', key: 'kind', elements: ['a', 'b'], required: false });
    for (const key of ['qty', 'title', 'kind']) await waitForColumn(t, D, 'upd', key);
    await t.createRow({ databaseId: D, tableId: 'upd', rowId: 'r1', data: { qty: 5, title: 'abcdefgh' } });
  });
  const u = { databaseId: D, tableId: 'upd' };

  it('merges min/max and sets a default', async () => {
    const column = await t.updateIntegerColumn({ ...u, key: 'qty', required: false, xdefault: 150, max: 200 });
    expect(column).toMatchObject({ min: 0, max: 200, default: 150, status: 'available' });
  });

  it('default outside the merged range -> column_value_invalid', async () => {
    const err = await failure(() => t.updateIntegerColumn({ ...u, key: 'qty', required: false, xdefault: 500 }));
    expect([err.code, err.type]).toEqual([400, 'column_value_invalid']);
  });

  it('required with a default -> column_default_unsupported', async () => {
    const err = await failure(() => t.updateIntegerColumn({ ...u, key: 'qty', required: true, xdefault: 1 }));
    expect([err.code, err.type]).toEqual([400, 'column_default_unsupported']);
  });

  it('enum elements are replaced; an empty element -> column_value_invalid', async () => {
    const column = await t.updateEnumColumn({ ...u, key: 'kind', elements: ['a', 'b', 'c'], required: false, xdefault: 'c' });
    expect(column).toMatchObject({ elements: ['a', 'b', 'c'], default: 'c' });
    const err = await failure(() => t.updateEnumColumn({ ...u, key: 'kind', elements: ['a', ''], required: false, xdefault: null }));
    expect(err.type).toMatch(/column_value_invalid|general_argument_invalid/);
  });

  it('size increase works; shrinking below existing data -> column_invalid_resize', async () => {
    expect((await t.updateVarcharColumn({ ...u, key: 'title', required: false, xdefault: null, size: 50 })).size).toBe(50);
    const err = await failure(() => t.updateVarcharColumn({ ...u, key: 'title', required: false, xdefault: null, size: 4 }));
    expect([err.code, err.type]).toEqual([400, 'column_invalid_resize']);
    expect((await t.updateVarcharColumn({ ...u, key: 'title', required: false, xdefault: null, size: 8 })).size).toBe(8);
  });

  it('size increase beyond the row width -> column_limit_exceeded', async () => {
    const err = await failure(() => t.updateVarcharColumn({ ...u, key: 'title', required: false, xdefault: null, size: 16381 }));
    expect([err.code, err.type]).toEqual([400, 'column_limit_exceeded']);
  });

  it('newKey renames the column and keeps the data', async () => {
    const renamed = await t.updateVarcharColumn({ ...u, key: 'title', required: false, xdefault: null, newKey: 'heading' });
    expect(renamed.key).toBe('heading');
    const row = await t.getRow({ ...u, rowId: 'r1' });
    expect(row['heading']).toBe('abcdefgh');
    expect(row).not.toHaveProperty('title');
    expect((await failure(() => t.getColumn({ ...u, key: 'title' }))).type).toBe('column_not_found');
  });

  it('newKey clashing with another column -> 409 column_already_exists', async () => {
    const err = await failure(() => t.updateVarcharColumn({ ...u, key: 'heading', required: false, xdefault: null, newKey: 'QTY' }));
    expect([err.code, err.type]).toEqual([409, 'column_already_exists']);
  });

  it('missing column -> 404 column_not_found', async () => {
    const err = await failure(() => t.updateBooleanColumn({ ...u, key: 'ghost', required: false, xdefault: null }));
    expect([err.code, err.type]).toEqual([404, 'column_not_found']);
  });
});

describe('column delete', () => {
  it('passes through deleting, disappears, and the key can be reused', async () => {
    await t.createTable({ databaseId: D, tableId: 'del', name: 'Del' });
    await t.createVarcharColumn({ databaseId: D, tableId: 'del', key: 'x', size: 5, required: false });
    await waitForColumn(t, D, 'del', 'x');
    await t.createRow({ databaseId: D, tableId: 'del', rowId: 'r', data: { x: 'abc' } });
    await t.deleteColumn({ databaseId: D, tableId: 'del', key: 'x' });
    await waitGone(() => t.getColumn({ databaseId: D, tableId: 'del', key: 'x' }));
    expect(await t.getRow({ databaseId: D, tableId: 'del', rowId: 'r' })).not.toHaveProperty('x');
    await t.createIntegerColumn({ databaseId: D, tableId: 'del', key: 'x', required: false });
    expect(await waitForColumn(t, D, 'del', 'x')).toBe('available');
    expect((await t.getRow({ databaseId: D, tableId: 'del', rowId: 'r' }))['x']).toBeNull();
  });

  it('missing column -> 404 column_not_found', async () => {
    const err = await failure(() => t.deleteColumn({ databaseId: D, tableId: 'del', key: 'ghost' }));
    expect([err.code, err.type]).toEqual([404, 'column_not_found']);
  });
});

describe('legacy attributes', () => {
  it('creates, lists and reports attribute_* errors', async () => {
    const attribute = await h.databases.createStringAttribute({ databaseId: D, collectionId: 'types', key: 'legacy_s', size: 10, required: false });
    expect(attribute).toMatchObject({ key: 'legacy_s', type: 'string', status: 'processing' });
    const list = await h.databases.listAttributes({ databaseId: D, collectionId: 'types', queries: [Query.limit(100)] });
    expect(list.attributes.map((a) => (a as { key: string }).key)).toContain('legacy_s');
    const dup = await failure(() => h.databases.createStringAttribute({ databaseId: D, collectionId: 'types', key: 'legacy_s', size: 10, required: false }));
    expect([dup.code, dup.type]).toEqual([409, 'attribute_already_exists']);
    const missing = await failure(() => h.databases.getAttribute({ databaseId: D, collectionId: 'types', key: 'ghost' }));
    expect([missing.code, missing.type]).toEqual([404, 'attribute_not_found']);
  });
});
