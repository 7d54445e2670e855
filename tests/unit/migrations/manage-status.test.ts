import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Catalog, Migration } from '../../../src/migrations/catalog.js';
import { baselineMigrations, undoMigrations, undoSteps, type ManageOptions } from '../../../src/migrations/manage.js';
import { applyMigrations } from '../../../src/migrations/runner.js';
import { migrationStatus } from '../../../src/migrations/status.js';
import type { HistoryEntry, MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { FakeTarget } from './fake-target.js';
import { catalogOf, caughtAsync, col, db, idx, op, schemaFile, stepsBetween, table } from './helpers.js';

const v1 = db([table('people', [col.string('name', 64)])]);
const v2 = db([table('people', [col.string('name', 64), col.integer('age')], [idx('by_age', ['age'])])]);
const v3 = db([table('people', [col.string('full_name', 64, { renamedFrom: 'name' }), col.integer('age')], [idx('by_age', ['age'])])]);
const v4 = db([table('people', [col.string('full_name', 64)], [])]);
/** The migration from one model to the next, every risky step acknowledged; `down` written by hand after it. */
const file = (version: string, name: string, from: Database | undefined, to: Database, down?: MigrationStep[]): { name: string; content: string } => {
  const steps = stepsBetween(from, to).map((s) => (s.risk === 'safe' ? s : { ...s, acknowledged: 'test' }));
  const written = schemaFile(version, name, { database: 'console-db', steps, prechecks: [] });
  return down === undefined ? written : { ...written, content: `${written.content}${stringify({ down })}` };
};
const files = [file('0001', 'initial', undefined, v1), file('0002', 'age', v1, v2), file('0003', 'rename', v2, v3)];
const dataWithDown = { name: '0004_data.ts', content: 'export async function up(ctx) {}\nexport async function down(ctx) {}\n' };
const dataWithoutDown = { name: '0004_data.ts', content: 'export async function up(ctx) {}\n// export async function down(ctx) {}\n' };
const manage: ManageOptions = { lease: { ttlMs: 60_000, lockTimeoutMs: 0, pollMs: 10 }, toolVersion: '9.9.9', appliedBy: 'tester' };
const run = { ...manage, rollback: true, allowDestructive: true };
const find = (catalog: Catalog, version: number): Migration => catalog.migrations.find((m) => m.file.version === version) as Migration;
const applied = async (catalog: Catalog): Promise<FakeTarget> => {
  const target = new FakeTarget();
  await applyMigrations(catalog, catalog.replayed as Database, target, run);
  return target;
};

describe('undoSteps', () => {
  const catalog = catalogOf([...files, dataWithDown]);
  it.each([
    ['a rename: renamed back', 3, ['rename_column:undo:rename_column:people.name:safe']],
    ['creates: deleted again newest first, deletes marked destructive', 2, ['delete_index:undo:create_index:people.by_age:safe', 'delete_column:undo:create_column:people.age:destructive']],
    ['the initial migration: tables deleted, the database kept', 1, ['delete_column:undo:create_column:people.name:destructive', 'delete_table:undo:create_table:people:destructive']],
    ['a data migration: through its own down()', 4, []],
  ])('%s', (_what, version, expected) => {
    const undo = undoSteps(find(catalog, version));
    if ('refused' in undo) throw new Error(undo.refused);
    expect(undo.steps.map((s) => `${s.kind}:${s.id}:${s.risk}`)).toEqual(expected);
  });

  it('refuses a migration with a step that cannot be undone, naming it', () => {
    const undo = undoSteps(find(catalogOf([...files, file('0004', 'drop_age', v3, v4)]), 4));
    expect(undo).toEqual({ refused: expect.stringMatching(/^step delete_column:people\.age \(.*\) cannot be undone without losing data; give the file a `down:` list/) as unknown });
  });

  it.each([
    ['export async function down(ctx) {}', true],
    ['export function down(ctx) {}', true],
    ['export const down = async (ctx) => {};', true],
    ['async function down() {}\nexport { up, down };', true],
    ['// export async function down(ctx) {}', false],
    ['export async function downgrade(ctx) {}', false],
    ['export const todo = "write down(ctx)";', false],
  ])('reads %j as defining down(): %s', (text, undoable) => {
    const undo = undoSteps(find(catalogOf([...files, { name: '0004_data.ts', content: `export async function up(ctx) {}\n${text}\n` }]), 4));
    expect('steps' in undo).toBe(undoable);
  });

  it('refuses a data migration that defines no down()', () => {
    expect(undoSteps(find(catalogOf([...files, dataWithoutDown]), 4))).toEqual({ refused: expect.stringContaining('down(ctx)') as unknown });
  });

  it('uses the file\'s own down: list when there is one', () => {
    const down = [op({ kind: 'create_column', id: 'bring_back', table: 'people', column: col.integer('age') })];
    const undo = undoSteps(find(catalogOf([...files, file('0004', 'drop_age', v3, v4, down)]), 4));
    expect(undo).toEqual({ steps: down });
  });
});

describe('undoMigrations', () => {
  it('undoes the newest migration by default and records it rolled_back; apply runs it again', async () => {
    const catalog = catalogOf(files);
    const target = await applied(catalog);
    expect(await undoMigrations(catalog, undefined, target, { ...manage, allowDestructive: false })).toEqual([3]);
    expect(target.model?.tables[0]?.columns.map((c) => c.key)).toEqual(['name', 'age']);
    expect(target.store.history.get(3)).toMatchObject({ status: 'rolled_back', appliedBy: 'tester' });
    const report = await applyMigrations(catalog, catalog.replayed as Database, target, run);
    expect(report.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['3 applied']);
  });

  it('undoes everything newer than --to, newest first, once deletes are approved', async () => {
    const catalog = catalogOf([...files, dataWithDown]);
    const target = await applied(catalog);
    const refused = await caughtAsync(() => undoMigrations(catalog, 1, target, { ...manage, allowDestructive: false }));
    expect([refused.code, refused.exitCode]).toEqual(['blocked', 3]);
    expect(refused.message).toMatch(/undoing 0002_age\.yaml deletes data .*--allow-destructive/);
    expect(target.log.filter((l) => l.startsWith('undo:') || l.startsWith('data down'))).toEqual([]);
    expect(await undoMigrations(catalog, 1, target, { ...manage, allowDestructive: true })).toEqual([4, 3, 2]);
    expect(target.log.slice(-4)).toEqual(['data down 0004_data.ts', 'undo:rename_column:people.name', 'undo:create_index:people.by_age', 'undo:create_column:people.age']);
    expect(target.model).toEqual(v1);
  });

  it.each([
    ['an irreversible schema migration', file('0004', 'drop_age', v3, v4), /cannot undo 0004_drop_age\.yaml: step delete_column/],
    ['a data migration without down()', dataWithoutDown, /cannot undo 0004_data\.ts: .*down\(ctx\)/],
  ])('refuses %s before undoing anything', async (_what, last, message) => {
    const catalog = catalogOf([...files, last]);
    const target = await applied(catalog);
    const before = target.log.length;
    const error = await caughtAsync(() => undoMigrations(catalog, 2, target, { ...manage, allowDestructive: true }));
    expect([error.code, error.exitCode]).toEqual(['blocked', 3]);
    expect(error.message).toMatch(message);
    expect(target.log.length).toBe(before);
    expect(target.store.history.get(3)?.status).toBe('applied');
  });
});

describe('baselineMigrations', () => {
  it('adopts a database that already has the schema: records the migrations up to the version, runs nothing', async () => {
    const catalog = catalogOf(files);
    const target = new FakeTarget(v2);
    expect(await baselineMigrations(catalog, 2, target, manage)).toBe(2);
    expect([...target.store.history.values()].map((e) => [e.version, e.status, e.appliedBy])).toEqual([[1, 'applied', 'tester (baseline)'], [2, 'applied', 'tester (baseline)']]);
    expect(target.log).toEqual([]);
    expect(target.store.leases.get('lease-000000001')?.expiresAt).toBe(new Date(0).toISOString());
    const report = await applyMigrations(catalog, v3, target, run);
    expect(report.outcomes.map((o) => o.version)).toEqual([3]);
  });

  it.each([
    ['a version with no file', 9, v2, [], 'usage', /there is no migration 9/],
    ['a database with history', 2, v2, [1], 'usage', /already has migration history/],
    ['a database that does not exist', 2, undefined, [], 'usage', /does not exist/],
    ['a database that is not at that version', 3, v2, [], 'schema_invalid', /not what migrations up to 0003_rename\.yaml produce \(\d+ difference/],
  ] as const)('refuses %s', async (_what, version, live, history, code, message) => {
    const catalog = catalogOf(files);
    const target = new FakeTarget(live);
    for (const v of history) {
      target.store.exists = true;
      target.store.history.set(v, { ...historyEntry(catalog, v) });
    }
    const error = await caughtAsync(() => baselineMigrations(catalog, version, target, manage));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(target.store.leases.size).toBe(0);
    expect(target.store.history.size).toBe(history.length);
  });
});

function historyEntry(catalog: Catalog, version: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  const m = catalog.migrations.find((x) => x.file.version === version)?.file;
  return {
    version, name: m?.name ?? 'gone', checksum: m?.checksum ?? 'sha256:0', status: 'applied', startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, toolVersion: '1', appliedBy: 'ci', error: null, checkpoint: null, ...extra,
  };
}

describe('migrationStatus', () => {
  it('gives each file its state, and each applied history row without a file as missing', () => {
    const catalog = catalogOf([...files, dataWithDown, { name: '0005_a.ts', content: 'x' }, { name: '0006_b.ts', content: 'y' }, { name: '0007_c.ts', content: 'z' }]);
    const history: HistoryEntry[] = [
      historyEntry(catalog, 1),
      historyEntry(catalog, 2, { checksum: 'sha256:other' }),
      historyEntry(catalog, 3, { status: 'failed', error: 'boom', finishedAt: '2026-01-02T00:00:00.000Z' }),
      historyEntry(catalog, 4, { status: 'running', finishedAt: null }),
      historyEntry(catalog, 5, { status: 'rolled_back' }),
      historyEntry(catalog, 9, { name: 'deleted' }),
      historyEntry(catalog, 8, { name: 'failed_then_deleted', status: 'failed' }),
    ];
    const rows = migrationStatus(catalog, history);
    expect(rows.map((r) => [r.version, r.file, r.state, r.appliedAt, r.error])).toEqual([
      [1, '0001_initial.yaml', 'applied', '2026-01-01T00:00:01.000Z', null],
      [2, '0002_age.yaml', 'modified', '2026-01-01T00:00:01.000Z', null],
      [3, '0003_rename.yaml', 'failed', null, 'boom'],
      [4, '0004_data.ts', 'running', null, null],
      [5, '0005_a.ts', 'rolled_back', null, null],
      [6, '0006_b.ts', 'pending', null, null],
      [7, '0007_c.ts', 'pending', null, null],
      [9, '0009_deleted', 'missing', '2026-01-01T00:00:01.000Z', null],
    ]);
    expect(rows[0]?.appliedBy).toBe('ci');
    expect(rows[5]?.appliedBy).toBeNull();
  });

  it('lists every file as pending on a target with no history', () => {
    expect(migrationStatus(catalogOf(files), []).map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
  });
});
