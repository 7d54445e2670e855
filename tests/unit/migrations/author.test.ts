import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/diff/index.js';
import { authorMigration } from '../../../src/migrations/author.js';
import type { Migration } from '../../../src/migrations/catalog.js';
import { gatesFor } from '../../../src/migrations/gates.js';
import { isReversible } from '../../../src/migrations/phases.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import { formatSchemaMigration, parseSchemaMigration } from '../../../src/migrations/schema-file.js';
import type { CopyColumnStep, MigrationStep, OperationStep, SchemaMigration } from '../../../src/migrations/types.js';
import type { Column, Database } from '../../../src/model/index.js';
import { col, db, idx, table } from './helpers.js';

const people = (...columns: Column[]): Database => db([table('people', [col.string('name', 64, { required: true }), ...columns])]);
const kinds = (steps: readonly MigrationStep[]): string[] => steps.map((s) => s.kind);
const replayEquals = (from: Database | undefined, steps: readonly MigrationStep[], desired: Database): void => {
  const replayed = replaySteps(from, steps, 'authored');
  expect(diff(replayed, desired).operations.map((op) => op.summary)).toEqual([]);
};
/** Gates that `apply` would raise for the authored file as written (no --allow-destructive). */
const gates = (migration: SchemaMigration): string[] => {
  const m: Migration = {
    file: { version: 2, name: 'x', file: '0002_x.yaml', kind: 'schema', content: '', checksum: '' },
    schema: migration, stepLines: migration.steps.map((_, i) => i + 1), after: undefined,
  };
  return gatesFor(m, { allowDestructive: false }).map((g) => `${g.rule} ${g.message}`);
};
const schemaOf = (from: Database | undefined, to: Database): SchemaMigration => {
  const authored = authorMigration(from, to);
  if (authored.kind !== 'schema') throw new Error(`expected a schema migration, got ${authored.kind}`);
  return authored.migration;
};

describe('authorMigration: plain changes', () => {
  it('has nothing to write when the replay equals the schema', () => {
    expect(authorMigration(people(col.integer('age')), people(col.integer('age')))).toEqual({ kind: 'nothing' });
  });

  it('writes the whole schema from nothing, starting with the database', () => {
    const desired = people(col.integer('age'));
    const migration = schemaOf(undefined, desired);
    expect(kinds(migration.steps)).toEqual(['create_database', 'create_table', 'create_column', 'create_column']);
    replayEquals(undefined, migration.steps, desired);
  });

  it('writes an additive change as safe steps with no `after` left in them', () => {
    const before = people();
    const desired = db([table('people', [col.string('name', 64, { required: true }), col.integer('age')], [idx('by_age', ['age'])])]);
    const migration = schemaOf(before, desired);
    expect(kinds(migration.steps)).toEqual(['create_column', 'create_index']);
    expect(migration.steps.every((s) => s.risk === 'safe' && !('after' in s))).toBe(true);
    expect(gates(migration)).toEqual([]);
    replayEquals(before, migration.steps, desired);
  });

  it('writes a renamedFrom as a rename that keeps the data', () => {
    const before = people(col.string('nick', 32));
    const desired = people(col.string('alias', 32, { renamedFrom: 'nick' }));
    const migration = schemaOf(before, desired);
    expect(migration.steps.map((s) => s.id)).toEqual(['rename_column:people.nick']);
    replayEquals(before, migration.steps, desired);
  });

  it('widens a varchar in place (no expand / copy / contract)', () => {
    const migration = schemaOf(people(col.varchar('note', 50)), people(col.varchar('note', 100)));
    expect(kinds(migration.steps)).toEqual(['update_column']);
  });

  it('puts reversible steps before irreversible ones', () => {
    const before = db([table('people', [col.string('a', 10), col.integer('gone')], [idx('by_gone', ['gone'])])]);
    const desired = db([table('people', [col.integer('added')], [idx('by_added', ['added'])]), table('zzz', [col.boolean('on')])]);
    const steps = schemaOf(before, desired).steps;
    const firstIrreversible = steps.findIndex((s) => !isReversible(s));
    expect(steps.slice(0, firstIrreversible).map((s) => s.id)).toEqual([
      'create_table:zzz', 'delete_index:people.by_gone', 'create_column:people.added', 'create_column:zzz.on', 'create_index:people.by_added',
    ]);
    expect(steps.slice(firstIrreversible).map((s) => s.id)).toEqual(['delete_column:people.a', 'delete_column:people.gone']);
    replayEquals(before, steps, desired);
  });
});

describe('authorMigration: a lossless type change goes through expand / copy / contract', () => {
  const cases: { what: string; from: Column; to: Column; conversion: CopyColumnStep['conversion'] }[] = [
    { what: 'integer → float', from: col.integer('v', { required: true }), to: col.float('v', { required: true }), conversion: 'integer_to_float' },
    { what: 'varchar(50) → text', from: col.varchar('v', 50), to: col.text('v'), conversion: 'identity' },
    // string(50) → varchar(100) is no type change: Appwrite stores both as VARCHAR, so it is an in-place update.
    { what: 'enum → varchar(255)', from: col.enum('v', ['a', 'b']), to: col.varchar('v', 255), conversion: 'identity' },
    { what: 'integer → integer[]', from: col.integer('v'), to: col.integer('v', { array: true }), conversion: 'value_to_array' },
    { what: 'varchar → encrypted varchar', from: col.varchar('v', 64), to: col.varchar('v', 64, { encrypt: true }), conversion: 'identity' },
    { what: 'integer → varchar(32)', from: col.integer('v', { required: true }), to: col.varchar('v', 32, { required: true }), conversion: 'to_text' },
  ];
  it.each(cases)('$what', ({ from, to, conversion }) => {
    const before = db([table('people', [col.string('name', 64), from], [idx('by_v', ['v']), idx('by_name_v', ['name', 'v'], 'unique'), idx('by_name', ['name'])])]);
    const desired = db([table('people', [col.string('name', 64), to], [idx('by_v', ['v']), idx('by_name_v', ['name', 'v'], 'unique'), idx('by_name', ['name'])])]);
    const migration = schemaOf(before, desired);
    const ids = migration.steps.map((s) => s.id);
    expect(ids).toEqual([
      'create_column:people.v_new',
      'copy_column:people.v',
      'delete_index:people.by_v',
      'delete_index:people.by_name_v',
      'delete_column:people.v',
      'rename_column:people.v_new',
      ...(from.required ? ['update_column:people.v'] : []),
      'create_index:people.by_v',
      'create_index:people.by_name_v',
    ]);
    expect(migration.steps.some((s) => s.kind === 'replace_column')).toBe(false);
    const scratch = migration.steps[0] as OperationStep & { column: Column };
    expect(scratch.column).toMatchObject({ key: 'v_new', type: to.type, required: false });
    const copy = migration.steps[1] as CopyColumnStep;
    expect(copy).toMatchObject({ from: 'v', to: 'v_new', conversion, risk: 'safe' });
    const contract = migration.steps.find((s) => s.kind === 'delete_column') as OperationStep;
    expect(contract.preservedIn).toBe('v_new');
    expect(contract.acknowledged).toMatch(/values were copied to v_new .*takes the key v/);
    for (const s of migration.steps.filter((x) => x.kind === 'delete_index')) expect((s as OperationStep).acknowledged).toMatch(/rebuilt/);
    // The file as written parses and passes the gates: nothing for the author to add.
    expect(parseSchemaMigration('f.yaml', formatSchemaMigration('0002', 'x', 'test', migration)).problems).toEqual([]);
    expect(gates(migration)).toEqual([]);
    replayEquals(before, migration.steps, desired);
  });

  it('picks a scratch key that is free', () => {
    const before = people(col.integer('v'), col.string('v_new', 10));
    const desired = people(col.float('v'), col.string('v_new', 10));
    const migration = schemaOf(before, desired);
    expect((migration.steps.find((s) => s.kind === 'copy_column') as CopyColumnStep).to).toBe('v_new1');
    replayEquals(before, migration.steps, desired);
  });

  it('picks a scratch key that the schema does not take for a new column either', () => {
    const before = people(col.integer('v'));
    const desired = people(col.float('v'), col.string('v_new', 10));
    const migration = schemaOf(before, desired);
    expect(migration.steps.map((s) => s.id)).toEqual([
      'create_column:people.v_new1', 'create_column:people.v_new', 'copy_column:people.v', 'delete_column:people.v', 'rename_column:people.v_new1',
    ]);
    expect(gates(migration)).toEqual([]);
    replayEquals(before, migration.steps, desired);
  });

  it('renames and converts a column in one change', () => {
    const before = people(col.integer('a'));
    const desired = people(col.float('b', { renamedFrom: 'a' }));
    const migration = schemaOf(before, desired);
    expect(migration.steps.map((s) => s.id)).toEqual(['create_column:people.b_new', 'copy_column:people.a', 'delete_column:people.a', 'rename_column:people.b_new']);
    expect(migration.steps[1]).toMatchObject({ from: 'a', to: 'b_new', conversion: 'integer_to_float' });
    replayEquals(before, migration.steps, desired);
  });

  it('runs unrelated reversible changes with the expand steps, before the first irreversible step', () => {
    const before = db([table('people', [col.integer('v'), col.varchar('note', 10), col.integer('old')], [idx('by_note', ['note'])])]);
    const desired = db([
      table('people', [col.float('v'), col.varchar('note', 20), col.boolean('flag')], [idx('by_flag', ['flag'])]),
      table('zzz', [col.integer('n')]),
    ]);
    const steps = schemaOf(before, desired).steps;
    const firstIrreversible = steps.findIndex((s) => !isReversible(s));
    expect(steps.slice(0, firstIrreversible).map((s) => s.id)).toEqual([
      'create_column:people.v_new',
      'create_table:zzz', 'delete_index:people.by_note', 'create_column:people.flag', 'create_column:zzz.n', 'update_column:people.note', 'create_index:people.by_flag',
      'copy_column:people.v',
    ]);
    expect(steps.slice(firstIrreversible).map((s) => s.id)).toEqual(['delete_column:people.v', 'rename_column:people.v_new', 'delete_column:people.old']);
    replayEquals(before, steps, desired);
  });

  it('keeps unrelated changes and converts every changed column of the table', () => {
    const before = db([table('people', [col.integer('a'), col.integer('b')]), table('other', [col.integer('x')])]);
    const desired = db([table('people', [col.float('a'), col.varchar('b', 40)]), table('other', [col.integer('x'), col.boolean('y')])]);
    const migration = schemaOf(before, desired);
    expect(migration.steps.filter((s) => s.kind === 'copy_column').map((s) => [(s as CopyColumnStep).from, (s as CopyColumnStep).conversion]))
      .toEqual([['a', 'integer_to_float'], ['b', 'to_text']]);
    expect(gates(migration)).toEqual([]);
    replayEquals(before, migration.steps, desired);
  });
});

describe('authorMigration: a lossy type change needs the author\'s conversion', () => {
  it('writes expand, a conversion to complete and contract (varchar → integer)', () => {
    const before = people(col.varchar('code', 20, { required: true }));
    const desired = people(col.integer('code', { required: true }));
    const authored = authorMigration(before, desired);
    if (authored.kind !== 'custom_conversion') throw new Error(authored.kind);
    expect(kinds(authored.expand.steps)).toEqual(['create_column']);
    expect(authored.conversions).toEqual([{ table: 'people', from: before.tables[0]!.columns[1], to: desired.tables[0]!.columns[1], scratchKey: 'code_new' }]);
    expect(authored.contract.steps.map((s) => s.id)).toEqual(['delete_column:people.code', 'rename_column:people.code_new', 'update_column:people.code']);
    expect((authored.contract.steps[0] as OperationStep).preservedIn).toBe('code_new');
    expect(gates(authored.expand)).toEqual([]);
    expect(gates(authored.contract)).toEqual([]);
    const expanded = replaySteps(before, authored.expand.steps, 'expand');
    replayEquals(expanded, authored.contract.steps, desired);
  });

  it('puts unrelated reversible changes in the expand migration', () => {
    const before = people(col.varchar('code', 20));
    const desired = db([table('people', [col.string('name', 64, { required: true }), col.integer('code'), col.boolean('flag')]), table('zzz', [])]);
    const authored = authorMigration(before, desired);
    if (authored.kind !== 'custom_conversion') throw new Error(authored.kind);
    expect(authored.expand.steps.map((s) => s.id)).toEqual(['create_column:people.code_new', 'create_table:zzz', 'create_column:people.flag']);
    expect(authored.contract.steps.map((s) => s.id)).toEqual(['delete_column:people.code', 'rename_column:people.code_new']);
    replayEquals(replaySteps(before, authored.expand.steps, 'expand'), authored.contract.steps, desired);
  });

  it('still copies the columns that convert losslessly in the same change', () => {
    const before = people(col.varchar('code', 20), col.integer('amount'));
    const desired = people(col.integer('code'), col.float('amount'));
    const authored = authorMigration(before, desired);
    if (authored.kind !== 'custom_conversion') throw new Error(authored.kind);
    expect(authored.conversions.map((c) => c.from.key)).toEqual(['code']);
    // amount's values must reach amount_new somewhere before the contract deletes amount.
    const copies = authored.expand.steps.filter((s): s is CopyColumnStep => s.kind === 'copy_column');
    expect(copies.map((c) => [c.from, c.to, c.conversion])).toEqual([['amount', 'amount_new', 'integer_to_float']]);
    expect(authored.expand.steps.findIndex((s) => s.kind === 'copy_column')).toBeGreaterThan(authored.expand.steps.findIndex((s) => s.id === 'create_column:people.amount_new'));
    const expanded = replaySteps(before, authored.expand.steps, 'expand');
    replayEquals(expanded, authored.contract.steps, desired);
  });
});
