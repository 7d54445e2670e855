import { AppwriteException, type Models, type TablesDB } from 'node-appwrite';
import { CrmSchemaError } from '../errors.js';

export type WaitGoal = 'available' | 'gone';

interface Waiter {
  readonly kind: 'column' | 'index';
  readonly key: string;
  readonly goal: WaitGoal;
  readonly startedAt: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface LiveItem {
  readonly key: string;
  readonly status: string;
  readonly error?: string;
}

export interface WatchOptions {
  readonly timeoutMs: number;
  /** First poll after this long; later polls back off to ~10% of the time already waited. */
  readonly firstPollMs: number;
  readonly maxPollMs: number;
}

export const DEFAULT_WATCH: WatchOptions = { timeoutMs: 600_000, firstPollMs: 25, maxPollMs: 2_000 };

/**
 * Waits for Appwrite's asynchronous column and index work. One watcher per table polls getTable,
 * which reports every column and index with its status, so N pending items cost one request per
 * poll instead of N. The poll interval grows with the time already waited (about 10%), which keeps
 * the overshoot past the moment an item becomes ready proportional and small.
 */
export class TableWatcher {
  readonly #waiters = new Set<Waiter>();
  #timer: NodeJS.Timeout | undefined;
  #polling = false;

  constructor(
    private readonly tablesDb: TablesDB,
    private readonly databaseId: string,
    private readonly tableId: string,
    private readonly options: WatchOptions = DEFAULT_WATCH,
  ) {}

  waitFor(kind: 'column' | 'index', key: string, goal: WaitGoal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiters.add({ kind, key, goal, startedAt: Date.now(), resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#polling || this.#waiters.size === 0) return;
    // Paced by the newest waiter: an item queued just now may be ready in one worker step, and a long
    // wait of an older item in the same table must not stretch the poll interval past it.
    const newest = Math.max(...[...this.#waiters].map((waiter) => waiter.startedAt));
    const waited = Date.now() - newest;
    const delay = Math.min(this.options.maxPollMs, Math.max(this.options.firstPollMs, waited * 0.1));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, delay);
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    try {
      const table = await this.tablesDb.getTable({ databaseId: this.databaseId, tableId: this.tableId });
      this.#settle(table);
    } catch (error) {
      const gone = error instanceof AppwriteException && error.code === 404;
      for (const waiter of this.#waiters) {
        this.#waiters.delete(waiter);
        if (gone && waiter.goal === 'gone') waiter.resolve();
        else waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
    } finally {
      this.#polling = false;
      this.#schedule();
    }
  }

  #settle(table: Models.Table): void {
    const columns = new Map((table.columns as unknown as LiveItem[]).map((item) => [item.key, item]));
    const indexes = new Map((table.indexes as unknown as LiveItem[]).map((item) => [item.key, item]));
    for (const waiter of this.#waiters) {
      const item = (waiter.kind === 'column' ? columns : indexes).get(waiter.key);
      const outcome = judge(waiter, item, this.tableId, this.options.timeoutMs);
      if (outcome === 'pending') continue;
      this.#waiters.delete(waiter);
      if (outcome === 'done') waiter.resolve();
      else waiter.reject(outcome);
    }
  }
}

function judge(waiter: Waiter, item: LiveItem | undefined, tableId: string, timeoutMs: number): 'done' | 'pending' | Error {
  const label = `${waiter.kind} "${tableId}.${waiter.key}"`;
  if (waiter.goal === 'gone') {
    if (item === undefined) return 'done';
    if (item.status === 'stuck') return new CrmSchemaError('appwrite', `${label} is stuck while deleting: ${item.error || 'no error text'}`);
  } else {
    if (item === undefined) return new CrmSchemaError('appwrite', `${label} disappeared while waiting for it to become available`);
    if (item.status === 'available') return 'done';
    if (item.status === 'failed' || item.status === 'stuck') {
      return new CrmSchemaError('appwrite', `${label} ${item.status}: ${item.error || 'the server gave no error text'}`);
    }
  }
  if (Date.now() - waiter.startedAt > timeoutMs) {
    const status = item === undefined ? 'missing' : item.status;
    const detail = item?.error ? `; server error: ${item.error}` : '';
    return new CrmSchemaError(
      'timeout',
      `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${label} to become ${waiter.goal} (still ${status}${detail})`,
    );
  }
  return 'pending';
}
