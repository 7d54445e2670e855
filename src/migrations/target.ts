import type { Database } from '../model/index.js';
import type { Operation, Precheck } from '../plan/types.js';
import type { MigrationStore } from './store.js';
import type { CopyColumnStep, MigrationFile } from './types.js';

/** How one phase of operations ended. */
export type PhaseOutcome =
  | { readonly kind: 'done'; readonly completed: readonly string[] }
  | { readonly kind: 'blocked'; readonly completed: readonly string[]; readonly message: string }
  | { readonly kind: 'failed'; readonly completed: readonly string[]; readonly message: string; readonly failed: readonly string[] };

/** Where a data migration keeps its progress between runs (a JSON string, stored on the server). */
export interface CheckpointIO {
  readonly initial: string | null;
  save(checkpoint: string): Promise<void>;
}

/**
 * What the runner needs from a server, and nothing about Appwrite: src/appwrite implements it over
 * the gateway with the same engine that `push` uses.
 */
export interface MigrationTarget {
  readonly store: MigrationStore;
  /** Runs pre-checks, then the operations as a dependency graph. Never throws for a failed step. */
  runOperations(operations: readonly Operation[], prechecks: readonly Precheck[]): Promise<PhaseOutcome>;
  copyColumn(step: CopyColumnStep): Promise<void>;
  runDataMigration(file: MigrationFile, direction: 'up' | 'down', checkpoint: CheckpointIO): Promise<void>;
  /** Starts loading a data migration (stripping its TypeScript, say) ahead of its turn, so that the wait overlaps the run's requests. */
  prepareDataMigration?(file: MigrationFile): void;
  /** The live database, settled (nothing processing), without the tool's own tables. */
  liveModel(): Promise<Database | undefined>;
  /** Requests sent so far, for reports. */
  readonly requestCount: number;
}
