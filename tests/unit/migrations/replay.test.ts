import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/diff/index.js';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import { buildCatalog } from '../../../src/migrations/catalog.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import { readMigrationsDir } from '../../../src/migrations/source.js';
import type { MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { ROOT } from '../../helpers/cli.js';
import { caught, col, db, idx, op, stepsBetween, table } from './helpers.js';

const base = db([
  table('people', [col.string('name', 64), col.email('email'), col.integer('age')], [idx('by_name', ['name', 'email']), idx('by_age', ['age'])]),
]);

/** Replaying the plan's own operations reaches the plan's target. */
const reaches = (from: Database | undefined, to: Database): void => {
  const replayed = replaySteps(from, stepsBetween(from, to), 'test');
  expect(replayed).toBeDefined();
  expect(diff(replayed, to).operations.map((op) => op.id)).toEqual([]);
  expect(replayed?.tables.map((t) => t.id)).toEqual(to.tables.map((t) => t.id));
};

describe('replaySteps: each step kind', () => {
  const cases: { what: string; from: Database | undefined; to: Database; kinds: string[] }[] = [
    { what: 'create_database and create_table/column/index from nothing', from: undefined, to: base, kinds: ['create_database', 'create_table', 'create_column', 'create_index'] },
    { what: 'update_database', from: base, to: { ...base, name: 'Renamed', enabled: false }, kinds: ['update_database'] },
    { what: 'update_table', from: base, to: db([{ ...base.tables[0]!, name: 'Persons', rowSecurity: true, permissions: ['read("any")'] }]), kinds: ['update_table'] },
    { what: 'delete_table', from: db([...base.tables, table('gone', [])]), to: db(base.tables, { removedTables: ['gone'] }), kinds: ['delete_table'] },
    { what: 'update_column', from: base, to: db([table('people', [col.string('name', 128), col.email('email'), col.integer('age', { min: 0 })], base.tables[0]!.indexes)]), kinds: ['update_column'] },
    {
      what: 'rename_column (indexes follow the new key)', from: base,
      to: db([table('people', [col.string('full_name', 64, { renamedFrom: 'name' }), col.email('email'), col.integer('age')], [idx('by_name', ['full_name', 'email']), idx('by_age', ['age'])])]),
      kinds: ['rename_column'],
    },
    { what: 'delete_column', from: base, to: db([table('people', [col.string('name', 64), col.email('email')], [idx('by_name', ['name', 'email'])])]), kinds: ['delete_column'] },
    { what: 'replace_column', from: base, to: db([table('people', [col.string('name', 64), col.email('email'), col.float('age')], [idx('by_name', ['name', 'email']), idx('by_age', ['age'])])]), kinds: ['replace_column'] },
    { what: 'delete_index', from: base, to: db([table('people', base.tables[0]!.columns, [idx('by_name', ['name', 'email'])])]), kinds: ['delete_index'] },
  ];
  it.each(cases)('$what', ({ from, to, kinds }) => {
    const steps = stepsBetween(from, to);
    for (const kind of kinds) expect(steps.map((s) => s.kind)).toContain(kind);
    reaches(from, to);
  });

  it('copy_column checks both columns and changes nothing', () => {
    const copy: MigrationStep = { kind: 'copy_column', id: 'c', risk: 'safe', summary: 's', table: 'people', from: 'age', to: 'name', conversion: 'to_text' };
    expect(replaySteps(base, [copy], 'test')).toEqual(base);
    expect(caught(() => replaySteps(base, [{ ...copy, to: 'nope' }], 'f')).message).toContain('column people.nope does not exist');
  });

  it('keeps tables sorted by id and permissions sorted whatever order they are created in', () => {
    const steps = stepsBetween(undefined, db([table('b', []), table('a', [], [], { permissions: ['read("z")', 'create("a")'] })]));
    const replayed = replaySteps(undefined, [...steps].reverse().sort((x, y) => (x.kind === 'create_database' ? -1 : y.kind === 'create_database' ? 1 : 0)), 't');
    expect(replayed?.tables.map((t) => t.id)).toEqual(['a', 'b']);
    expect(replayed?.tables[0]?.permissions).toEqual(['create("a")', 'read("z")']);
  });
});

describe('replaySteps: deleting a column takes it out of indexes', () => {
  it.each([
    ['drops the column from a multi-column index, keeping orders and lengths aligned', 'name', [['by_email_name', ['email'], ['desc'], [10]], ['by_age', ['age'], ['asc'], [null]]]],
    ['drops an index that is left with no column', 'age', [['by_email_name', ['email', 'name'], ['desc', 'asc'], [10, 20]]]],
  ] as const)('%s', (_what, key, expected) => {
    const start = db([table('people', base.tables[0]!.columns, [
      idx('by_email_name', ['email', 'name'], 'key', { orders: ['desc', 'asc'], lengths: [10, 20] }), idx('by_age', ['age']),
    ])]);
    const column = start.tables[0]!.columns.find((c) => c.key === key)!;
    const after = replaySteps(start, [op({ kind: 'delete_column', id: 'd', risk: 'destructive', summary: 's', table: 'people', key, previous: column })], 't');
    expect(after?.tables[0]?.indexes.map((i) => [i.key, i.columns, i.orders, i.lengths])).toEqual(expected);
  });
});

describe('replaySteps: a step that does not fit is an error naming the file and step', () => {
  const at = (steps: MigrationStep[], start: Database | null = base): string => {
    const error = caught(() => replaySteps(start ?? undefined, steps, 'migrations/0003_x.yaml'));
    expect(error.details.rule).toBe('migration-replay');
    expect(error.message).toMatch(/^migrations\/0003_x\.yaml: step \S+ cannot be replayed: /);
    return error.message;
  };
  const createCol = (key: string, tableId = 'people'): MigrationStep => op({ kind: 'create_column', id: `cc:${key}`, risk: 'safe', summary: 's', table: tableId, column: col.integer(key) });
  it.each([
    ['a second create_database', () => at(stepsBetween(undefined, base).slice(0, 1)), 'database console-db already exists'],
    ['a step before the database exists', () => at([createCol('x')], null), 'the database does not exist yet'],
    ['a table created twice', () => at(stepsBetween(undefined, base).filter((s) => s.kind === 'create_table')), 'table people already exists'],
    ['a column on a missing table', () => at([createCol('x', 'ghosts')]), 'table ghosts does not exist'],
    ['a column created twice', () => at([createCol('age')]), 'column people.age already exists'],
    ['a rename of a missing key', () => at([op({ kind: 'rename_column', id: 'r', risk: 'safe', summary: 's', table: 'people', from: 'nick', to: 'alias', current: col.string('nick') })]), 'column people.nick does not exist'],
    ['a rename onto a taken key', () => at([op({ kind: 'rename_column', id: 'r', risk: 'safe', summary: 's', table: 'people', from: 'name', to: 'email', current: col.string('name') })]), 'column people.email already exists'],
    ['an update of a missing column', () => at([op({ kind: 'update_column', id: 'u', risk: 'safe', summary: 's', table: 'people', key: 'x', column: col.integer('x'), previous: col.integer('x'), changes: [] })]), 'column people.x does not exist'],
    ['a delete of a missing column', () => at([op({ kind: 'delete_column', id: 'd', risk: 'destructive', summary: 's', table: 'people', key: 'x', previous: col.integer('x') })]), 'column people.x does not exist'],
    ['a replace onto another existing key', () => at([op({ kind: 'replace_column', id: 'p', risk: 'destructive', summary: 's', table: 'people', key: 'age', previous: col.integer('age'), column: col.float('name'), replaced: ['type'] })]), 'column people.name already exists'],
    ['an index created twice', () => at([op({ kind: 'create_index', id: 'i', risk: 'safe', summary: 's', table: 'people', index: idx('by_age', ['age']) })]), 'index people.by_age already exists'],
    ['a delete of a missing index', () => at([op({ kind: 'delete_index', id: 'i', risk: 'destructive', summary: 's', table: 'people', key: 'nope', previous: idx('nope', ['age']) })]), 'index people.nope does not exist'],
    ['a delete of a missing table', () => at([op({ kind: 'delete_table', id: 't', risk: 'destructive', summary: 's', table: 'ghosts', name: 'G', columnCount: 0 })]), 'table ghosts does not exist'],
  ] as const)('%s', (_what, run, reason) => {
    expect(run()).toContain(reason);
  });
});

describe('the shipped migrations', () => {
  it('replay to exactly the loaded schema/', async () => {
    const loaded = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
    expect(loaded.problems).toEqual([]);
    const desired = loaded.model as Database;
    const catalog = buildCatalog(await readMigrationsDir(path.join(ROOT, 'migrations')));
    expect(catalog.migrations.slice(0, 2).map((m) => [m.file.file, m.file.kind])).toEqual([['0001_initial.yaml', 'schema'], ['0002_normalize_customer_emails.ts', 'data']]);
    expect(catalog.replayed?.tables.map((t) => t.id)).toEqual(desired.tables.map((t) => t.id));
    expect(diff(catalog.replayed, desired).operations.map((op) => op.summary)).toEqual([]);
    for (const t of desired.tables) {
      const replayedTable = catalog.replayed?.tables.find((r) => r.id === t.id);
      expect(replayedTable?.columns.map((c) => c.key).sort()).toEqual(t.columns.map((c) => c.key).sort());
      expect(replayedTable?.indexes.map((i) => i.key).sort()).toEqual(t.indexes.map((i) => i.key).sort());
    }
  });
});
