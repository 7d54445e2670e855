import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/diff/index.js';
import { applyMigrations } from '../../../src/migrations/runner.js';
import type { MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { FakeTarget } from './fake-target.js';
import { catalogOf, col, db, idx, op, schemaFile, stepsBetween, table } from './helpers.js';

const v1 = db([table('people', [col.string('name', 64)])]);
const v2 = db([table('people', [col.string('name', 64), col.integer('age')], [idx('by_age', ['age'])]), table('notes', [col.text('body')])]);
const later: MigrationStep[] = [
  op({ kind: 'create_column', id: 'create_column:people.a', table: 'people', column: col.varchar('a', 10) }),
  op({ kind: 'create_column', id: 'create_column:people.b', table: 'people', column: col.varchar('b', 10) }),
  { kind: 'copy_column', id: 'copy_column:people.a', risk: 'safe', summary: 'copy a', table: 'people', from: 'a', to: 'b', conversion: 'identity' },
  op({ kind: 'create_index', id: 'create_index:people.by_a', table: 'people', index: idx('by_a', ['a']) }),
  op({ kind: 'delete_column', id: 'delete_column:people.age', risk: 'destructive', table: 'people', key: 'age', previous: col.integer('age'), acknowledged: 'unused' }),
  op({ kind: 'create_column', id: 'create_column:people.c', table: 'people', column: col.integer('c') }),
];
const catalog = catalogOf([
  schemaFile('0001', 'initial', { database: 'console-db', steps: stepsBetween(undefined, v1), prechecks: [] }),
  schemaFile('0002', 'more', { database: 'console-db', steps: stepsBetween(v1, v2), prechecks: [] }),
  { name: '0003_data.ts', content: 'export async function up(ctx) {}\n' },
  schemaFile('0004', 'later', { database: 'console-db', steps: later, prechecks: [] }),
]);
const desired = catalog.replayed as Database;
const failable = [
  ...catalog.migrations.flatMap((m) => m.schema?.steps.map((s) => s.id) ?? []),
  ...catalog.migrations.flatMap((m) => m.schema?.steps.map((s) => `undo:${s.id}`) ?? []),
  'data:0003_data.ts',
];

describe('applyMigrations: properties', () => {
  it('converges under transient faults: repeated applies finish every migration exactly once, with or without rollback', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...failable), { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        async (failing, rollbacks) => {
          const target = new FakeTarget();
          for (const id of failing) target.failOnce(id);
          let runs = 0;
          for (; runs < rollbacks.length; runs += 1) {
            const report = await applyMigrations(catalog, desired, target, {
              rollback: rollbacks[runs] ?? true, allowDestructive: true, lease: { ttlMs: 60_000, lockTimeoutMs: 0, pollMs: 5 }, toolVersion: 't', appliedBy: 'p',
            });
            if (report.outcomes.every((o) => o.status === 'applied')) {
              expect(report.drift).toBeUndefined();
              break;
            }
          }
          expect(runs).toBeLessThan(rollbacks.length);
          expect([...target.store.history.values()].map((e) => `${e.version} ${e.status}`)).toEqual(['1 applied', '2 applied', '3 applied', '4 applied']);
          expect(diff(target.model, desired).operations).toEqual([]);
          expect(target.log.filter((l) => l === 'data up 0003_data.ts')).toHaveLength(1);
        },
      ),
      { seed: 20261201, numRuns: 150 },
    );
  });
});
