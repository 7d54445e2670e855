import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprintModel } from '../../../src/plan/index.js';
import { col, customers, db, idx, table } from '../diff/builders.js';

const model = db([
  customers([col.enum('status', ['lead', 'active']), col.integer('age', { min: 0 })], [idx('by_email', ['email'], 'unique')]),
  table('notes', [col.text('body')]),
]);

describe('fingerprintModel', () => {
  it('is a sha256 and stable across calls', () => {
    const print = fingerprintModel(model);
    expect(print).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprintModel(structuredClone(model))).toBe(print);
  });

  it('does not depend on key order, table order, column order or permission order', () => {
    const reordered = {
      removedTables: [],
      tables: [...model.tables].reverse().map((t) => ({ ...t, columns: [...t.columns].reverse(), permissions: [...t.permissions].reverse() })),
      enabled: true,
      name: model.name,
      id: model.id,
    };
    expect(fingerprintModel(reordered)).toBe(fingerprintModel(model));
  });

  it('ignores documentation-only fields', () => {
    const documented = db([
      customers(
        [col.enum('status', ['lead', 'active']), col.integer('age', { min: 0, description: 'years', app: { maxLength: 3 } })],
        [idx('by_email', ['email'], 'unique', { description: 'lookup' })],
        { description: 'people', typeName: 'Customer', rowPermissions: ['read("user:{id}")'] },
      ),
      table('notes', [col.text('body', { app: { json: { typeName: 'Notes', fields: [] } } })]),
    ]);
    const described = {
      ...documented,
      tables: documented.tables.map((t) => ({
        ...t,
        columns: t.columns.map((c) => (c.type === 'enum' ? { ...c, elements: c.elements.map((e) => ({ ...e, description: 'doc' })) } : c)),
      })),
    };
    expect(fingerprintModel(described)).toBe(fingerprintModel(model));
  });

  it('changes with anything the diff acts on', () => {
    const base = fingerprintModel(model);
    const variants = [
      db(model.tables, { name: 'Other' }),
      db([customers([col.enum('status', ['lead', 'active', 'x']), col.integer('age', { min: 0 })], [idx('by_email', ['email'], 'unique')]), model.tables[1]!]),
      db([customers([col.enum('status', ['lead', 'active']), col.integer('age', { min: 1 })], [idx('by_email', ['email'], 'unique')]), model.tables[1]!]),
      db([customers([col.enum('status', ['lead', 'active']), col.integer('age', { min: 0 })], [idx('by_email', ['email'])]), model.tables[1]!]),
      db([model.tables[0]!]),
      db(model.tables, { removedTables: ['old'] }),
    ];
    const prints = variants.map(fingerprintModel);
    for (const print of prints) expect(print).not.toBe(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('has a fingerprint for "no database"', () => {
    expect(fingerprintModel(undefined)).toMatch(/^sha256:/);
    expect(fingerprintModel(undefined)).not.toBe(fingerprintModel(db([])));
  });

  it('canonicalJson sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, 1] } })).toBe('{"a":{"c":[2,1]},"b":1}');
  });
});
