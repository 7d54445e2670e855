import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/migrations/catalog.js';
import { leaseId } from '../../../src/migrations/lease.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import { applyMigrations, type RunOptions } from '../../../src/migrations/runner.js';
import type { HistoryEntry, MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { FakeTarget } from './fake-target.js';
import { catalogOf, caughtAsync, col, db, idx, op, schemaFile, stepsBetween, table } from './helpers.js';

const v1 = db([table('people', [col.string('name', 64)])]);
const v2 = db([table('people', [col.string('name', 64), col.integer('age')], [idx('by_age', ['age'])])]);
const file1 = schemaFile('0001', 'initial', { database: 'console-db', steps: stepsBetween(undefined, v1), prechecks: [] });
const file2 = schemaFile('0002', 'age', { database: 'console-db', steps: stepsBetween(v1, v2), prechecks: [] });
const file3 = { name: '0003_backfill.ts', content: 'export async function up(ctx) {}\n' };
/** Two reversible phases around a copy: a, b | copy a → b | index over a, and c. */
const reversible: MigrationStep[] = [
  op({ kind: 'create_column', id: 'create_column:people.a', table: 'people', column: col.varchar('a', 10) }),
  op({ kind: 'create_column', id: 'create_column:people.b', table: 'people', column: col.varchar('b', 10) }),
  { kind: 'copy_column', id: 'copy_column:people.a', risk: 'safe', summary: 'copy a', table: 'people', from: 'a', to: 'b', conversion: 'identity' },
  op({ kind: 'create_index', id: 'create_index:people.by_a', table: 'people', index: idx('by_a', ['a']) }),
  op({ kind: 'create_column', id: 'create_column:people.c', table: 'people', column: col.integer('c') }),
];
const file4 = schemaFile('0004', 'columns', { database: 'console-db', steps: reversible, prechecks: [] });
/** A reversible phase, then an irreversible one: a | delete name, index over a. */
const irreversible: MigrationStep[] = [
  op({ kind: 'create_column', id: 'create_column:people.a', table: 'people', column: col.varchar('a', 10) }),
  op({ kind: 'delete_column', id: 'delete_column:people.name', risk: 'destructive', table: 'people', key: 'name', previous: col.string('name', 64), acknowledged: 'not used' }),
  op({ kind: 'create_index', id: 'create_index:people.by_a', table: 'people', index: idx('by_a', ['a']) }),
];
const file4irreversible = schemaFile('0004', 'drop_name', { database: 'console-db', steps: irreversible, prechecks: [] });

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  rollback: true, allowDestructive: false, lease: { ttlMs: 60_000, lockTimeoutMs: 0, pollMs: 10 }, toolVersion: '9.9.9', appliedBy: 'tester', ...extra,
});
const desiredOf = (catalog: Catalog): Database => catalog.replayed as Database;
const entry = (catalog: Catalog, version: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => {
  const file = catalog.migrations.find((m) => m.file.version === version)?.file;
  return {
    version, name: file?.name ?? 'gone', checksum: file?.checksum ?? 'sha256:0', status: 'applied', startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, toolVersion: '1', appliedBy: 'ci', error: null, checkpoint: null, ...extra,
  };
};
const withHistory = (target: FakeTarget, entries: HistoryEntry[]): FakeTarget => {
  target.store.exists = true;
  for (const e of entries) target.store.history.set(e.version, e);
  return target;
};
const statuses = (target: FakeTarget): string[] => [...target.store.history.values()].map((e) => `${e.version} ${e.status}`);

describe('applyMigrations', () => {
  it('with nothing pending takes no lease and creates nothing, and reports drift', async () => {
    const catalog = catalogOf([file1, file2]);
    const target = withHistory(new FakeTarget(v1), [entry(catalog, 1), entry(catalog, 2)]);
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes).toEqual([]);
    expect(report.alreadyApplied).toBe(2);
    expect(target.store.leases.size).toBe(0);
    expect(target.log).toEqual([]);
    expect(report.drift?.operations.map((o) => o.id)).toEqual(['create_column:people.age', 'create_index:people.by_age']);
    const fresh = new FakeTarget();
    expect((await applyMigrations(catalogOf([]), v1, fresh, options())).outcomes).toEqual([]);
    expect([fresh.store.exists, fresh.store.leases.size]).toEqual([false, 0]);
  });

  it('runs the pending migrations in order, records each, releases the lease, and finds no drift', async () => {
    const catalog = catalogOf([file1, file2, file3]);
    const target = new FakeTarget();
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes.map((o) => `${o.file} ${o.status}`)).toEqual(['0001_initial.yaml applied', '0002_age.yaml applied', '0003_backfill.ts applied']);
    expect([report.alreadyApplied, report.drift]).toEqual([0, undefined]);
    expect(target.log.at(-1)).toBe('data up 0003_backfill.ts');
    expect(target.log.indexOf('create_column:people.age')).toBeGreaterThan(target.log.indexOf('create_table:people'));
    for (const m of catalog.migrations) {
      expect(target.store.history.get(m.file.version)).toMatchObject({
        name: m.file.name, checksum: m.file.checksum, status: 'applied', toolVersion: '9.9.9', appliedBy: 'tester', error: null, checkpoint: null,
        finishedAt: expect.any(String), durationMs: expect.any(Number),
      });
    }
    expect(target.store.leases.get(leaseId(1))?.expiresAt).toBe(new Date(0).toISOString());
    const again = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect([again.outcomes.length, again.alreadyApplied, target.store.leases.size]).toEqual([0, 3, 1]);
  });

  it("overlaps one migration's applied record with the next one's start, and lands the last before releasing the lease", async () => {
    const catalog = catalogOf([file1, file2]);
    const target = new FakeTarget();
    const events: string[] = [];
    const write = target.store.writeHistory.bind(target.store);
    target.store.writeHistory = async (e) => {
      events.push(`write ${e.version} ${e.status}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await write(e);
      events.push(`landed ${e.version} ${e.status}`);
    };
    const renew = target.store.renewLease.bind(target.store);
    target.store.renewLease = async (id, expiresAt) => {
      events.push('release');
      await renew(id, expiresAt);
    };
    await applyMigrations(catalog, desiredOf(catalog), target, options());
    // 1's applied and 2's running are in flight together; 2's applied lands before the release.
    expect(events.indexOf('write 2 running')).toBeLessThan(events.indexOf('landed 1 applied'));
    expect(events.indexOf('landed 2 applied')).toBeLessThan(events.indexOf('release'));
    expect(statuses(target)).toEqual(['1 applied', '2 applied']);
  });

  it("a failed final history write fails the run after the lease is released, not silently", async () => {
    const catalog = catalogOf([file1]);
    const target = new FakeTarget();
    const write = target.store.writeHistory.bind(target.store);
    target.store.writeHistory = async (e) => {
      if (e.status === 'applied') throw new Error('history write refused');
      await write(e);
    };
    await expect(applyMigrations(catalog, desiredOf(catalog), target, options())).rejects.toThrow('history write refused');
    expect(target.store.leases.get(leaseId(1))?.expiresAt).toBe(new Date(0).toISOString());
    expect(statuses(target)).toEqual(['1 running']);
  });

  it('runs only what the history lacks', async () => {
    const catalog = catalogOf([file1, file2]);
    const target = withHistory(new FakeTarget(v1), [entry(catalog, 1)]);
    const report = await applyMigrations(catalog, v2, target, options());
    expect(report.outcomes.map((o) => o.version)).toEqual([2]);
    expect(report.alreadyApplied).toBe(1);
    expect(target.log).not.toContain('create_table:people');
  });

  it.each([
    ['an applied migration that was edited', (c: Catalog) => [entry(c, 1, { checksum: 'sha256:edited' })], 'migration-modified', /0001_initial\.yaml changed after it was applied/],
    ['an applied migration whose file is gone', (c: Catalog) => [entry(c, 1), entry(c, 7, { name: 'lost' })], 'migration-missing', /0007_lost .*file is gone/],
  ])('refuses %s before taking the lease', async (_what, history, rule, message) => {
    const catalog = catalogOf([file1, file2]);
    const target = withHistory(new FakeTarget(v1), history(catalog));
    const error = await caughtAsync(() => applyMigrations(catalog, v2, target, options()));
    expect(error.details.rule).toBe(rule);
    expect(error.message).toMatch(message);
    expect([target.log, target.store.leases.size]).toEqual([[], 0]);
  });

  it('refuses a pending migration older than an applied one (merged after a newer one ran): replay order is file order', async () => {
    const catalog = catalogOf([file1, file2, file3]);
    const target = withHistory(new FakeTarget(v1), [entry(catalog, 1), entry(catalog, 3)]);
    const error = await caughtAsync(() => applyMigrations(catalog, v2, target, options()));
    expect(error.details).toMatchObject({ rule: 'migration-out-of-order', version: 2 });
    expect(error.message).toMatch(/0002_age\.yaml is pending but 0003_backfill\.ts, which comes after it, is already applied/);
    expect(error.message).toContain('crm-schema migrate hash');
    expect([target.log, target.store.leases.size]).toEqual([[], 0]);
  });

  it.each([
    ['an unacknowledged destructive step', file4irreversible, options({ allowDestructive: true }), 'migration-unacknowledged-risk', (s: string) => s.replace('acknowledged: not used', '')],
    ['a destructive step without --allow-destructive', file4irreversible, options(), 'migration-destructive-not-allowed', (s: string) => s],
    ['an incomplete data migration', { name: '0004_fix.ts', content: "export const todo = 'x';\n" }, options(), 'migration-incomplete', (s: string) => s],
  ])('refuses %s (exit 3) before anything runs', async (_what, file, opts, rule, edit) => {
    const catalog = catalogOf([file1, { ...file, content: edit(file.content) }]);
    const target = withHistory(new FakeTarget(v1), [entry(catalog, 1)]);
    const error = await caughtAsync(() => applyMigrations(catalog, desiredOf(catalog), target, opts));
    expect([error.code, error.exitCode]).toEqual(['blocked', 3]);
    expect(error.message).toContain(rule);
    expect(error.message).toMatch(/migrations\/0004_\w+\.(yaml|ts):\d+/);
    expect([target.log, target.store.leases.size, target.store.history.size]).toEqual([[], 0, 1]);
  });

  it('refuses with lock_held (exit 4) while another run holds the lease', async () => {
    const catalog = catalogOf([file1]);
    const target = new FakeTarget();
    await target.store.createLease({ id: leaseId(1), generation: 1, owner: 'ci@elsewhere:1:abcdef', acquiredAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const error = await caughtAsync(() => applyMigrations(catalog, v1, target, options()));
    expect([error.code, error.exitCode, target.log]).toEqual(['lock_held', 4, []]);
  });
});

describe('applyMigrations: a failing migration', () => {
  const setup = (file: { name: string; content: string }): { catalog: Catalog; target: FakeTarget } => {
    const catalog = catalogOf([file1, file2, file]);
    return { catalog, target: withHistory(new FakeTarget(v2), [entry(catalog, 1), entry(catalog, 2)]) };
  };

  it.each([
    // The failed create comes first: it may have left a `failed` column or index on the server.
    ['in a later phase', 'create_index:people.by_a', ['undo:create_index:people.by_a', 'undo:create_column:people.c', 'undo:create_column:people.b', 'undo:create_column:people.a']],
    ['part-way through a phase', 'create_column:people.b', ['undo:create_column:people.b', 'undo:create_column:people.a']],
    ['in a copy step', 'copy_column:people.a', ['undo:create_column:people.b', 'undo:create_column:people.a']],
  ])('%s is rolled back step by step in reverse order, and recorded rolled_back', async (_what, failing, undo) => {
    const { catalog, target } = setup(file4);
    target.failOnce(failing);
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['4 rolled_back']);
    expect(report.outcomes[0]?.error).toMatch(new RegExp(`${failing}: injected failure; rolled back to the previous version`));
    expect(report.drift).toBeUndefined();
    expect(target.log.filter((id) => id.startsWith('undo:'))).toEqual(undo);
    expect(target.model).toEqual(v2);
    expect(target.store.history.get(4)).toMatchObject({ status: 'rolled_back', checkpoint: null, error: expect.stringContaining('injected failure') });
    expect(statuses(target)).toEqual(['1 applied', '2 applied', '4 rolled_back']);
    // Fixed (the failure was transient): the next apply runs it from the start.
    const rerun = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(rerun.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['4 applied']);
    expect(target.model).toEqual(desiredOf(catalog));
  });

  it('records a phase blocked by its data as blocked and rolls it back', async () => {
    const { catalog, target } = setup(file4);
    target.blocked.add('create_index:people.by_a');
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes.map((o) => o.status)).toEqual(['blocked']);
    expect(target.store.history.get(4)?.status).toBe('rolled_back');
    expect(target.model).toEqual(v2);
  });

  it('with rollback off records failed with a checkpoint, and a re-run resumes from that phase', async () => {
    const { catalog, target } = setup(file4);
    target.failOnce('create_index:people.by_a');
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options({ rollback: false }));
    expect(report.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['4 failed']);
    expect(report.outcomes[0]?.error).toMatch(/left as it is \(--no-rollback\): re-run apply to continue/);
    expect(target.store.history.get(4)).toMatchObject({ status: 'failed', checkpoint: JSON.stringify({ phase: 2 }) });
    expect(target.log.some((id) => id.startsWith('undo:'))).toBe(false);
    const phasesBefore = target.phases.length;
    const rerun = await applyMigrations(catalog, desiredOf(catalog), target, options({ rollback: false }));
    expect(rerun.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['4 applied']);
    // Neither the first phase nor the copy runs again.
    expect(target.phases.slice(phasesBefore)).toEqual([['create_column:people.c', 'create_index:people.by_a']]);
    expect(target.log.filter((id) => id === 'copy_column:people.a')).toHaveLength(1);
    expect(target.store.history.get(4)).toMatchObject({ status: 'applied', checkpoint: null });
    expect(target.model).toEqual(desiredOf(catalog));
  });

  it('resumes a killed run (left running) from its checkpoint', async () => {
    const { catalog, target } = setup(file4);
    target.model = replaySteps(v2, reversible.slice(0, 2), 'phase 0');
    target.store.history.set(4, entry(catalog, 4, { status: 'running', finishedAt: null, checkpoint: JSON.stringify({ phase: 2 }) }));
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect(target.phases).toEqual([['create_column:people.c', 'create_index:people.by_a']]);
  });

  it('does not resume an edited failed migration at a phase of the old file: it starts again from the first step', async () => {
    const { catalog, target } = setup(file4);
    target.failOnce('create_index:people.by_a');
    await applyMigrations(catalog, desiredOf(catalog), target, options({ rollback: false }));
    // The fix adds a step to the first phase, which the old checkpoint (phase 2) would skip.
    const extra = op({ kind: 'create_column', id: 'create_column:people.d', table: 'people', column: col.integer('d') });
    const edited = catalogOf([file1, file2, schemaFile('0004', 'columns', { database: 'console-db', steps: [extra, ...reversible], prechecks: [] })]);
    const rerun = await applyMigrations(edited, desiredOf(edited), target, options());
    expect(rerun.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect(rerun.drift).toBeUndefined();
    expect(target.model?.tables[0]?.columns.map((c) => c.key).sort()).toEqual(['a', 'age', 'b', 'c', 'd', 'name']);
  });

  it('stops at the first migration that does not apply', async () => {
    const catalog = catalogOf([file1, file2, file4, { name: '0005_later.ts', content: 'export async function up() {}\n' }]);
    const target = withHistory(new FakeTarget(v2), [entry(catalog, 1), entry(catalog, 2)]).failOnce('create_column:people.c');
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['4 rolled_back']);
    expect(target.log).not.toContain('data up 0005_later.ts');
  });

  it('after an irreversible phase is not rolled back, and a re-run finishes it', async () => {
    const { catalog, target } = setup(file4irreversible);
    target.failOnce('create_index:people.by_a');
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options({ allowDestructive: true }));
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('an irreversible step had already run, so it was not rolled back') });
    expect(target.store.history.get(4)).toMatchObject({ status: 'failed', checkpoint: JSON.stringify({ phase: 1 }) });
    expect(target.model?.tables[0]?.columns.map((c) => c.key)).toEqual(['age', 'a']);
    const rerun = await applyMigrations(catalog, desiredOf(catalog), target, options({ allowDestructive: true }));
    expect(rerun.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect(target.model).toEqual(desiredOf(catalog));
  });

  it('when the rollback itself fails records failed, and a re-run redoes the partly undone steps', async () => {
    const { catalog, target } = setup(file4);
    target.failOnce('create_index:people.by_a').failOnce('undo:create_column:people.a');
    const report = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(report.outcomes[0]?.status).toBe('failed');
    expect(report.outcomes[0]?.error).toMatch(/rolling back also failed at "delete column a again"/);
    // c and b were undone, a was not: the re-run must not start after them.
    expect(target.model?.tables[0]?.columns.map((c) => c.key)).toEqual(['name', 'age', 'a']);
    const rerun = await applyMigrations(catalog, desiredOf(catalog), target, options());
    expect(rerun.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect(rerun.drift).toBeUndefined();
    expect(target.model).toEqual(desiredOf(catalog));
  });

  it('a data migration that fails keeps its checkpoint, and the re-run starts from it', async () => {
    const catalog = catalogOf([file1, file3]);
    const target = withHistory(new FakeTarget(v1), [entry(catalog, 1)]);
    const seen: (string | null)[] = [];
    target.data = async (_file, _direction, checkpoint) => {
      seen.push(checkpoint.initial);
      await checkpoint.save('{"cursor":"row-500"}');
      if (seen.length === 1) throw new Error('connection reset');
    };
    const report = await applyMigrations(catalog, v1, target, options());
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('connection reset; re-run apply to resume') });
    expect(target.store.history.get(3)).toMatchObject({ status: 'failed', checkpoint: '{"cursor":"row-500"}' });
    const rerun = await applyMigrations(catalog, v1, target, options());
    expect(rerun.outcomes[0]?.status).toBe('applied');
    expect(seen).toEqual([null, '{"cursor":"row-500"}']);
    expect(target.store.history.get(3)?.checkpoint).toBeNull();
  });
});
