import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parse } from 'yaml';
import { modelToYamlFiles } from '../../../src/codegen/yaml-schema.js';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import type { Database } from '../../../src/model/types.js';
import { ROOT } from '../../helpers/cli.js';

async function shippedModel(): Promise<Database> {
  const { model, problems } = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
  expect(problems).toEqual([]);
  if (model === undefined) throw new Error('schema/ did not load');
  return model;
}

function reload(model: Database): Database {
  const files = modelToYamlFiles(model, { schemaRef: '../src/loader/schema.json' });
  const result = loadSchema(files.map((file) => ({ path: `out/${file.name}`, text: file.text })));
  expect(result.problems).toEqual([]);
  if (result.model === undefined) throw new Error('written files did not load');
  return result.model;
}

const minimal: Database = {
  id: 'db1',
  name: 'Db',
  enabled: false,
  removedTables: ['old_table'],
  tables: [
    {
      id: 't1',
      name: 'T',
      enabled: true,
      rowSecurity: false,
      permissions: [],
      columns: [
        { key: 'flag', type: 'boolean', required: false, array: false, default: true },
        { key: 'n', type: 'integer', required: false, array: false, default: null, min: -5 },
        { key: 'tags', type: 'varchar', size: 20, encrypt: false, required: false, array: true, default: null },
        { key: 'secret', type: 'varchar', size: 200, encrypt: true, required: true, array: false, default: null },
        { key: 'body', type: 'longtext', encrypt: false, required: false, array: false, default: null },
        { key: 'kind', type: 'enum', elements: [{ value: 'a' }, { value: 'b' }], required: false, array: false, default: 'a' },
      ],
      indexes: [
        { key: 'i_n', type: 'key', columns: ['n', '$createdAt'], orders: ['asc', 'desc'], lengths: [null, null] },
        { key: 'i_secret', type: 'unique', columns: ['secret'], orders: ['asc'], lengths: [10] },
      ],
    },
  ],
};

describe('modelToYamlFiles', () => {
  it('writes database.yaml then one file per table, each with the editor $schema line', async () => {
    const files = modelToYamlFiles(await shippedModel(), { schemaRef: '../src/loader/schema.json', header: 'pulled' });
    expect(files.map((file) => file.name)).toEqual(['database.yaml', 'audit_logs.yaml', 'customer_interactions.yaml', 'customers.yaml', 'invoices.yaml']);
    for (const file of files) {
      expect(file.text.split('\n').slice(0, 2)).toEqual(['# yaml-language-server: $schema=../src/loader/schema.json', '# pulled']);
    }
  });

  it('round-trips the shipped schema through the loader, documentation included', async () => {
    const model = await shippedModel();
    expect(reload(model)).toEqual(model);
  });

  it('round-trips bounds, arrays, encryption, defaults, enum values, index orders and prefix lengths', () => {
    expect(reload(minimal)).toEqual(minimal);
  });

  it('leaves fields at their default out and uses the short index form only for ascending whole columns', () => {
    const text = modelToYamlFiles(minimal, { schemaRef: 'x' })[1]?.text ?? '';
    const data = parse(text) as { columns: Record<string, unknown>[]; indexes: { columns: unknown[] }[] };
    expect(data.columns[0]).toEqual({ key: 'flag', type: 'boolean', default: true });
    expect(data.columns[2]).toEqual({ key: 'tags', type: 'varchar', size: 20, array: true });
    expect(data.indexes[0]?.columns).toEqual(['n', { column: '$createdAt', order: 'desc' }]);
    expect(data.indexes[1]?.columns).toEqual([{ column: 'secret', length: 10 }]);
  });

  it('leaves table and database fields at their default out, and writes the others', () => {
    const [database, table] = modelToYamlFiles(minimal, { schemaRef: 'x' }).map((file) => parse(file.text) as Record<string, unknown>);
    // minimal's table is enabled without row security: both defaults.
    expect(table).not.toHaveProperty('enabled');
    expect(table).not.toHaveProperty('rowSecurity');
    expect(database).toMatchObject({ enabled: false, removedTables: ['old_table'] });
    const defaults = { ...minimal, enabled: true, removedTables: [], tables: minimal.tables.map((t) => ({ ...t, enabled: false, rowSecurity: true })) };
    const [database2, table2] = modelToYamlFiles(defaults, { schemaRef: 'x' }).map((file) => parse(file.text) as Record<string, unknown>);
    expect(database2).not.toHaveProperty('enabled');
    expect(database2).not.toHaveProperty('removedTables');
    expect(table2).toMatchObject({ enabled: false, rowSecurity: true });
    expect(reload(defaults)).toEqual(defaults);
  });
});
