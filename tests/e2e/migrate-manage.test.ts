import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { allApplied, cliIn, historyRows, migrationFiles, pad4, scratch, SHIPPED, tablesDbOf } from '../helpers/migrations-dir.js';
import { targetArgs, targetEnv } from '../helpers/schema-dir.js';

// Each test runs the CLI several times against real servers; a loaded 2-core machine needs the room.
vi.setConfig({ testTimeout: 120_000 });

/** migrate lint, baseline and down through the real CLI. */

const made = scratch();
const migrationsArgs = (p: { schema: string; migrations: string }): string[] => ['--schema', p.schema, '--migrations', p.migrations];

/** Adds a memo column to invoices in schema/ and writes its migration. */
async function addMemo(p: { schema: string; migrations: string }): Promise<void> {
  const file = path.join(p.schema, 'invoices.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(\ncolumns:\n)/, '$1  - key: memo\n    type: varchar\n    size: 40\n'));
  const written = await runCli(['migrate', 'new', 'add_invoice_memo', ...migrationsArgs(p)]);
  expect(written.code, written.stderr).toBe(0);
}

describe('migrate lint', () => {
  it('reports an unacknowledged destructive step at file:line with its rule id, and edits since a git ref', async () => {
    const p = made.project();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: p.root, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    // Dropping a column: migrate new writes the destructive step for a reviewer to acknowledge.
    const file = path.join(p.schema, 'invoices.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {2}- key: total\n(?: {4}.*\n)+/, '\n'));
    expect((await runCli(['migrate', 'new', 'drop_total', ...migrationsArgs(p)])).code).toBe(0);
    const dropFile = `${pad4(SHIPPED + 1)}_drop_total.yaml`;
    const text = readFileSync(path.join(p.migrations, dropFile), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('kind: delete_column')) + 1;
    const lint = await runCli(['migrate', 'lint', '--migrations', p.migrations], { cwd: p.root });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`migrations/${dropFile}:${line}  migration-unacknowledged-risk`);
    const refused = await runCli(['apply', '--local', ...migrationsArgs(p)], { cwd: p.root });
    expect(refused.code).toBe(3);

    writeFileSync(path.join(p.migrations, dropFile), text.replace('    risk: destructive\n', '    risk: destructive\n    acknowledged: totals move to the invoice lines\n'));
    await runCli(['migrate', 'hash', '--migrations', p.migrations]);
    const initial = path.join(p.migrations, '0001_initial.yaml');
    writeFileSync(initial, `${readFileSync(initial, 'utf8')}# an edit\n`);
    await runCli(['migrate', 'hash', '--migrations', p.migrations]);
    const sinceBase = await runCli(['migrate', 'lint', '--base', 'HEAD', '--json', '--migrations', p.migrations], { cwd: p.root });
    expect(sinceBase.code).toBe(1);
    const report = JSON.parse(sinceBase.stdout) as { checked: number; problems: { file: string; rule: string }[] };
    expect(report.checked).toBe(1);
    expect(report.problems).toEqual([expect.objectContaining({ file: 'migrations/0001_initial.yaml', rule: 'migration-edited' })]);
  });
});

describe('migrate baseline and down', () => {
  it('baseline adopts a database built by push; apply then runs only what comes after', async () => {
    const server = await made.server();
    const p = made.project();
    const pushed = await runCli(['push', '--schema', p.schema, ...targetArgs(server)], { env: targetEnv(server) });
    expect(pushed.code, pushed.stderr).toBe(0);
    const early = await cliIn(p, server, ['migrate', 'baseline', '1']);
    expect(early.code).toBe(1); // the pushed database has what later migrations add
    const adopted = await cliIn(p, server, ['migrate', 'baseline', String(SHIPPED)]);
    expect(adopted.code, adopted.stderr).toBe(0);
    const again = await cliIn(p, server, ['migrate', 'baseline', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has migration history');
    await addMemo(p);
    const applied = await cliIn(p, server, ['apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/Applied 1 migration\(s\)/);
    const rows = await historyRows(server);
    expect(rows.map((r) => [r.version, r.status])).toEqual(allApplied(SHIPPED + 1));
    expect(String(rows[0]?.appliedBy)).toContain('(baseline)');
  });

  it('baseline refuses a database that differs from the migrations', async () => {
    const server = await made.server();
    const p = made.project();
    await addMemo(p);
    expect((await runCli(['push', '--schema', p.schema, ...targetArgs(server)], { env: targetEnv(server) })).code).toBe(0);
    const refused = await cliIn(p, server, ['migrate', 'baseline', String(SHIPPED)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not what migrations up to \S+ produce .*memo/);
  });

  it('down undoes the newest migration only with --allow-destructive, and apply runs it again', async () => {
    const server = await made.server();
    const p = made.project();
    await addMemo(p);
    expect((await cliIn(p, server, ['apply'])).code).toBe(0);
    const refused = await cliIn(p, server, ['migrate', 'down']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('delete column memo');
    const down = await cliIn(p, server, ['migrate', 'down', '--allow-destructive']);
    expect(down.code, down.stderr).toBe(0);
    const columns = (await tablesDbOf(server).getTable({ databaseId: 'console-db', tableId: 'invoices' })).columns as unknown as { key: string }[];
    expect(columns.map((c) => c.key)).not.toContain('memo');
    expect((await historyRows(server)).map((r) => [r.version, r.status])).toEqual([...allApplied(), [SHIPPED + 1, 'rolled_back']]);
    const status = await cliIn(p, server, ['migrate', 'status']);
    expect(status.code).toBe(2);
    expect(status.stdout).toMatch(new RegExp(`rolled_back\\s+${pad4(SHIPPED + 1)}_add_invoice_memo\\.yaml`));
    // A data migration without down(ctx) cannot be undone: refused before anything changes.
    const deeper = await cliIn(p, server, ['migrate', 'down', '--to', '1', '--allow-destructive']);
    expect(deeper.code).toBe(3);
    expect(deeper.stderr).toContain('0002_normalize_customer_emails.ts');
    const reapplied = await cliIn(p, server, ['apply']);
    expect(reapplied.code, reapplied.stderr).toBe(0);
    expect(migrationFiles(p)).toHaveLength(SHIPPED + 1);
  });
});
