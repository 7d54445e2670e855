import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { failure, startHarness, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/**
 * Datetime values as Appwrite reads them (PHP's DateTime, utopia-php/database Validator\Datetime):
 * the forms other languages and the console send, stored in UTC, in row writes and query values.
 */

let h: LocalHarness;
let t: LooseTablesDB;
const at = { databaseId: 'db', tableId: 'events' };
beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...at, name: 'Events', columns: [{ key: 'at', type: 'datetime' }, { key: 'many', type: 'datetime', array: true }] });
});
afterAll(() => h.close());

const accepted: [string, string][] = [
  ['2020-01-15 09:00:00 Europe/Berlin', '2020-01-15T08:00:00.000+00:00'],
  ['2020-07-15 09:00:00 Europe/Berlin', '2020-07-15T07:00:00.000+00:00'],
  ['2020-01-15 09:00 America/New_York', '2020-01-15T14:00:00.000+00:00'],
  ['2020-01-15 09:00:00+0200', '2020-01-15T07:00:00.000+00:00'],
  ['2020-01-15T09:00:00+02:00', '2020-01-15T07:00:00.000+00:00'],
  ['2020-01-15 09:00:00 -03', '2020-01-15T12:00:00.000+00:00'],
  ['2020-01-15T09:00:00.123456Z', '2020-01-15T09:00:00.123+00:00'],
  ['2020-01-15 09:00:00 UTC', '2020-01-15T09:00:00.000+00:00'],
  ['2020-01-15', '2020-01-15T00:00:00.000+00:00'],
  ['01/16/2024', '2024-01-16T00:00:00.000+00:00'],
  ['2024-02-30 10:00', '2024-03-01T10:00:00.000+00:00'],
];

describe('datetime values', () => {
  it.each(accepted)('%s is stored as %s', async (value, stored) => {
    const row = await t.createRow({ ...at, rowId: 'unique()', data: { at: value, many: [value] } });
    expect([row['at'], row['many']]).toEqual([stored, [stored]]);
  });

  it.each(['2020-01-15 27:00:00', '16/01/2024', '16/01/2024 12:00:00AM', '2020-01-15 09:00 Mars/Olympus', 'tomorrow', '0999-12-31'])('%s is refused', async (value) => {
    expect(await failure(() => t.createRow({ ...at, rowId: 'unique()', data: { at: value } }))).toEqual({
      code: 400, type: 'row_invalid_structure',
      message: 'Invalid document structure: Attribute "at" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.',
    });
  });

  it('query values take the same forms and compare as UTC instants', async () => {
    await t.createRow({ ...at, rowId: 'berlin', data: { at: '2021-06-01 12:00:00 Europe/Berlin' } });
    const found = await t.listRows({ ...at, queries: [Query.equal('at', ['2021-06-01 10:00:00Z'])] });
    expect(found.rows.map((r: { $id: string }) => r.$id)).toEqual(['berlin']);
    const zoned = await t.listRows({ ...at, queries: [Query.equal('at', ['2021-06-01 06:00 America/New_York'])] });
    expect(zoned.rows.map((r: { $id: string }) => r.$id)).toEqual(['berlin']);
    expect(await failure(() => t.listRows({ ...at, queries: [Query.lessThan('at', '2021-06-01 27:00:00')] }))).toMatchObject({
      code: 400, type: 'general_query_invalid', message: 'Invalid query: Query value is invalid for attribute "at"',
    });
  });

  it('a column default may name a zone', async () => {
    const column = await t.createDatetimeColumn({ ...at, key: 'due', required: false, xdefault: '2024-01-01 09:00 Asia/Tokyo' });
    expect(column.default).toBe('2024-01-01 09:00 Asia/Tokyo');
    expect(await failure(() => t.createDatetimeColumn({ ...at, key: 'bad', required: false, xdefault: '2024-01-01 25:00' }))).toMatchObject({ code: 400, type: 'general_argument_invalid' });
  });
});
