import { Query, type Models, type TablesDB } from 'node-appwrite';
import type { CheckpointIO } from '../migrations/target.js';
import type { Gateway } from './gateway.js';

export type Row = Models.DefaultRow;
/** Column values to set on one row, by key. */
export type RowChanges = Record<string, unknown>;

/** Progress of one pass over a table: `total` when known. */
export type ProgressSink = (label: string, processed: number, total: number | undefined, finished: boolean) => void;

export interface UpdateEachOptions {
  /** Filters narrowing the rows visited (Query strings). */
  readonly queries?: readonly string[];
  /** Rows expected, for the progress bar. */
  readonly total?: number;
  /** Names the pass in progress output and in the checkpoint (default: the table id). */
  readonly label?: string;
}

/**
 * What a data migration's `up(ctx)` / `down(ctx)` receives. Everything goes through the tool's
 * gateway (retries with backoff, bounded requests in flight).
 */
export interface DataMigrationContext {
  readonly databaseId: string;
  /** node-appwrite's TablesDB service over the gateway's client, for anything the helpers do not cover. */
  readonly tablesDB: TablesDB;
  log(message: string): void;
  /** Every matching row, a page at a time, by cursor (pages of 1,000; `select` narrows the columns read). */
  scan(tableId: string, options?: { queries?: readonly string[]; select?: readonly string[] }): AsyncGenerator<Row[]>;
  /**
   * Visits every matching row once and writes the changes `change` returns (undefined: leave the row
   * alone), 100 rows per bulk write. Resumable and exactly-once in effect: before a batch is written,
   * its computed values are saved in the checkpoint on the server; a run killed at any point resumes
   * by writing those saved values again (never by recomputing them from rows it already changed) and
   * carries on after the batch.
   */
  updateEach(tableId: string, change: (row: Row) => RowChanges | undefined, options?: UpdateEachOptions): Promise<{ processed: number; changed: number }>;
}

interface PassState {
  cursor: string | null;
  processed: number;
  changed: number;
  done?: boolean;
  /** Write-ahead record of the batch being written. */
  pending?: { rows: { $id: string; data: RowChanges }[]; next: string };
}

const BATCH = 100;
const SCAN_PAGE = 1000;

export function createDataContext(gateway: Gateway, checkpoint: CheckpointIO, log: (message: string) => void, progress: ProgressSink): DataMigrationContext {
  const { tablesDb } = gateway;
  const state: Record<string, PassState> = checkpoint.initial ? (JSON.parse(checkpoint.initial) as Record<string, PassState>) : {};
  const save = (): Promise<void> => checkpoint.save(JSON.stringify(state));

  async function* scan(tableId: string, options: { queries?: readonly string[]; select?: readonly string[] } = {}): AsyncGenerator<Row[]> {
    let cursor: string | undefined;
    for (;;) {
      const queries = [...(options.queries ?? []), Query.limit(SCAN_PAGE)];
      if (options.select !== undefined) queries.push(Query.select(['$id', ...options.select]));
      if (cursor !== undefined) queries.push(Query.cursorAfter(cursor));
      const page = await tablesDb.listRows({ ...gateway.at(tableId), queries, total: false });
      if (page.rows.length > 0) yield page.rows;
      cursor = page.rows.at(-1)?.$id;
      if (cursor === undefined || page.rows.length < SCAN_PAGE) return;
    }
  }

  async function updateEach(tableId: string, change: (row: Row) => RowChanges | undefined, options: UpdateEachOptions = {}): Promise<{ processed: number; changed: number }> {
    const label = options.label ?? tableId;
    const pass: PassState = (state[label] ??= { cursor: null, processed: 0, changed: 0 });
    if (pass.done) return { processed: pass.processed, changed: pass.changed };
    if (pass.pending !== undefined) {
      // Killed while (or after) writing this batch: write the saved values again, one row at a time
      // so that no other column has to be resent.
      for (const row of pass.pending.rows) await tablesDb.updateRow({ ...gateway.at(tableId), rowId: row.$id, data: row.data });
      pass.cursor = pass.pending.next;
      delete pass.pending;
    }
    // Read once, and only when there is something to write (a pass over nothing costs no request).
    let required: Promise<string[]> | undefined;
    const pageAfter = (cursor: string | null): Promise<{ rows: Row[] }> => {
      const queries = [...(options.queries ?? []), Query.limit(BATCH)];
      if (cursor !== null) queries.push(Query.cursorAfter(cursor));
      return tablesDb.listRows({ ...gateway.at(tableId), queries, total: false });
    };
    let page = await pageAfter(pass.cursor);
    for (;;) {
      const last = page.rows.at(-1);
      if (last === undefined) break;
      // The next page is read while this one is written: writes here never move rows across the cursor.
      const next = page.rows.length < BATCH ? undefined : pageAfter(last.$id);
      next?.catch(() => {}); // awaited below; a failure here must not surface as unhandled meanwhile
      const changes = page.rows.flatMap((row) => {
        const data = change(row);
        return data === undefined || Object.keys(data).length === 0 ? [] : [{ row, data }];
      });
      if (changes.length > 0) {
        pass.pending = { rows: changes.map(({ row, data }) => ({ $id: row.$id, data })), next: last.$id };
        await save();
        // An upsert of an existing row must carry its required columns; the rest keep their values.
        required ??= requiredColumns(gateway, tableId);
        const keys = await required;
        const rows = changes.map(({ row, data }) => ({ ...pick(row, keys), ...data, $id: row.$id }));
        await tablesDb.upsertRows({ ...gateway.at(tableId), rows });
        delete pass.pending;
      }
      pass.cursor = last.$id;
      pass.processed += page.rows.length;
      pass.changed += changes.length;
      progress(label, pass.processed, options.total, false);
      if (next === undefined) break;
      page = await next;
    }
    pass.done = true;
    // A pass that met no row leaves nothing a resumed run could skip: no checkpoint to write.
    if (pass.processed > 0) await save();
    progress(label, pass.processed, options.total, true);
    return { processed: pass.processed, changed: pass.changed };
  }

  return { databaseId: gateway.databaseId, tablesDB: tablesDb, log, scan, updateEach };
}

async function requiredColumns(gateway: Gateway, tableId: string): Promise<string[]> {
  const table = await gateway.tablesDb.getTable(gateway.at(tableId));
  return (table.columns as unknown as { key: string; required: boolean }[]).filter((c) => c.required).map((c) => c.key);
}

function pick(row: Row, keys: readonly string[]): RowChanges {
  const picked: RowChanges = {};
  for (const key of keys) picked[key] = (row as Record<string, unknown>)[key];
  return picked;
}
