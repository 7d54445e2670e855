import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Query, type TablesDB } from 'node-appwrite';
import type { LocalServer } from '../../src/local/index.js';
import { BIN, runCli } from '../helpers/cli.js';
import { customerRow } from '../helpers/local-server.js';
import { allApplied, cliIn, historyRows, pad4, scratch, SHIPPED, tablesDbOf, type Project } from '../helpers/migrations-dir.js';
import { provisionSchema } from '../helpers/provision.js';
import { targetArgs, targetEnv } from '../helpers/schema-dir.js';

// Each test runs the CLI several times against real servers; a loaded 2-core machine needs the room.
vi.setConfig({ testTimeout: 120_000 });

/**
 * Data migrations killed with SIGKILL halfway resume from their checkpoint on the server and finish:
 * the shipped email normalisation over 20,000 rows, and a deliberately non-idempotent migration
 * (each row's counter + 1) that proves no row's change is applied twice.
 */

const ROWS = 20_000;
const at = { databaseId: 'console-db', tableId: 'customers' };
const made = scratch();

/** A server with the shipped migrations up to `upTo` applied and 20,000 customers whose emails need normalising. */
async function seededServer(upTo: number): Promise<{ server: LocalServer; tablesDB: TablesDB }> {
  const server = await made.server();
  await provisionSchema(server, { upTo });
  const tablesDB = tablesDbOf(server);
  for (let start = 0; start < ROWS; start += 100) {
    const rows = Array.from({ length: 100 }, (_, i) => {
      const n = start + i;
      return { ...customerRow(n), email: n % 3 === 0 ? `  C${n}@Example.COM ` : `c${n}@example.com` };
    });
    await tablesDB.createRows({ ...at, rows });
  }
  return { server, tablesDB };
}

/** Runs apply and SIGKILLs it once its progress passes `percent` of a pass; resolves with its stderr. */
async function applyKilledAt(project: Project, server: LocalServer, percent: number): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'apply', '--schema', project.schema, '--migrations', project.migrations, ...targetArgs(server)], {
    env: { ...process.env, ...targetEnv(server), NO_COLOR: '1', CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const reached = [...stderr.matchAll(/\((\d+)%\)/g)].some((m) => Number(m[1]) >= percent);
    if (reached && child.exitCode === null) child.kill('SIGKILL');
  });
  await exited;
  return stderr;
}

async function allRows(tablesDB: TablesDB, select: string[]): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await tablesDB.listRows({ ...at, queries: [Query.limit(2000), Query.select(['$id', ...select]), ...(cursor ? [Query.cursorAfter(cursor)] : [])], total: false });
    rows.push(...page.rows);
    cursor = page.rows.at(-1)?.$id;
    if (page.rows.length < 2000) return rows;
  }
}

describe('a data migration killed halfway', () => {
  it('the shipped email normalisation resumes and finishes: every row lower-case and trimmed, none skipped', async () => {
    const project = made.project();
    const { server, tablesDB } = await seededServer(1);
    const killed = await applyKilledAt(project, server, 40);
    expect(killed).toMatch(/customers\.email: \d+\/20000 rows \((4|5|6)\d%\)/);
    expect(killed).not.toContain('Applied');
    const halfway = await allRows(tablesDB, ['email']);
    const done = halfway.filter((r) => r.email === String(r.email).trim().toLowerCase()).length;
    expect(done).toBeGreaterThan(ROWS * 2 / 3 * 0.3 + ROWS / 3); // part of the work happened before the kill
    expect(done).toBeLessThan(ROWS);

    const resumed = await cliIn(project, server, ['apply']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Applied ${SHIPPED - 1} migration(s)`);
    const rows = await allRows(tablesDB, ['email']);
    expect(rows).toHaveLength(ROWS);
    for (const row of rows) {
      const n = Number(String(row.$id).slice(4));
      expect(row.email, String(row.$id)).toBe(`c${n}@example.com`);
    }
    expect((await historyRows(server)).map((r) => [r.version, r.status])).toEqual(allApplied());
  });

  it('a non-idempotent change (counter + 1) is applied exactly once per row across the kill', async () => {
    const project = made.project();
    const { server, tablesDB } = await seededServer(SHIPPED);
    writeFileSync(
      path.join(project.migrations, `${pad4(SHIPPED + 1)}_bump_invoices.js`),
      "export async function up(ctx) {\n  await ctx.updateEach('customers', (row) => ({ totalInvoices: row.totalInvoices + 1 }), { total: 20000, label: 'bump' });\n}\n",
    );
    await runCli(['migrate', 'hash', '--migrations', project.migrations]);
    const before = new Map((await allRows(tablesDB, ['totalInvoices'])).map((r) => [r.$id, r.totalInvoices as number]));
    const killed = await applyKilledAt(project, server, 50);
    expect(killed).toMatch(/bump: \d+\/20000 rows \((5|6|7)\d%\)/);
    const resumed = await cliIn(project, server, ['apply']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = await allRows(tablesDB, ['totalInvoices']);
    expect(after).toHaveLength(ROWS);
    const wrong = after.filter((r) => r.totalInvoices !== (before.get(String(r.$id)) ?? NaN) + 1);
    expect(wrong.map((r) => r.$id).slice(0, 10)).toEqual([]);
  });
});
