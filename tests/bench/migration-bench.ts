/**
 * On-demand benchmark (not part of vitest): `npm run build && npx tsx tests/bench/migration-bench.ts`.
 *
 * The shipped email normalisation (migrations/0002) over BENCH_ROWS customers (default 100,000), run
 * as users run it (`crm-schema apply`, a process) against the local server in a worker thread, every
 * row needing a change. Baseline, in the same run and on the same server: the server's own bulk-write
 * rate, upsertRows of 100 rows per request sent back to back by one client (what any data migration
 * must at least do to write every row). Prints rows/s of each and the ratio (goal >= 0.5). The
 * process also runs migration 0003 after 0002, a few hundred milliseconds, counted against it.
 */
import { loadavg } from 'node:os';
import { Client, TablesDB } from 'node-appwrite';
import { customerRow } from '../helpers/local-server.js';
import { cliIn, copyShippedProject } from '../helpers/migrations-dir.js';
import { provisionSchema } from '../helpers/provision.js';
import { removeDir } from '../helpers/schema-dir.js';
import { withServerThread } from './server-thread.js';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const BATCH = 100;
const at = { databaseId: 'console-db', tableId: 'customers' };

const rowsWithEmail = (start: number, email: (n: number) => string): Record<string, unknown>[] =>
  Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, i) => ({ ...customerRow(start + i), email: email(start + i) }));

async function main(): Promise<void> {
  const project = copyShippedProject();
  console.log(`Email normalisation over ${ROWS} customers; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    await withServerThread({}, async (server) => {
      // The database as migration 0001 left it: the email migration runs next, over real rows.
      await provisionSchema(server, { upTo: 1 });
      const tablesDB = new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
      for (let start = 0; start < ROWS; start += BATCH) await tablesDB.createRows({ ...at, rows: rowsWithEmail(start, (n) => `c${n}@example.com`) });

      // Baseline: every row rewritten by upsertRows, 100 a request (the emails end mixed-case, to be normalised next).
      const baselineStarted = performance.now();
      for (let start = 0; start < ROWS; start += BATCH) await tablesDB.upsertRows({ ...at, rows: rowsWithEmail(start, (n) => ` C${n}@Example.COM`) });
      const baselineMs = performance.now() - baselineStarted;

      const before = (await server.stats()).requests;
      const started = performance.now();
      const migrated = await cliIn(project, server, ['apply'], [], 1_800_000);
      const migrationMs = performance.now() - started;
      if (migrated.code !== 0) throw new Error(migrated.stderr);
      const requests = (await server.stats()).requests - before;
      const check = await tablesDB.getRow({ ...at, rowId: `cust${ROWS - 1}` });
      if (check.email !== `c${ROWS - 1}@example.com`) throw new Error(`not normalised: ${String(check.email)}`);

      const baselineRate = ROWS / (baselineMs / 1000);
      const migrationRate = ROWS / (migrationMs / 1000);
      console.log(`  baseline upsertRows x100: ${baselineRate.toFixed(0)} rows/s (${(baselineMs / 1000).toFixed(2)} s)`);
      console.log(`  crm-schema apply (0002):  ${migrationRate.toFixed(0)} rows/s (${(migrationMs / 1000).toFixed(2)} s, process, ${requests} requests: scan, checkpoints, writes)`);
      console.log(`  ratio ${(migrationRate / baselineRate).toFixed(2)} (goal >= 0.5)`);
    });
  } finally {
    removeDir(project.root);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
