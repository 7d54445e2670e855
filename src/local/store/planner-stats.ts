import type { Sqlite } from './open.js';
import { quoteIdent } from '../sql-names.js';

/**
 * Keeps SQLite's planner statistics (sqlite_stat1) in step with the row tables. Without statistics
 * SQLite guesses that a one-sided range (`lessThan`, `greaterThan`) keeps a quarter of the rows and
 * may prefer a full scan over the column's index; MariaDB, which Appwrite runs on, keeps statistics
 * up to date by itself. So a table is analyzed once an index on it becomes available, and again each
 * time it has grown by GROWTH_FACTOR since its last analysis. These are full analyses: a sampled one
 * (analysis_limit) leaves out the sqlite_stat4 samples that range estimates rely on. A full ANALYZE of
 * 100,000 customer rows with 22 indexes takes about 0.25 s; growth steps of 4x keep the total within
 * a few percent of the time it took to write the rows. The work runs on the next turn of the event
 * loop, outside the request and its transaction.
 */
const GROWTH_FACTOR = 4;
const MIN_ROWS_BETWEEN = 1000;

export class PlannerStatistics {
  /** Per row table: rows written since the last analysis and the row count it saw. */
  private readonly tables = new Map<string, { written: number; analyzedRows: number }>();
  private readonly queued = new Set<string>();

  constructor(private readonly db: Sqlite) {}

  /** Counts inserted rows; schedules an analysis when the table has grown enough. */
  noteInserts(table: string, count: number): void {
    let state = this.tables.get(table);
    if (!state) {
      state = { written: 0, analyzedRows: this.analyzedRows(table) };
      this.tables.set(table, state);
    }
    state.written += count;
    if (state.written >= Math.max(MIN_ROWS_BETWEEN, state.analyzedRows * (GROWTH_FACTOR - 1))) this.analyzeSoon(table);
  }

  /** After DDL that gives the planner a new choice (an index became available). */
  analyzeSoon(table: string): void {
    if (this.queued.has(table)) return;
    this.queued.add(table);
    setImmediate(() => {
      this.queued.delete(table);
      this.analyzeNow(table);
    }).unref();
  }

  private analyzeNow(table: string): void {
    // A closed store, a transaction left open by a caller or a table dropped meanwhile: skip quietly,
    // statistics are an optimisation and the next trigger retries.
    if (!this.db.open || this.db.inTransaction) return;
    try {
      this.db.exec(`ANALYZE ${quoteIdent(table)}`);
    } catch {
      return;
    }
    this.tables.set(table, { written: 0, analyzedRows: this.analyzedRows(table) });
  }

  /** The row count sqlite_stat1 recorded for the table (0 when it was never analyzed). */
  private analyzedRows(table: string): number {
    try {
      const stat = this.db.prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1').pluck().get(table) as string | undefined;
      return Number.parseInt(stat ?? '0', 10) || 0;
    } catch {
      return 0; // sqlite_stat1 does not exist before the first ANALYZE
    }
  }
}
