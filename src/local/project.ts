import type { Sqlite } from './store/open.js';
import { MetadataStore } from './store/metadata.js';
import { StatementCache } from './store/statements.js';
import { PlannerStatistics } from './store/planner-stats.js';
import type { ColumnMeta, DatabaseMeta, IndexMeta, TableMeta } from './schema/types.js';
import { databaseNotFound, tableNotFound } from './error-catalog.js';
import { rowTableName } from './sql-names.js';
import { ListCache } from './rows/list-cache.js';

const CONTEXT_CACHE_CAP = 1000;

/** One emulated Appwrite project: the SQLite handle, its metadata and cached row statements. */
export class LocalProject {
  readonly store: MetadataStore;
  readonly rowStatements: StatementCache;
  readonly statistics: PlannerStatistics;
  /** listRows responses cached for their `ttl`. */
  readonly listCache = new ListCache();
  /** Set by the worker; schema services enqueue through it. */
  enqueue: (job: SchemaJob) => void = () => undefined;
  private readonly contexts = new Map<string, { generation: number; context: TableContext }>();

  constructor(readonly db: Sqlite, readonly projectId: string) {
    this.store = new MetadataStore(db);
    this.rowStatements = new StatementCache(db);
    this.statistics = new PlannerStatistics(db);
  }

  database(id: string): DatabaseMeta {
    const database = this.store.getDatabase(id);
    if (!database) throw databaseNotFound(id);
    return database;
  }

  table(databaseId: string, tableId: string): TableMeta {
    const database = this.database(databaseId);
    const table = this.store.getTable(database.seq, tableId);
    if (!table) throw tableNotFound(tableId);
    return table;
  }

  /**
   * The table's metadata for one request. Contexts are shared and must be treated as read-only: they
   * are cached until the metadata changes, and never filled from inside a transaction, whose reads
   * may be rolled back.
   */
  context(databaseId: string, tableId: string): TableContext {
    const cacheKey = `${databaseId}\u0000${tableId}`;
    const cached = this.contexts.get(cacheKey);
    if (cached && cached.generation === this.store.generation) return cached.context;
    const context = this.contextOf(this.table(databaseId, tableId));
    if (!this.db.inTransaction) {
      if (this.contexts.size >= CONTEXT_CACHE_CAP) this.contexts.clear();
      this.contexts.set(cacheKey, { generation: this.store.generation, context });
    }
    return context;
  }

  contextOf(table: TableMeta): TableContext {
    const columns = this.store.listColumns(table.seq);
    const indexes = this.store.listIndexes(table.seq);
    return {
      table,
      sqlTable: rowTableName(table.dbSeq, table.seq),
      columns,
      available: columns.filter((c) => c.status === 'available'),
      indexes,
    };
  }

  /** Runs fn in one SQL transaction; DDL inside invalidates cached row statements. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

export interface TableContext {
  table: TableMeta;
  sqlTable: string;
  columns: ColumnMeta[];
  available: ColumnMeta[];
  indexes: IndexMeta[];
}

export type SchemaJob =
  | { target: 'column'; action: 'create' | 'delete'; seq: number }
  | { target: 'index'; action: 'create' | 'delete'; seq: number };
