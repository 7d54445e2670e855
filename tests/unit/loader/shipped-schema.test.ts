import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import { estimateRowBytes, ROW_BYTES_MAX } from '../../../src/model/limits.js';
import type { Table } from '../../../src/model/types.js';
import { ROOT } from '../../helpers/cli.js';

const SCHEMA_DIR = path.join(ROOT, 'schema');
const jsonSchema = JSON.parse(readFileSync(path.join(ROOT, 'src/loader/schema.json'), 'utf8')) as object;

async function shippedModel() {
  const result = loadSchema(await readSchemaDir(SCHEMA_DIR, ROOT));
  expect(result.problems).toEqual([]);
  if (result.model === undefined) throw new Error('no model');
  return result.model;
}

function table(tables: readonly Table[], id: string): Table {
  const found = tables.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

describe('the shipped schema/', () => {
  it('loads with no problems into console-db with its four tables sorted by id', async () => {
    const model = await shippedModel();
    expect(model.id).toBe('console-db');
    expect(model.tables.map((t) => t.id)).toEqual(['audit_logs', 'customer_interactions', 'customers', 'invoices']);
    expect(model.removedTables).toEqual([]);
  });

  it('declares all 28 customers columns, the 18 reference indexes, 3 fulltext ones and 4 composite indexes for the query patterns', async () => {
    const customers = table((await shippedModel()).tables, 'customers');
    expect(customers.columns).toHaveLength(28);
    expect(customers.indexes).toHaveLength(25);
    expect(customers.indexes.filter((i) => i.type === 'fulltext').map((i) => i.columns)).toEqual([['name'], ['email'], ['company']]);
    const createdAt = customers.indexes.find((i) => i.key === 'idx_createdAt');
    expect(createdAt).toMatchObject({ columns: ['$createdAt'], orders: ['desc'], lengths: [null] });
    expect(customers.indexes.find((i) => i.key === 'idx_userId')?.type).toBe('unique');
    expect(customers.indexes.find((i) => i.key === 'idx_followUp_status')).toMatchObject({
      type: 'key',
      columns: ['nextFollowUpAt', 'status'],
      orders: ['asc', 'asc'],
    });
  });

  it('normalises the model: sorted permissions, null defaults, one order and length per index column', async () => {
    const customers = table((await shippedModel()).tables, 'customers');
    expect(customers.permissions).toEqual([...customers.permissions].sort());
    expect(customers.rowSecurity).toBe(true);
    expect(customers.rowPermissions).toEqual(['delete("user:{userId}")', 'read("user:{userId}")', 'update("user:{userId}")']);
    const phone = customers.columns.find((c) => c.key === 'phone');
    expect(phone).toMatchObject({ type: 'varchar', size: 50, required: false, array: false, default: null });
    expect(customers.columns.find((c) => c.key === 'status')).toMatchObject({ type: 'enum', required: false, default: 'active' });
    for (const index of customers.indexes) {
      expect(index.orders).toHaveLength(index.columns.length);
      expect(index.lengths).toHaveLength(index.columns.length);
    }
  });

  it('keeps the reference enums with descriptions and the JSON shapes of notes and metadata', async () => {
    const customers = table((await shippedModel()).tables, 'customers');
    const elements = (key: string) => {
      const column = customers.columns.find((c) => c.key === key);
      return column?.type === 'enum' ? column.elements : [];
    };
    expect(elements('status').map((e) => e.value)).toEqual(['active', 'inactive', 'lead', 'prospect', 'archived']);
    expect(elements('customerType').map((e) => e.value)).toEqual(['individual', 'company', 'non-profit', 'government']);
    expect(elements('source')).toHaveLength(8);
    expect(elements('language').map((e) => e.value)).toEqual(['en', 'ms']);
    expect(elements('source').every((e) => (e.description ?? '').length > 0)).toBe(true);
    const notes = customers.columns.find((c) => c.key === 'notes');
    expect(notes?.app).toMatchObject({ maxLength: 5000, json: { typeName: 'CustomerNotes' } });
    const metadata = customers.columns.find((c) => c.key === 'metadata');
    expect(metadata?.app?.json?.fields.map((f) => f.name)).toEqual(['tags', 'customFields', 'integrationData', 'lastSyncAt', 'statusChangeReason', 'statusChangedAt', 'statusChangedBy']);
  });

  it('stays well inside the row-width budget', async () => {
    for (const t of (await shippedModel()).tables) expect(estimateRowBytes(t)).toBeLessThan(ROW_BYTES_MAX / 2);
  });
});

describe('schema/*.yaml and the JSON Schema', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(jsonSchema);
  const files = ['database.yaml', 'customers.yaml', 'audit_logs.yaml', 'invoices.yaml'];

  it.each(files)('%s starts with the $schema line and validates against src/loader/schema.json', (name) => {
    const text = readFileSync(path.join(SCHEMA_DIR, name), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../src/loader/schema.json');
    const valid = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects an unknown field and a misspelt column type (the schema is not vacuous)', () => {
    expect(validate({ kind: 'table', id: 't', name: 'T', columns: [], colour: 'blue' })).toBe(false);
    expect(validate({ kind: 'table', id: 't', name: 'T', columns: [{ key: 'a', type: 'varchr' }] })).toBe(false);
    expect(validate({ kind: 'database', id: 'db', name: 'Db', columns: [] })).toBe(false);
  });
});
