import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalServer } from '../../src/local/index.js';
import { checksumOf } from '../../src/migrations/source.js';
import { runCli } from '../helpers/cli.js';
import { allApplied, cliIn, historyRows, migrationFiles, pad4, scratch, SHIPPED, SHIPPED_FILES, type Project } from '../helpers/migrations-dir.js';
import { liveModel, loadModel, stateFingerprint, targetArgs, targetEnv } from '../helpers/schema-dir.js';

// Each test runs the CLI several times against real servers; a loaded 2-core machine needs the room.
vi.setConfig({ testTimeout: 120_000 });

/** apply through the real CLI: the shipped migrations from empty, history, and refusals. */

const { server, project } = scratch();

describe('apply from empty', () => {
  let local: LocalServer;
  let shipped: Project;
  beforeAll(async () => {
    local = await server();
    shipped = project();
  });

  it('runs every shipped migration in order, records it, and leaves nothing for plan', async () => {
    const applied = await cliIn(shipped, local, ['apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`Applied ${SHIPPED} migration(s)`);
    const rows = await historyRows(local);
    expect(rows.map((r) => [r.version, `${pad4(Number(r.version))}_${String(r.name)}`, r.status])).toEqual(
      SHIPPED_FILES.map((file, i) => [i + 1, file.replace(/\.\w+$/, ''), 'applied']),
    );
    for (const row of rows) {
      const file = migrationFiles(shipped).find((name) => name.startsWith(String(row.version).padStart(4, '0')));
      expect(row.checksum).toBe(checksumOf(readFileSync(path.join(shipped.migrations, file ?? ''), 'utf8')));
      expect(row.appliedBy).toMatch(/@.+:\d+:[0-9a-f]+$/);
      expect(row.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    }
    const plan = await cliIn(shipped, local, ['plan'], ['--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('produces the same database as push, and plan/pull do not see the tool tables', async () => {
    const other = await server();
    const pushed = await runCli(['push', '--schema', shipped.schema, ...targetArgs(other)], { env: targetEnv(other) });
    expect(pushed.code, pushed.stderr).toBe(0);
    const desired = await loadModel(shipped.schema);
    const migrated = await liveModel(local, desired.id);
    expect(migrated?.tables.map((t) => t.id)).toEqual(desired.tables.map((t) => t.id).sort());
    expect(stateFingerprint(migrated)).toBe(stateFingerprint(await liveModel(other, desired.id)));
    expect(stateFingerprint(migrated)).toBe(stateFingerprint(desired));
  });

  it('with nothing pending costs at most 3 requests and says so in the versioned JSON', async () => {
    const again = await cliIn(shipped, local, ['apply'], ['--json']);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ formatVersion: 1, command: 'apply', outcome: 'no_changes', error: null, drift: null });
    expect(result.migrations).toEqual({ attempted: [], alreadyApplied: SHIPPED });
    expect(result.requests).toBeLessThanOrEqual(3);
  });

  it('migrate status lists every migration as applied (exit 0) and a new one as pending (exit 2)', async () => {
    const status = await cliIn(shipped, local, ['migrate', 'status'], ['--json']);
    expect(status.code, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as { migrations: { file: string; state: string }[] };
    expect(parsed.migrations.map((m) => m.state)).toEqual(SHIPPED_FILES.map(() => 'applied'));
    const later = project();
    expect((await runCli(['migrate', 'new', 'backfill', '--data', '--schema', later.schema, '--migrations', later.migrations])).code).toBe(0);
    const pending = await cliIn(later, local, ['migrate', 'status']);
    expect(pending.code).toBe(2);
    expect(pending.stdout).toMatch(new RegExp(`pending\\s+${pad4(SHIPPED + 1)}_backfill\\.ts`));
    // The template is marked todo: apply refuses it before changing anything (exit 3).
    const refused = await cliIn(later, local, ['apply']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('migration-incomplete');
  });

  it('push warns when the target has migration history', async () => {
    const pushed = await runCli(['push', '--schema', shipped.schema, ...targetArgs(local)], { env: targetEnv(local) });
    expect(pushed.code).toBe(0);
    expect(pushed.stderr).toContain('has migration history');
  });
});

describe('refusals before anything changes', () => {
  it('refuses schema/ changes that no migration captures, naming migrate new', async () => {
    const local = await server();
    const p = project();
    appendFileSync(path.join(p.schema, 'invoices.yaml'), '');
    const invoices = readFileSync(path.join(p.schema, 'invoices.yaml'), 'utf8');
    writeFileSync(path.join(p.schema, 'invoices.yaml'), invoices.replace(/(\ncolumns:\n)/, '$1  - key: memo\n    type: varchar\n    size: 40\n'));
    const refused = await cliIn(p, local, ['apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no migration captures');
    expect(refused.stderr).toContain('crm-schema migrate new');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect((await liveModel(local, 'console-db'))).toBeUndefined();

    const written = await runCli(['migrate', 'new', 'add_invoice_memo', '--schema', p.schema, '--migrations', p.migrations]);
    expect(written.code, written.stderr).toBe(0);
    const memo = `${pad4(SHIPPED + 1)}_add_invoice_memo.yaml`;
    expect(migrationFiles(p)).toContain(memo);
    const text = readFileSync(path.join(p.migrations, memo), 'utf8');
    expect(text).toMatch(/kind: create_column[\s\S]*key: memo/);
    const nothing = await runCli(['migrate', 'new', 'again', '--schema', p.schema, '--migrations', p.migrations]);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain('Nothing to write');
    const applied = await cliIn(p, local, ['apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await historyRows(local)).map((r) => [r.version, r.status])).toEqual(allApplied(SHIPPED + 1));
  });

  it('an edited applied migration: the sum file catches it, and after migrate hash the history does', async () => {
    const local = await server();
    const p = project();
    expect((await cliIn(p, local, ['apply'])).code).toBe(0);
    const file = path.join(p.migrations, '0001_initial.yaml');
    // A change a reviewer would not notice in the model: the file's text (and so its checksum) differs.
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary: create table invoices', 'summary: creates table invoices'));
    const bySum = await cliIn(p, local, ['apply']);
    expect(bySum.code).toBe(1);
    expect(bySum.stderr).toMatch(/migrations\.sum does not match: migrations\/0001_initial\.yaml .*was edited/);
    expect(bySum.stderr).toContain('crm-schema migrate hash');
    expect((await runCli(['migrate', 'hash', '--migrations', p.migrations])).code).toBe(0);
    const byHistory = await cliIn(p, local, ['apply']);
    expect(byHistory.code).toBe(1);
    expect(byHistory.stderr).toMatch(/0001_initial\.yaml changed after it was applied/);
    expect(byHistory.stderr).toContain('write the change as a new migration');
    const status = await cliIn(p, local, ['migrate', 'status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/modified\s+0001_initial\.yaml/);
  });

  it('a deleted and a renumbered applied migration are refused with how to repair', async () => {
    const local = await server();
    const deleted = project();
    expect((await cliIn(deleted, local, ['apply'])).code).toBe(0);
    rmSync(path.join(deleted.migrations, '0002_normalize_customer_emails.ts'));
    const bySum = await cliIn(deleted, local, ['apply']);
    expect(bySum.code).toBe(1);
    expect(bySum.stderr).toMatch(/0002_normalize_customer_emails\.ts is listed but the file is gone/);
    await runCli(['migrate', 'hash', '--migrations', deleted.migrations]);
    const missing = await cliIn(deleted, local, ['apply']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/0002_normalize_customer_emails is recorded as applied on the server but its file is gone/);
    expect(missing.stderr).toContain('restore it from version control');

    const renumbered = project();
    renameSync(path.join(renumbered.migrations, '0002_normalize_customer_emails.ts'), path.join(renumbered.migrations, '0009_normalize_customer_emails.ts'));
    const moved = await cliIn(renumbered, local, ['apply']);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/migrations\.sum does not match: migrations\/0002_normalize_customer_emails\.ts is listed but the file is gone \(deleted or renumbered\?\).*crm-schema migrate hash/);
    await runCli(['migrate', 'hash', '--migrations', renumbered.migrations]);
    const after = await cliIn(renumbered, local, ['apply']);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/0002_normalize_customer_emails is recorded as applied .* file is gone/);
  });

  it('a deliberate edit of a migration that never ran is accepted after migrate hash', async () => {
    const local = await server();
    const p = project();
    expect((await cliIn(p, local, ['apply'])).code).toBe(0);
    const touch = `${pad4(SHIPPED + 1)}_touch.ts`;
    const data = path.join(p.migrations, touch);
    writeFileSync(data, "export async function up(ctx) { ctx.log('first draft'); }\n");
    await runCli(['migrate', 'hash', '--migrations', p.migrations]);
    writeFileSync(data, "export async function up(ctx) { ctx.log('second draft'); }\n");
    const refused = await cliIn(p, local, ['apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${touch} (or a file before it) was edited`);
    expect((await runCli(['migrate', 'hash', '--migrations', p.migrations])).code).toBe(0);
    const applied = await cliIn(p, local, ['apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('second draft');
  });

  it('a data migration that is not valid TypeScript fails as that migration, after the ones before it', async () => {
    const local = await server();
    const p = project();
    const broken = `${pad4(SHIPPED + 2)}_broken.ts`;
    writeFileSync(path.join(p.migrations, `${pad4(SHIPPED + 1)}_fine.ts`), "export async function up(ctx) { ctx.log('fine ran'); }\n");
    writeFileSync(path.join(p.migrations, broken), 'export async function up(ctx: { log(m: string): void } { ctx.log(1); }\n');
    await runCli(['migrate', 'hash', '--migrations', p.migrations]);
    const run = await cliIn(p, local, ['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('fine ran');
    expect(run.stderr).toContain(`cannot load ${broken}`);
    expect(run.stderr).not.toMatch(/\n\s+at /); // one line per problem, no stack trace
    const rows = await historyRows(local);
    expect(rows.map((r) => `${r.version} ${r.status}`).slice(-2)).toEqual([`${SHIPPED + 1} applied`, `${SHIPPED + 2} failed`]);
  });
});
