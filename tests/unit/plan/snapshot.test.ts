import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/diff/index.js';
import { isCrmSchemaError } from '../../../src/errors.js';
import { parseSnapshot } from '../../../src/plan/index.js';
import { col, customers, db, idx, table } from '../diff/builders.js';

const model = db([
  customers([col.enum('status', ['a', 'b']), col.integer('age', { min: 0 }), col.text('notes')], [idx('by_email', ['email'], 'unique')]),
  table('tags', [col.varchar('label', 32, { required: true })]),
]);

function problemOf(text: string): string {
  try {
    parseSnapshot(text, 'snap.json');
  } catch (error) {
    if (isCrmSchemaError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('parseSnapshot', () => {
  it('reads back what JSON.stringify wrote, so the diff between them is empty', () => {
    const parsed = parseSnapshot(JSON.stringify(model), 'snap.json');
    expect(parsed).toEqual(model);
    expect(diff(parsed, model).operations).toEqual([]);
  });

  it('defaults removedTables to none', () => {
    const { removedTables: _removed, ...rest } = model;
    expect(parseSnapshot(JSON.stringify(rest), 'snap.json').removedTables).toEqual([]);
  });

  it.each([
    ['not JSON', '{', /^schema_invalid: snap\.json is not valid JSON/],
    ['not an object', '[]', /\$: expected an object/],
    ['a table without enabled', JSON.stringify({ ...model, tables: [{ ...model.tables[0], enabled: 'yes' }] }), /\$\.tables\[0\]\.enabled: expected true or false/],
    ['an unknown column type', JSON.stringify(db([table('t', [{ ...col.text('x'), type: 'blob' } as never])])), /\$\.tables\[0\]\.columns\[0\]\.type: expected one of boolean/],
    ['a string column without size', JSON.stringify(db([table('t', [{ ...col.string('x'), size: undefined } as never])])), /\.columns\[0\]\.size: expected a number/],
    ['enum elements as bare strings', JSON.stringify(db([table('t', [{ ...col.enum('x', []), elements: ['a'] } as never])])), /\.elements\[0\]: expected an object/],
    ['a bad index order', JSON.stringify(db([table('t', [], [idx('i', ['x'], 'key', { orders: ['up' as never] })])])), /\.indexes\[0\]\.orders\[0\]: expected one of asc, desc/],
    ['a saved plan, naming what to use instead', JSON.stringify({ formatVersion: 1, database: 'db', operations: [] }), /is a saved plan \(crm-schema plan --out\), not a model snapshot; write one with `crm-schema pull --snapshot/],
  ])('rejects %s', (_name, text, expected) => {
    expect(problemOf(text)).toMatch(expected);
  });
});
