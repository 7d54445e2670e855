import { describe, expect, it } from 'vitest';
import { assertCaptured, buildCatalog, uncaptured } from '../../../src/migrations/catalog.js';
import { toMigrationFiles } from '../../../src/migrations/source.js';
import { computeSum } from '../../../src/migrations/sum.js';
import { catalogOf, caught, col, db, schemaFile, stepsBetween, table } from './helpers.js';

const v1 = db([table('people', [col.string('name', 64)])]);
const v2 = db([table('people', [col.string('name', 64), col.integer('age')])]);
const file1 = schemaFile('0001', 'initial', { database: 'console-db', steps: stepsBetween(undefined, v1), prechecks: [] });
const file2 = schemaFile('0002', 'age', { database: 'console-db', steps: stepsBetween(v1, v2), prechecks: [] });

describe('buildCatalog', () => {
  it('replays every migration, keeping the model after each one', () => {
    const catalog = catalogOf([file1, { name: '0002_data.ts', content: 'export async function up() {}\n' }, { ...file2, name: '0003_age.yaml' }]);
    expect(catalog.migrations.map((m) => [m.file.version, m.after?.tables[0]?.columns.length])).toEqual([[1, 1], [2, 1], [3, 2]]);
    expect(catalog.migrations[1]?.schema).toBeUndefined();
    expect(catalog.migrations[2]?.stepLines).toEqual([7]); // four header lines, database, steps
    expect(catalog.replayed).toEqual(v2);
  });

  it('checks the sum file first, unless told not to', () => {
    const files = toMigrationFiles([file1]);
    expect(caught(() => buildCatalog({ dir: 'migrations', files, sum: undefined })).details.rule).toBe('migration-sum-missing');
    expect(buildCatalog({ dir: 'migrations', files, sum: undefined }, { verifySum: false }).replayed).toEqual(v1);
  });

  it('reports every problem of every file, located, in one error', () => {
    const files = toMigrationFiles([
      file1,
      { name: '0002_bad.yaml', content: 'database: console-db\nsteps:\n  - kind: nope\n' },
      { name: '0003_worse.yaml', content: 'steps: 3\n' },
    ]);
    const error = caught(() => buildCatalog({ dir: 'migrations', files, sum: computeSum(files) }));
    expect(error.message).toMatch(/^migrations have 3 problem\(s\):/);
    expect(error.message).toContain('migrations/0002_bad.yaml:3:11  migration-step-kind  unknown step kind "nope"');
    expect(error.message).toContain('migrations/0003_worse.yaml:1:1  migration-shape');
    expect(error.message).toContain('migrations/0003_worse.yaml:1:8  migration-shape  `steps` must be a list');
    expect((error.details.problems as unknown[]).length).toBe(3);
  });

  it('finds an inconsistent history offline: a step that does not fit the replay names its file', () => {
    const error = caught(() => catalogOf([file1, { ...file2, name: '0002_age.yaml' }, { ...file2, name: '0003_age_again.yaml' }]));
    expect(error.details.rule).toBe('migration-replay');
    expect(error.message).toMatch(/^migrations\/0003_age_again\.yaml: step create_column:people\.age cannot be replayed: column people\.age already exists/);
  });
});

describe('assertCaptured', () => {
  const catalog = catalogOf([file1]);
  it('passes when the migrations produce schema/', () => {
    expect(() => assertCaptured(catalog, v1)).not.toThrow();
    expect(uncaptured(catalog, v1).operations).toEqual([]);
  });

  it('refuses a schema/ change that no migration captures, saying to run migrate new', () => {
    const error = caught(() => assertCaptured(catalog, v2));
    expect(error.details).toMatchObject({ rule: 'schema-not-captured', operations: ['create_column:people.age'] });
    expect(error.message).toMatch(/schema\/ has 1 change\(s\) that no migration captures:\n {2}- create column age/);
    expect(error.message).toContain('crm-schema migrate new <name>');
  });

  it('lists at most five changes', () => {
    const wide = db([table('people', [col.string('name', 64), ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => col.integer(k))])]);
    const error = caught(() => assertCaptured(catalog, wide));
    expect(error.message.match(/^ {2}- /gm)).toHaveLength(5);
    expect(error.message).toContain('… and 2 more');
  });
});
