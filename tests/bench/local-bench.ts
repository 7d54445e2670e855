/**
 * On-demand benchmark of the local server (not part of vitest): `npx tsx tests/bench/local-bench.ts`.
 * 1. Bulk insert of 100,000 customer rows through createRows (batches of 100) vs a raw better-sqlite3
 *    insert of the same rows in the same run; prints rows/s and the ratio (goal >= 0.5).
 * 2. p50/p95 latency over HTTP of each reference query pattern on 100,000 rows (goal p95 < 5 ms).
 */
import Database from 'better-sqlite3';
import { createCustomersTable, customerQueryPatterns, customerRow, startHarness } from '../helpers/local-server.js';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const BATCH = 100;
const SAMPLES = 200;

async function main(): Promise<void> {
  const rows = Array.from({ length: ROWS }, (_, i) => customerRow(i));
  const h = await startHarness({ memory: true });
  try {
    await h.tablesDB.create({ databaseId: 'console-db', name: 'Console' });
    await createCustomersTable(h.tablesDB, 'console-db');

    const started = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      await h.tablesDB.createRows({ databaseId: 'console-db', tableId: 'customers', rows: rows.slice(i, i + BATCH) });
    }
    const httpSeconds = (performance.now() - started) / 1000;
    const rawSeconds = rawInsert(rows);
    const httpRate = ROWS / httpSeconds;
    const rawRate = ROWS / rawSeconds;
    console.log(`bulk insert ${ROWS} rows (batches of ${BATCH}, 21 indexes incl. 2 FTS5):`);
    console.log(`  createRows over HTTP: ${httpRate.toFixed(0)} rows/s (${httpSeconds.toFixed(2)} s)`);
    console.log(`  raw better-sqlite3:   ${rawRate.toFixed(0)} rows/s (${rawSeconds.toFixed(2)} s)`);
    console.log(`  ratio: ${(httpRate / rawRate).toFixed(2)} (goal >= 0.5)`);

    console.log(`query latency over HTTP on ${ROWS} rows (${SAMPLES} samples each):`);
    const patterns = customerQueryPatterns('2025-01-03T00:00:00.000+00:00');
    for (const [name, queries] of Object.entries(patterns)) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await h.tablesDB.listRows({ databaseId: 'console-db', tableId: 'customers', queries });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
      console.log(`  ${name.padEnd(20)} p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`);
    }
  } finally {
    await h.close();
  }
}

/** The same rows into an equivalent table with the same indexes, straight through better-sqlite3. */
function rawInsert(rows: Record<string, unknown>[]): number {
  const db = new Database(':memory:');
  db.pragma('journal_mode = WAL');
  const keys = Object.keys(rows[0]!).filter((k) => k !== '$id');
  db.exec(`CREATE TABLE c (_seq INTEGER PRIMARY KEY AUTOINCREMENT, _id TEXT NOT NULL, _createdAt TEXT, _updatedAt TEXT, _permissions TEXT,
    ${keys.map((k) => `"c_${k}" TEXT COLLATE NOCASE`).join(', ')})`);
  db.exec('CREATE UNIQUE INDEX c_id ON c(_id)');
  for (const k of keys) db.exec(`CREATE INDEX "c_i_${k}" ON c("c_${k}")`);
  const insert = db.prepare(
    `INSERT INTO c (_id, _createdAt, _updatedAt, _permissions, ${keys.map((k) => `"c_${k}"`).join(', ')}) VALUES (?, ?, ?, ?, ${keys.map(() => '?').join(', ')})`,
  );
  const now = new Date().toISOString();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    db.transaction(() => {
      for (const row of rows.slice(i, i + BATCH)) insert.run(row['$id'] as string, now, now, '[]', ...keys.map((k) => row[k] as string | number));
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

await main();
