import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open.js';

/**
 * Prepared statements keyed by SQL text. Row SQL is generated from the current schema, so a schema
 * change yields new text and stale entries simply go unused; the cap bounds that garbage.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Sqlite, private readonly cap = 1000) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      if (this.cache.size >= this.cap) this.cache.clear();
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /** Called after DDL: statements over dropped columns would fail to re-prepare. */
  clear(): void {
    this.cache.clear();
  }
}
