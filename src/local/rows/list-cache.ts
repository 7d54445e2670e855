import type { TableContext } from '../project.js';

/**
 * listRows' `ttl` cache (Appwrite's Documents/XList.php with Action::getListCacheField): entries are
 * keyed by the table's schema (columns and indexes), the caller's roles and the exact queries, and
 * the rows and the total are cached apart. Row writes do not invalidate anything (readers see stale
 * rows until the ttl passes); schema changes do, through the key; updateTable's `purge` drops all.
 * Appwrite keys its hash by table id alone, so same-named tables of two databases share it; the local
 * server keys by the table itself instead of copying that accident.
 */

interface Entry {
  savedAt: number;
  value: unknown;
}

/** Bounds memory: a table's variations are dropped wholesale when there are this many. */
const MAX_ENTRIES_PER_TABLE = 1000;

export interface ListRequest {
  context: TableContext;
  roles: readonly string[];
  /** Rendering options that change the body ($sequence type, $tableId or $collectionId). */
  format: string;
  queries: readonly string[];
  withTotal: boolean;
  ttlSeconds: number;
}

export class ListCache {
  private readonly tables = new Map<number, Map<string, Entry>>();

  /** The list body, from the cache where fresh enough; `hit` says whether the rows came from it. */
  through(
    request: ListRequest,
    now: number,
    list: () => { total: number } & Record<string, unknown>,
    rowsField: string,
  ): { body: { total: number } & Record<string, unknown>; hit: boolean } {
    const entries = this.entriesOf(request.context.table.seq);
    const field = fieldOf(request);
    const rows = fresh(entries.get(`${field}:rows`), request.ttlSeconds, now);
    const total = request.withTotal ? fresh(entries.get(`${field}:total`), request.ttlSeconds, now) : { value: 0 };
    if (rows && total) return { body: { total: total.value as number, [rowsField]: rows.value }, hit: true };
    const computed = list();
    if (rows === undefined) entries.set(`${field}:rows`, { savedAt: now, value: computed[rowsField] });
    if (total === undefined) entries.set(`${field}:total`, { savedAt: now, value: computed.total });
    return { body: { total: total ? (total.value as number) : computed.total, [rowsField]: rows ? rows.value : computed[rowsField] }, hit: rows !== undefined };
  }

  purge(tableSeq: number): void {
    this.tables.delete(tableSeq);
  }

  private entriesOf(tableSeq: number): Map<string, Entry> {
    let entries = this.tables.get(tableSeq);
    if (!entries || entries.size >= MAX_ENTRIES_PER_TABLE) {
      entries = new Map();
      this.tables.set(tableSeq, entries);
    }
    return entries;
  }
}

function fresh(entry: Entry | undefined, ttlSeconds: number, now: number): Entry | undefined {
  return entry !== undefined && now - entry.savedAt < ttlSeconds * 1000 ? entry : undefined;
}

function fieldOf(request: ListRequest): string {
  const { context } = request;
  const schema = JSON.stringify([
    context.columns.map((c) => [c.key, c.kind, c.status, c.spec]),
    context.indexes.map((i) => [i.key, i.type, i.status, i.columns, i.orders, i.lengths]),
  ], (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return JSON.stringify([schema, request.roles, request.queries, request.format]);
}
