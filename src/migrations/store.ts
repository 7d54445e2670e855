import type { HistoryEntry, LeaseRecord } from './types.js';

/**
 * Where the runner keeps its state on the server: the history, the lease and checkpoints (inside
 * the history rows). The runner knows only this contract; src/appwrite implements it over the
 * gateway and tests use MemoryStore.
 */
export interface MigrationStore {
  /** Every history row by version, or undefined when the store does not exist yet. */
  readHistory(): Promise<HistoryEntry[] | undefined>;
  /** Creates the database (when missing) and the tool's tables; harmless when they exist or another run creates them at the same moment. */
  ensure(database: { readonly id: string; readonly name: string; readonly enabled: boolean }): Promise<void>;
  writeHistory(entry: HistoryEntry): Promise<void>;
  /** Newest lease rows first (by generation). */
  listLeases(limit: number): Promise<LeaseRecord[]>;
  /** Creates the row for a new generation; false when that generation exists already (another run won it). */
  createLease(lease: LeaseRecord): Promise<boolean>;
  renewLease(id: string, expiresAt: string): Promise<void>;
  deleteLeases(ids: readonly string[]): Promise<void>;
}

/** An in-memory store for unit tests of the runner and the lease. */
export class MemoryStore implements MigrationStore {
  history = new Map<number, HistoryEntry>();
  leases = new Map<string, LeaseRecord>();
  exists = false;

  async readHistory(): Promise<HistoryEntry[] | undefined> {
    return this.exists ? [...this.history.values()].sort((a, b) => a.version - b.version) : undefined;
  }
  async ensure(): Promise<void> {
    this.exists = true;
  }
  async writeHistory(entry: HistoryEntry): Promise<void> {
    this.history.set(entry.version, entry);
  }
  async listLeases(limit: number): Promise<LeaseRecord[]> {
    return [...this.leases.values()].sort((a, b) => b.generation - a.generation).slice(0, limit);
  }
  async createLease(lease: LeaseRecord): Promise<boolean> {
    if (this.leases.has(lease.id)) return false;
    this.leases.set(lease.id, lease);
    return true;
  }
  async renewLease(id: string, expiresAt: string): Promise<void> {
    const lease = this.leases.get(id);
    if (lease !== undefined) this.leases.set(id, { ...lease, expiresAt });
  }
  async deleteLeases(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.leases.delete(id);
  }
}
