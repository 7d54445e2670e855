import { describe, expect, it } from 'vitest';
import { leaseId } from '../../../src/migrations/lease.js';
import { applyMigrations, type RunOptions } from '../../../src/migrations/runner.js';
import type { HistoryEntry, MigrationFile, MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import { FakeTarget } from './fake-target.js';
import { catalogOf, caughtAsync, col, db, op, schemaFile, stepsBetween, table } from './helpers.js';

const v1 = db([table('people', [col.string('name', 64)])]);
const v2 = db([table('people', [col.string('name', 64), col.integer('age')])]);
const file1 = schemaFile('0001', 'initial', { database: 'console-db', steps: stepsBetween(undefined, v1), prechecks: [] });
const file2 = schemaFile('0002', 'age', { database: 'console-db', steps: stepsBetween(v1, v2), prechecks: [] });
const options = (ttlMs = 60_000): RunOptions => ({
  rollback: true, allowDestructive: false, lease: { ttlMs, lockTimeoutMs: 0, pollMs: 10 }, toolVersion: '9.9.9', appliedBy: 'tester',
});

const applied = (m: MigrationFile): HistoryEntry => ({
  version: m.version, name: m.name, checksum: m.checksum, status: 'applied', startedAt: 'x', finishedAt: 'y', durationMs: 1,
  toolVersion: '1', appliedBy: 'ci', error: null, checkpoint: null,
});

describe('applyMigrations under the lease', () => {
  it('reads the history again once it holds the lease: what another run applied meanwhile is not run twice', async () => {
    const catalog = catalogOf([file1, file2]);
    const target = new FakeTarget();
    const ensure = target.store.ensure.bind(target.store);
    target.store.ensure = async () => {
      await ensure();
      // Another run finished 0001 between this run's first read and its lease.
      target.store.history.set(1, { ...applied(catalog.migrations[0]!.file), appliedBy: 'other' });
      target.model = v1;
    };
    const report = await applyMigrations(catalog, v2, target, options());
    expect(report.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['2 applied']);
    expect(report.alreadyApplied).toBe(1);
    expect(target.log).not.toContain('create_table:people');
    expect(target.store.history.get(1)?.appliedBy).toBe('other');
  });

  it('stops before its next phase when it lost the lease, leaving the migration resumable', async () => {
    const steps: MigrationStep[] = [
      op({ kind: 'create_column', id: 'create_column:people.a', table: 'people', column: col.integer('a') }),
      { kind: 'copy_column', id: 'copy_column:people.a', risk: 'safe', summary: 'copy', table: 'people', from: 'a', to: 'name', conversion: 'to_text' },
      op({ kind: 'create_column', id: 'create_column:people.b', table: 'people', column: col.integer('b') }),
    ];
    const catalog = catalogOf([file1, schemaFile('0002', 'ab', { database: 'console-db', steps, prechecks: [] })]);
    const target = new FakeTarget(v1);
    target.store.exists = true;
    target.store.history.set(1, applied(catalog.migrations[0]!.file));
    let intruded = false;
    target.beforePhase = async (ids) => {
      if (intruded || !ids.includes('create_column:people.a')) return;
      intruded = true;
      const newest = (await target.store.listLeases(1))[0]!;
      await target.store.createLease({ ...newest, id: leaseId(newest.generation + 1), generation: newest.generation + 1, owner: 'intruder', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 700)); // a renewal (every ttl/3) notices
    };
    const error = await caughtAsync(() => applyMigrations(catalog, catalog.replayed as Database, target, options(600)));
    expect([error.code, error.exitCode]).toEqual(['lock_held', 4]);
    expect(error.message).toContain('intruder took it over');
    expect(target.log).not.toContain('copy_column:people.a');
    expect(target.store.history.get(2)).toMatchObject({ status: 'running', checkpoint: JSON.stringify({ phase: 1 }) });
    const intruder = [...target.store.leases.values()].find((l) => l.owner === 'intruder');
    expect(Date.parse(intruder?.expiresAt ?? '')).toBeGreaterThan(Date.now()); // not released by the loser
    await target.store.renewLease(intruder!.id, new Date(0).toISOString());
    const rerun = await applyMigrations(catalog, catalog.replayed as Database, target, options());
    expect(rerun.outcomes.map((o) => `${o.version} ${o.status}`)).toEqual(['2 applied']);
    expect(target.log.filter((id) => id === 'create_column:people.a')).toHaveLength(1);
  });
});
