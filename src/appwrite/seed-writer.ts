import { AppwriteException, Query, Users } from 'node-appwrite';
import type { Gateway } from './gateway.js';

/**
 * Writes seed data through the gateway: users through the Users API, rows with bulk createRows in
 * batches of 100, several batches in flight. Idempotent: a batch whose ids partly exist (a re-run
 * with the same seed, or one that was interrupted) is narrowed to the missing rows.
 */

export interface SeedUserSpec {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly labels: readonly string[];
}

export interface WriteCounts {
  created: number;
  existing: number;
}

const BATCH = 100;

export class SeedWriter {
  readonly counts: Record<string, WriteCounts> = {};
  readonly #inFlight = new Set<Promise<void>>();
  readonly #buffers = new Map<string, Record<string, unknown>[]>();
  /** The first failed background batch; rethrown by the next add or by finish. */
  #failure: { error: unknown } | undefined;

  constructor(
    private readonly gateway: Gateway,
    private readonly parallelBatches: number,
    private readonly onBatch: (tableId: string, rows: number) => void,
  ) {}

  async users(users: readonly SeedUserSpec[]): Promise<void> {
    const api = new Users(this.gateway.client);
    const counts = this.#counts('users');
    await Promise.all(
      users.map(async (user) => {
        try {
          await api.create({ userId: user.id, email: user.email, name: user.name });
          counts.created++;
        } catch (error) {
          if (!(error instanceof AppwriteException && error.code === 409)) throw error;
          counts.existing++;
        }
        if (user.labels.length > 0) await api.updateLabels({ userId: user.id, labels: [...user.labels] });
        this.onBatch('users', 1);
      }),
    );
  }

  /** Queues a row; full batches are written in the background (at most parallelBatches at once). */
  async add(tableId: string, row: object): Promise<void> {
    const buffer = this.#buffers.get(tableId) ?? [];
    buffer.push(row as Record<string, unknown>);
    this.#buffers.set(tableId, buffer);
    if (buffer.length >= BATCH) await this.#flush(tableId);
  }

  /** Writes what is buffered and waits for every batch in flight. */
  async finish(): Promise<void> {
    for (const tableId of this.#buffers.keys()) await this.#flush(tableId);
    await Promise.all(this.#inFlight);
    if (this.#failure !== undefined) throw this.#failure.error;
  }

  async #flush(tableId: string): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure.error;
    const rows = this.#buffers.get(tableId) ?? [];
    if (rows.length === 0) return;
    this.#buffers.set(tableId, []);
    while (this.#inFlight.size >= this.parallelBatches) await Promise.race(this.#inFlight);
    const write: Promise<void> = this.#write(tableId, rows)
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => this.#inFlight.delete(write));
    this.#inFlight.add(write);
  }

  async #write(tableId: string, rows: Record<string, unknown>[]): Promise<void> {
    const counts = this.#counts(tableId);
    const at = this.gateway.at(tableId);
    try {
      await this.gateway.tablesDb.createRows({ ...at, rows });
      counts.created += rows.length;
    } catch (error) {
      if (!(error instanceof AppwriteException && error.code === 409)) throw error;
      const ids = rows.map((row) => String(row['$id']));
      const found = await this.gateway.tablesDb.listRows({ ...at, queries: [Query.equal('$id', ids), Query.select(['$id']), Query.limit(BATCH)], total: false });
      const existing = new Set(found.rows.map((row) => row.$id));
      const missing = rows.filter((row) => !existing.has(String(row['$id'])));
      if (missing.length > 0) await this.gateway.tablesDb.createRows({ ...at, rows: missing });
      counts.created += missing.length;
      counts.existing += existing.size;
    }
    this.onBatch(tableId, rows.length);
  }

  #counts(key: string): WriteCounts {
    this.counts[key] ??= { created: 0, existing: 0 };
    return this.counts[key];
  }
}
