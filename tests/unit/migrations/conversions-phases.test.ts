import { describe, expect, it } from 'vitest';
import { conversionFor, convertValue, describeConversion } from '../../../src/migrations/conversions.js';
import { inverseOf, isReversible, splitPhases, toDraft } from '../../../src/migrations/phases.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import type { Conversion, MigrationStep, OperationStep } from '../../../src/migrations/types.js';
import type { Column } from '../../../src/model/index.js';
import { col, db, idx, op, stepsBetween, table } from './helpers.js';

describe('conversionFor', () => {
  const arr = { array: true };
  const cases: [string, Column, Column, Conversion][] = [
    ['integer → float', col.integer('v'), col.float('v'), 'integer_to_float'],
    ['integer[] → float[]', col.integer('v', arr), col.float('v', arr), 'integer_to_float'],
    ['float → integer', col.float('v'), col.integer('v'), 'custom'],
    ['string(50) → string(100)', col.string('v', 50), col.string('v', 100), 'identity'],
    ['string(100) → string(50)', col.string('v', 100), col.string('v', 50), 'custom'],
    ['string(50) → varchar(50)', col.string('v', 50), col.varchar('v', 50), 'identity'],
    ['varchar(100) → string(50)', col.varchar('v', 100), col.string('v', 50), 'custom'],
    ['varchar(50) → text', col.varchar('v', 50), col.text('v'), 'identity'],
    ['varchar(20000) → text', col.varchar('v', 20_000), col.text('v'), 'custom'],
    ['text → mediumtext', col.text('v'), { ...col.text('v'), type: 'mediumtext' } as Column, 'identity'],
    ['mediumtext → text', { ...col.text('v'), type: 'mediumtext' } as Column, col.text('v'), 'custom'],
    ['longtext → varchar(100)', { ...col.text('v'), type: 'longtext' } as Column, col.varchar('v', 100), 'custom'],
    ['varchar → encrypted varchar', col.varchar('v', 64), col.varchar('v', 64, { encrypt: true }), 'identity'],
    ['enum → varchar(255)', col.enum('v', ['a']), col.varchar('v', 255), 'identity'],
    ['enum → varchar(100)', col.enum('v', ['a']), col.varchar('v', 100), 'custom'],
    ['enum → text', col.enum('v', ['a']), col.text('v'), 'identity'],
    ['email → varchar(254)', col.email('v'), col.varchar('v', 254), 'identity'],
    ['email → varchar(100)', col.email('v'), col.varchar('v', 100), 'custom'],
    ['url → text', col.url('v'), col.text('v'), 'identity'],
    ['url → varchar(255)', col.url('v'), col.varchar('v', 255), 'custom'],
    ['varchar → email', col.varchar('v', 100), col.email('v'), 'custom'],
    ['varchar → enum', col.varchar('v', 10), col.enum('v', ['a']), 'custom'],
    ['integer → varchar(32)', col.integer('v'), col.varchar('v', 32), 'to_text'],
    ['integer → varchar(20)', col.integer('v'), col.varchar('v', 20), 'custom'],
    ['float → text', col.float('v'), col.text('v'), 'to_text'],
    ['boolean → varchar(32)', col.boolean('v'), col.varchar('v', 32), 'to_text'],
    ['datetime → varchar(64)', col.datetime('v'), col.varchar('v', 64), 'to_text'],
    ['integer[] → varchar(32)[]', col.integer('v', arr), col.varchar('v', 32, arr), 'to_text'],
    ['integer → email', col.integer('v'), col.email('v'), 'custom'],
    ['integer → boolean', col.integer('v'), col.boolean('v'), 'custom'],
    ['boolean → integer', col.boolean('v'), col.integer('v'), 'custom'],
    ['datetime → integer', col.datetime('v'), col.integer('v'), 'custom'],
    ['integer → integer[]', col.integer('v'), col.integer('v', arr), 'value_to_array'],
    ['varchar(10) → varchar(20)[]', col.varchar('v', 10), col.varchar('v', 20, arr), 'value_to_array'],
    ['varchar(20) → varchar(10)[]', col.varchar('v', 20), col.varchar('v', 10, arr), 'custom'],
    ['integer → float[]', col.integer('v'), col.float('v', arr), 'custom'],
    ['integer[] → integer', col.integer('v', arr), col.integer('v'), 'custom'],
    // Lossless only when the new column accepts every value the old one can hold.
    ['enum(a,b) → enum(a,b,c)[]', col.enum('v', ['a', 'b']), col.enum('v', ['a', 'b', 'c'], arr), 'value_to_array'],
    ['enum(a,b) → enum(a)[]', col.enum('v', ['a', 'b']), col.enum('v', ['a'], arr), 'custom'],
    ['integer(0..10) → integer[]', col.integer('v', { min: 0, max: 10 }), col.integer('v', arr), 'value_to_array'],
    ['integer → integer(0..10)[]', col.integer('v'), col.integer('v', { ...arr, min: 0, max: 10 }), 'custom'],
    ['integer(0..10) → float(0..5)', col.integer('v', { min: 0, max: 10 }), col.float('v', { min: 0, max: 5 }), 'custom'],
    ['integer(0..10) → float(-1..10)', col.integer('v', { min: 0, max: 10 }), col.float('v', { min: -1, max: 10 }), 'integer_to_float'],
    ['float(0..1) → float[]', col.float('v', { min: 0, max: 1 }), col.float('v', arr), 'value_to_array'],
  ];
  it.each(cases)('%s', (_what, from, to, expected) => {
    expect(conversionFor(from, to)).toBe(expected);
  });
});

describe('convertValue / describeConversion', () => {
  it.each([
    ['identity', 'Ann', 'Ann'],
    ['identity', ['a', 'b'], ['a', 'b']],
    ['integer_to_float', 42, 42],
    ['to_text', 42, '42'],
    ['to_text', -1.5, '-1.5'],
    ['to_text', true, 'true'],
    ['to_text', '2026-12-01T16:24:23.000+00:00', '2026-12-01T16:24:23.000+00:00'],
    ['to_text', [1, 2], ['1', '2']],
    ['value_to_array', 'a', ['a']],
    ['value_to_array', 0, [0]],
    ['identity', null, null],
    ['to_text', null, null],
    ['value_to_array', null, null],
    ['value_to_array', undefined, null],
  ] as const)('%s(%j) = %j', (conversion, value, expected) => {
    expect(convertValue(conversion, value)).toEqual(expected);
  });

  it('describes every conversion differently', () => {
    const all: Conversion[] = ['identity', 'integer_to_float', 'to_text', 'value_to_array', 'custom'];
    const texts = all.map(describeConversion);
    expect(new Set(texts).size).toBe(all.length);
    expect(describeConversion('custom')).toMatch(/data migration/);
  });
});

const copy = (id: string): MigrationStep => ({ kind: 'copy_column', id, risk: 'safe', summary: id, table: 't', from: 'a', to: 'b', conversion: 'identity' });
const create = (key: string): MigrationStep => op({ kind: 'create_column', id: `create:${key}`, table: 't', column: col.integer(key) });
const remove = (key: string): MigrationStep => op({ kind: 'delete_column', id: `delete:${key}`, risk: 'destructive', table: 't', key, previous: col.integer(key) });
const database = op({ kind: 'create_database', id: 'db', database: 'd', name: 'D', enabled: true });

describe('splitPhases', () => {
  type Shape = string;
  const shape = (steps: MigrationStep[]): Shape[] =>
    splitPhases(steps).map((p) => (p.kind === 'copy' ? `copy ${p.step.id}` : `${p.irreversible ? 'irreversible' : 'reversible'} ${p.operations.map((o) => o.id).join(',')}`));
  it.each([
    ['nothing', [], []],
    ['reversible steps only: one phase', [database, create('a'), create('b')], ['reversible db,create:a,create:b']],
    ['a copy step is a phase of its own', [create('a'), copy('c1'), create('b')], ['reversible create:a', 'copy c1', 'reversible create:b']],
    ['the first irreversible step starts a phase', [create('a'), remove('x'), create('b')], ['reversible create:a', 'irreversible delete:x,create:b']],
    ['irreversible first', [remove('x'), create('a')], ['irreversible delete:x,create:a']],
    ['expand / copy / contract', [create('a'), copy('c1'), remove('x'), create('b'), copy('c2'), create('c')],
      ['reversible create:a', 'copy c1', 'irreversible delete:x,create:b', 'copy c2', 'irreversible create:c']],
    ['consecutive copies', [copy('c1'), copy('c2')], ['copy c1', 'copy c2']],
  ] as [string, MigrationStep[], Shape[]][])('%s', (_what, steps, expected) => {
    expect(shape(steps)).toEqual(expected);
  });

  it('orders each phase as a dependency graph (creates wait for their table)', () => {
    const steps = stepsBetween(undefined, db([table('t', [col.integer('a')], [idx('i', ['a'])])]));
    const [phase] = splitPhases([...steps].reverse());
    if (phase?.kind !== 'operations') throw new Error('expected operations');
    expect(phase.operations.map((o) => o.kind)).toEqual(['create_database', 'create_table', 'create_column', 'create_index']);
    expect(phase.operations.find((o) => o.kind === 'create_index')?.after).toEqual(['create_column:t.a', 'create_table:t']);
  });

  it('hands the executor plain operations: acknowledged and preservedIn dropped, missing lists defaulted', () => {
    const step = { kind: 'delete_column', id: 'd', risk: 'destructive', summary: 's', table: 't', key: 'a', previous: col.integer('a'), acknowledged: 'ok', preservedIn: 'b' } as unknown as OperationStep;
    const draft = toDraft(step) as unknown as Record<string, unknown>;
    expect(draft).not.toHaveProperty('acknowledged');
    expect(draft).not.toHaveProperty('preservedIn');
    expect([draft.reasons, draft.hazards]).toEqual([[], []]);
  });
});

describe('inverseOf', () => {
  const before = db([table('t', [col.string('a', 10), col.integer('n'), col.enum('e', ['x'])], [idx('by_n', ['n'])])]);
  const variants = {
    create_table: db([...before.tables, table('u', [])]),
    update_table: db([table('t', before.tables[0]!.columns, before.tables[0]!.indexes, { name: 'Tee', rowSecurity: true, permissions: ['read("any")'] })]),
    create_column: db([table('t', [...before.tables[0]!.columns, col.boolean('b')], before.tables[0]!.indexes)]),
    update_column: db([table('t', [col.string('a', 20), col.integer('n'), col.enum('e', ['x', 'y'])], before.tables[0]!.indexes)]),
    rename_column: db([table('t', [col.string('z', 10, { renamedFrom: 'a' }), col.integer('n'), col.enum('e', ['x'])], before.tables[0]!.indexes)]),
    create_index: db([table('t', before.tables[0]!.columns, [...before.tables[0]!.indexes, idx('by_a', ['a'])])]),
    delete_index: db([table('t', before.tables[0]!.columns, [])]),
  } as const;
  it.each(Object.entries(variants))('undoes %s exactly (replaying the step then its inverse gives the start back)', (kind, after) => {
    const steps = stepsBetween(before, after).filter((s) => s.kind === kind) as OperationStep[];
    expect(steps.length).toBeGreaterThan(0);
    const forward = replaySteps(before, steps, 'forward');
    const inverses = [...steps].reverse().map((s) => inverseOf(s));
    for (const inverse of inverses) expect(inverse).toMatchObject({ risk: 'safe', id: expect.stringMatching(/^undo:/) });
    const back = replaySteps(forward, inverses as MigrationStep[], 'back');
    expect(back).toEqual(before);
    for (const s of steps) expect(isReversible(s)).toBe(true);
  });

  it.each([
    ['delete_table', db(before.tables.slice(1), { removedTables: ['t'] })],
    ['delete_column', db([table('t', before.tables[0]!.columns.slice(0, 2), before.tables[0]!.indexes)])],
    ['replace_column', db([table('t', [col.string('a', 10), col.float('n'), col.enum('e', ['x'])], before.tables[0]!.indexes)])],
  ] as const)('has no inverse for %s (the data cannot come back)', (kind, after) => {
    const step = stepsBetween(before, after).find((s) => s.kind === kind) as OperationStep;
    expect(inverseOf(step)).toBeUndefined();
    expect(isReversible(step)).toBe(false);
  });

  it('never undoes the database itself, which does not end the reversible part either', () => {
    const [createDb] = stepsBetween(undefined, before) as OperationStep[];
    const updateDb = stepsBetween(before, { ...before, name: 'Other' })[0] as OperationStep;
    expect([inverseOf(createDb!), inverseOf(updateDb)]).toEqual([undefined, undefined]);
    expect([isReversible(createDb!), isReversible(updateDb), isReversible(copy('c'))]).toEqual([true, true, true]);
  });
});
