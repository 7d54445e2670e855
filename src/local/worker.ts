import type { LocalProject, SchemaJob } from './project.js';
import type { ColumnMeta, IndexMeta } from './schema/types.js';
import { indexesAfterColumnDelete } from './schema/index-cleanup.js';
import { addColumn, createPhysicalIndex, dropColumn, dropPhysicalIndex } from './store/ddl.js';
import { columnSqlName, rowTableName } from './sql-names.js';

/**
 * Appwrite's database worker: one queue, one item at a time, an optional delay before each item.
 * Creates end `available` or `failed` (with the error text); deletes remove the item.
 */
export class SchemaWorker {
  private readonly queue: SchemaJob[] = [];
  private running = false;
  private closed = false;
  private current: Promise<void> = Promise.resolve();

  constructor(private readonly project: LocalProject, private readonly delayMs: number) {
    project.enqueue = (job) => this.enqueue(job);
  }

  /** Resumes work a previous process left unfinished. */
  resume(): void {
    const { columns, indexes } = this.project.store.pendingWork();
    for (const c of columns) this.enqueue({ target: 'column', action: c.status === 'deleting' ? 'delete' : 'create', seq: c.seq });
    for (const i of indexes) this.enqueue({ target: 'index', action: i.status === 'deleting' ? 'delete' : 'create', seq: i.seq });
  }

  enqueue(job: SchemaJob): void {
    if (this.closed) return;
    this.queue.push(job);
    if (!this.running) {
      this.running = true;
      this.current = this.drain();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.current;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      await wait(this.delayMs);
      const job = this.queue.shift();
      if (!job || this.closed) break;
      try {
        this.run(job);
      } catch {
        // A job whose table vanished meanwhile has nothing left to do.
      }
    }
    this.running = false;
  }

  private run(job: SchemaJob): void {
    if (job.target === 'column') {
      const column = this.project.store.getColumnBySeq(job.seq);
      if (!column) return;
      if (job.action === 'create') this.createColumn(column);
      else this.deleteColumn(column);
    } else {
      const index = this.project.store.getIndexBySeq(job.seq);
      if (!index) return;
      if (job.action === 'create') this.createIndex(index);
      else this.deleteIndex(index);
    }
    this.project.rowStatements.clear();
  }

  private sqlTable(tableSeq: number): string | undefined {
    const table = this.project.store.getTableBySeq(tableSeq);
    return table && rowTableName(table.dbSeq, table.seq);
  }

  private createColumn(column: ColumnMeta): void {
    if (column.status !== 'processing') return;
    const table = this.sqlTable(column.tableSeq);
    if (!table) return;
    try {
      this.project.transaction(() => {
        addColumn(this.project.db, table, column.key, column.kind, column.spec.array);
        this.project.store.setColumnStatus(column.seq, 'available');
      });
    } catch (error) {
      this.project.store.setColumnStatus(column.seq, 'failed', messageOf(error));
    }
  }

  /**
   * MariaDB semantics (§3.4): the column leaves every index that uses it; an index left empty, or
   * now equal to another, is deleted (see index-cleanup.ts for Appwrite's exact rule).
   */
  private deleteColumn(column: ColumnMeta): void {
    const table = this.sqlTable(column.tableSeq);
    if (!table) return;
    const db = this.project.db;
    try {
      this.project.transaction(() => {
        const indexes = this.project.store.listIndexes(column.tableSeq);
        const { changed, deleted } = indexesAfterColumnDelete(indexes, column.key);
        for (const index of [...changed, ...deleted]) if (index.status === 'available') dropPhysicalIndex(db, table, index);
        for (const index of deleted) this.project.store.deleteIndex(index.seq);
        for (const index of changed) this.project.store.updateIndexColumns(index.seq, index.columns, index.orders, index.lengths);
        const exists = (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, columnSqlName(column.key))) !== undefined;
        if (exists) dropColumn(db, table, column.key);
        for (const index of changed) if (index.status === 'available') createPhysicalIndex(db, table, index);
        this.project.store.deleteColumn(column.seq);
      });
    } catch (error) {
      this.project.store.setColumnStatus(column.seq, 'stuck', messageOf(error));
    }
  }

  private createIndex(index: IndexMeta): void {
    if (index.status !== 'processing') return;
    const table = this.sqlTable(index.tableSeq);
    if (!table) return;
    try {
      this.project.transaction(() => {
        createPhysicalIndex(this.project.db, table, index);
        this.project.store.setIndexStatus(index.seq, 'available');
      });
      this.project.statistics.analyzeSoon(table);
    } catch (error) {
      const text = messageOf(error);
      const message = text.includes('UNIQUE constraint failed')
        ? `Duplicate entry found: the existing rows hold duplicate values for the unique index '${index.key}'.`
        : text;
      this.project.store.setIndexStatus(index.seq, 'failed', message);
    }
  }

  private deleteIndex(index: IndexMeta): void {
    const table = this.sqlTable(index.tableSeq);
    if (!table) return;
    this.project.transaction(() => {
      if (index.status === 'deleting' || index.status === 'available') dropPhysicalIndex(this.project.db, table, index);
      this.project.store.deleteIndex(index.seq);
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
