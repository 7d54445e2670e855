import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { formatAppwriteConfig, modelToAppwriteConfig, TEXT_SIZES } from '../../../src/codegen/appwrite-config.js';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import type { Column, Database } from '../../../src/model/types.js';
import { ROOT } from '../../helpers/cli.js';

function oneColumn(column: Column, lengths: (number | null)[] = [null]): Database {
  return {
    id: 'db',
    name: 'Db',
    enabled: true,
    removedTables: [],
    tables: [
      {
        id: 't',
        name: 'T',
        enabled: false,
        rowSecurity: true,
        permissions: ['read("any")'],
        columns: [column],
        indexes: [{ key: 'i', type: 'key', columns: [column.key], orders: ['desc'], lengths }],
      },
    ],
  };
}

const base = { key: 'c', required: false, array: false, default: null } as const;

describe('modelToAppwriteConfig', () => {
  it.each([
    [{ ...base, type: 'boolean' }, { type: 'boolean' }],
    [{ ...base, type: 'datetime' }, { type: 'datetime', format: 'datetime' }],
    [{ ...base, type: 'integer', min: 0, max: 9 }, { type: 'integer', min: 0, max: 9 }],
    [{ ...base, type: 'integer' }, { type: 'integer', min: -(2n ** 63n), max: 2n ** 63n - 1n }],
    [{ ...base, type: 'integer', min: 0 }, { type: 'integer', min: 0, max: 2n ** 63n - 1n }],
    [{ ...base, type: 'float', min: 0 }, { type: 'double', min: 0, max: 1.7976931348623157e308 }],
    [{ ...base, type: 'float', max: 5 }, { type: 'double', min: -1.7976931348623157e308, max: 5 }],
    [{ ...base, type: 'email' }, { type: 'string', format: 'email' }],
    [{ ...base, type: 'url' }, { type: 'string', format: 'url' }],
    [{ ...base, type: 'ip' }, { type: 'string', format: 'ip' }],
    [{ ...base, type: 'enum', default: 'a', elements: [{ value: 'a', description: 'A' }, { value: 'b' }] }, { type: 'string', format: 'enum', elements: ['a', 'b'], default: 'a' }],
    [{ ...base, type: 'string', size: 10, encrypt: true }, { type: 'string', size: 10, encrypt: true }],
    [{ ...base, type: 'varchar', size: 128, encrypt: false, required: true }, { type: 'string', size: 128, encrypt: false, required: true }],
    [{ ...base, type: 'text', encrypt: false }, { type: 'string', size: 65535, encrypt: false }],
    [{ ...base, type: 'mediumtext', encrypt: false }, { type: 'string', size: 16777215, encrypt: false }],
    [{ ...base, type: 'longtext', encrypt: false, array: true }, { type: 'string', size: 1073741824, encrypt: false, array: true }],
  ] as [Column, Record<string, unknown>][])('maps %o', (column, expected) => {
    const { config } = modelToAppwriteConfig(oneColumn(column), { projectId: 'p' });
    expect(config.tables[0]?.columns[0]).toEqual({ key: 'c', required: false, array: false, default: null, ...expected });
  });

  it('writes int64 bounds as bare JSON integers, as Appwrite reports them and appwrite-cli reads them', () => {
    const { config } = modelToAppwriteConfig(oneColumn({ ...base, type: 'integer', min: 0 }), { projectId: 'p' });
    expect(formatAppwriteConfig(config)).toContain('"min": 0,\n                    "max": 9223372036854775807\n');
  });

  it('notes every lossy mapping, and only those', () => {
    const varchar = modelToAppwriteConfig(oneColumn({ ...base, type: 'varchar', size: 5, encrypt: false }), { projectId: 'p' });
    expect(varchar.notes).toEqual(['t.c: varchar(5) exported as string(5); appwrite-cli cannot push varchar']);
    const text = modelToAppwriteConfig(oneColumn({ ...base, type: 'mediumtext', encrypt: false }), { projectId: 'p' });
    expect(text.notes).toEqual([`t.c: mediumtext exported as string(${TEXT_SIZES.mediumtext}); appwrite-cli cannot push mediumtext`]);
    expect(modelToAppwriteConfig(oneColumn({ ...base, type: 'boolean' }), { projectId: 'p' }).notes).toEqual([]);
    const prefix = modelToAppwriteConfig(oneColumn({ ...base, type: 'boolean' }, [12]), { projectId: 'p' });
    expect(prefix.notes).toEqual(['t.i: index prefix lengths dropped; appwrite.config.json has no place for them']);
  });

  it('bigint becomes integer (appwrite-cli cannot push bigint) with exact int64 bounds and default', () => {
    const safe = modelToAppwriteConfig(oneColumn({ ...base, type: 'bigint', min: '-5', max: '900', default: '7' }), { projectId: 'p' });
    expect(safe.config.tables[0]?.columns[0]).toEqual({ key: 'c', type: 'integer', required: false, array: false, default: 7n, min: -5n, max: 900n });
    expect(safe.notes).toEqual(['t.c: bigint exported as integer; appwrite-cli cannot push bigint']);
    // Beyond 2^53 a JSON number would round; BigInts reach the file as exact bare integers.
    const wide = modelToAppwriteConfig(oneColumn({ ...base, type: 'bigint', max: '9223372036854775806', default: '9007199254740993' }), { projectId: 'p' });
    expect(wide.config.tables[0]?.columns[0]).toEqual({ key: 'c', type: 'integer', required: false, array: false, default: 9007199254740993n, min: -(2n ** 63n), max: 9223372036854775806n });
    expect(formatAppwriteConfig(wide.config)).toContain('"default": 9007199254740993');
  });

  it('writes the table, database and index shape appwrite-cli reads (upper-case orders)', () => {
    const { config } = modelToAppwriteConfig(oneColumn({ ...base, type: 'boolean' }), { projectId: 'p', endpoint: 'http://h/v1' });
    expect(config.projectId).toBe('p');
    expect(config.endpoint).toBe('http://h/v1');
    expect(config.tablesDB).toEqual([{ $id: 'db', name: 'Db', enabled: true }]);
    const { columns: _columns, ...table } = config.tables[0] ?? { columns: [] };
    expect(table).toEqual({
      $id: 't', $permissions: ['read("any")'], databaseId: 'db', name: 'T', enabled: false, rowSecurity: true,
      indexes: [{ key: 'i', type: 'key', status: 'available', columns: ['c'], orders: ['DESC'] }],
    });
  });

  it('exports every table and column of the shipped schema, pretty-printed with 4 spaces', async () => {
    const { model } = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
    if (model === undefined) throw new Error('schema/ did not load');
    const { config } = modelToAppwriteConfig(model, { projectId: 'p' });
    expect(config.tables.map((t) => [t.$id, t.columns.length, t.indexes.length])).toEqual(
      model.tables.map((t) => [t.id, t.columns.length, t.indexes.length]),
    );
    const text = formatAppwriteConfig(config);
    expect(text).toMatch(/^\{\n {4}"projectId": "p",\n/);
    // JSON.parse reads the int64 bounds as the nearest doubles; so does Number().
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(config, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))));
  });
});
