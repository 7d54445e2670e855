import { AppwriteException, Query, type Models } from 'node-appwrite';
import { HISTORY_TABLE_ID, LOCK_TABLE_ID } from '../model/index.js';
import { versionLabel } from '../migrations/source.js';
import type { MigrationStore } from '../migrations/store.js';
import type { HistoryEntry, HistoryStatus, LeaseRecord } from '../migrations/types.js';
import { CrmSchemaError } from '../errors.js';
import type { Gateway } from './gateway.js';
import { unexpectedNotFoundError } from './not-appwrite.js';

/**
 * The migration store as two tables in the target database. They are created with inline columns,
 * which Appwrite creates synchronously in the one createTable request (no worker queue, nothing to
 * wait for) and all-or-nothing, so a table is either absent or complete. Only string, integer and
 * datetime columns are used: the types every Appwrite 1.9 build accepts inline.
 */
const LOCK_COLUMNS = [
  { key: 'generation', type: 'integer', required: true },
  { key: 'owner', type: 'string', size: 512, required: true },
  { key: 'acquiredAt', type: 'datetime', required: true },
  { key: 'expiresAt', type: 'datetime', required: true },
];
const HISTORY_COLUMNS = [
  { key: 'version', type: 'integer', required: true },
  { key: 'name', type: 'string', size: 255, required: true },
  { key: 'checksum', type: 'string', size: 80, required: true },
  { key: 'status', type: 'string', size: 16, required: true },
  { key: 'startedAt', type: 'datetime', required: true },
  { key: 'finishedAt', type: 'datetime', required: false },
  { key: 'durationMs', type: 'integer', required: false },
  { key: 'toolVersion', type: 'string', size: 32, required: true },
  { key: 'appliedBy', type: 'string', size: 512, required: true },
  // Sizes above 16,381 characters are stored off-row (20 bytes of row width each).
  { key: 'error', type: 'string', size: 100_000, required: false },
  { key: 'checkpoint', type: 'string', size: 1_000_000, required: false },
];
const PAGE = 1000;

export class AppwriteMigrationStore implements MigrationStore {
  #exists = false;
  /** Learnt from readHistory's 404: the database is there, only our tables are not. */
  #databaseExists = false;

  constructor(private readonly gateway: Gateway) {}

  async readHistory(): Promise<HistoryEntry[] | undefined> {
    const rows: Models.DefaultRow[] = [];
    try {
      for (;;) {
        const last = rows.at(-1);
        const page = await this.gateway.tablesDb.listRows({
          ...this.gateway.at(HISTORY_TABLE_ID),
          queries: [Query.limit(PAGE), Query.orderAsc('$id'), ...(last ? [Query.cursorAfter(last.$id)] : [])],
          total: false,
        });
        rows.push(...page.rows);
        if (page.rows.length < PAGE) break;
      }
    } catch (error) {
      if (isMissing(error)) {
        this.#databaseExists = (error as AppwriteException).type !== 'database_not_found';
        return undefined;
      }
      if (error instanceof AppwriteException && error.code === 404) {
        throw unexpectedNotFoundError(this.gateway.client.config.endpoint, this.gateway.databaseId, error.type, error.message);
      }
      throw storeError('read the migration history', error);
    }
    this.#exists = true;
    return rows.map(toHistoryEntry).sort((a, b) => a.version - b.version);
  }

  async ensure(database: { readonly id: string; readonly name: string; readonly enabled: boolean }): Promise<void> {
    if (this.#exists) return;
    const { tablesDb, databaseId } = this.gateway;
    if (!this.#databaseExists) {
      try {
        await tablesDb.create({ databaseId, name: database.name, enabled: database.enabled });
      } catch (error) {
        if (!(error instanceof AppwriteException && error.code === 409)) throw storeError(`create database ${databaseId}`, error);
      }
    }
    // Both at once (one round trip). Should only the history table come out of it, the lease's
    // requests create the lock table when they find it missing.
    const created = await Promise.allSettled([this.#createLockTable(), this.#createTable(HISTORY_TABLE_ID, 'crm-schema migration history', HISTORY_COLUMNS)]);
    for (const result of created) if (result.status === 'rejected') throw result.reason;
    this.#exists = true;
  }

  #createLockTable(): Promise<void> {
    return this.#createTable(LOCK_TABLE_ID, 'crm-schema migration lock', LOCK_COLUMNS);
  }

  /**
   * Runs a request on the lock table, creating the table first when it turns out to be missing
   * beside an existing history (never from a command that only reads, on a database without them).
   */
  async #onLockTable<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!this.#exists || !isMissing(error) || (error as AppwriteException).type === 'database_not_found') throw error;
      await this.#createLockTable();
      return request();
    }
  }

  async #createTable(tableId: string, name: string, columns: readonly object[]): Promise<void> {
    try {
      await this.gateway.tablesDb.createTable({ ...this.gateway.at(tableId), name, permissions: [], rowSecurity: false, enabled: true, columns: [...columns] });
    } catch (error) {
      if (!(error instanceof AppwriteException && error.code === 409)) throw storeError(`create the table ${tableId}`, error);
    }
  }

  async writeHistory(entry: HistoryEntry): Promise<void> {
    await this.gateway.tablesDb
      .upsertRow({ ...this.gateway.at(HISTORY_TABLE_ID), rowId: historyRowId(entry.version), data: { ...entry } })
      .catch((error: unknown) => Promise.reject(storeError(`record migration ${entry.version} in the history`, error)));
  }

  async listLeases(limit: number): Promise<LeaseRecord[]> {
    const page = await this.#onLockTable(() =>
      this.gateway.tablesDb.listRows({ ...this.gateway.at(LOCK_TABLE_ID), queries: [Query.orderDesc('generation'), Query.limit(limit)], total: false }),
    )
      .catch((error: unknown) => Promise.reject(storeError('read the migration lock', error)));
    return page.rows.map((row) => ({
      id: row.$id,
      generation: Number(row.generation),
      owner: String(row.owner),
      acquiredAt: String(row.acquiredAt),
      expiresAt: String(row.expiresAt),
    }));
  }

  async createLease(lease: LeaseRecord): Promise<boolean> {
    try {
      const { id, ...data } = lease;
      await this.#onLockTable(() => this.gateway.tablesDb.createRow({ ...this.gateway.at(LOCK_TABLE_ID), rowId: id, data }));
      return true;
    } catch (error) {
      if (error instanceof AppwriteException && error.code === 409) return false;
      throw storeError('take the migration lock', error);
    }
  }

  async renewLease(id: string, expiresAt: string): Promise<void> {
    await this.gateway.tablesDb
      .updateRow({ ...this.gateway.at(LOCK_TABLE_ID), rowId: id, data: { expiresAt } })
      .catch((error: unknown) => Promise.reject(storeError('renew the migration lock', error)));
  }

  async deleteLeases(ids: readonly string[]): Promise<void> {
    await this.gateway.tablesDb.deleteRows({ ...this.gateway.at(LOCK_TABLE_ID), queries: [Query.equal('$id', [...ids])] });
  }
}

export function historyRowId(version: number): string {
  return `v${versionLabel(version)}`;
}

/** Appwrite's refusal of a bookkeeping request, as a user error (one line, no stack) that says what failed. */
function storeError(what: string, error: unknown): unknown {
  if (!(error instanceof AppwriteException)) return error;
  return new CrmSchemaError('appwrite', `could not ${what}: ${error.code} ${error.type}: ${error.message}`, { cause: error });
}

function isMissing(error: unknown): boolean {
  return error instanceof AppwriteException && error.code === 404 && (error.type === 'database_not_found' || error.type === 'table_not_found' || error.type === 'collection_not_found');
}

function toHistoryEntry(row: Models.DefaultRow): HistoryEntry {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  return {
    version: Number(row.version),
    name: String(row.name),
    checksum: String(row.checksum),
    status: String(row.status) as HistoryStatus,
    startedAt: String(row.startedAt),
    finishedAt: text(row.finishedAt),
    durationMs: row.durationMs === null || row.durationMs === undefined ? null : Number(row.durationMs),
    toolVersion: String(row.toolVersion),
    appliedBy: String(row.appliedBy),
    error: text(row.error),
    checkpoint: text(row.checkpoint),
  };
}
