/**
 * Versioned migrations as plain data. A schema migration is an ordered list of steps in the plan's
 * operation vocabulary (plus `copy_column`, the data step of an expand / copy / contract type
 * change); a data migration is a module with `up(ctx)` and optionally `down(ctx)`.
 */
import type { DraftOperation } from '../diff/draft.js';
import type { Precheck, Risk } from '../plan/types.js';

export type MigrationKind = 'schema' | 'data';

/** One file of migrations/, read but not yet interpreted. */
export interface MigrationFile {
  readonly version: number;
  /** The part after `NNNN_`, without the extension. */
  readonly name: string;
  /** File name relative to migrations/, e.g. `0001_initial.yaml`. */
  readonly file: string;
  readonly kind: MigrationKind;
  readonly content: string;
  /** `sha256:<hex>` of the file's bytes (line endings normalised to \n). */
  readonly checksum: string;
}

/** How a value is converted when a column changes type through expand / copy / contract. */
export type Conversion =
  | 'identity'
  | 'integer_to_float'
  | 'to_text'
  | 'value_to_array'
  /** No lossless rule applies: a data migration written by the author converts the values. */
  | 'custom';

/** Copies every row's value of `from` into `to`, converted; the middle of expand / copy / contract. */
export interface CopyColumnStep {
  readonly kind: 'copy_column';
  readonly id: string;
  readonly risk: Risk;
  readonly summary: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
  readonly conversion: Conversion;
}

/** A plan operation inside a migration; `after` is recomputed when the migration runs. */
export type OperationStep = DraftOperation & {
  /** Required by `migrate lint` on destructive and data-dependent steps: why this is acceptable. */
  readonly acknowledged?: string;
  /** Set on the contract step of expand / copy / contract: the values live on in this column. */
  readonly preservedIn?: string;
};

export type MigrationStep = OperationStep | CopyColumnStep;

export interface SchemaMigration {
  readonly database: string;
  readonly steps: readonly MigrationStep[];
  /** The data-dependent operations' pre-checks, as the plan computed them. */
  readonly prechecks: readonly Precheck[];
  /** Optional explicit inverse for `migrate down` when some step cannot be reversed automatically. */
  readonly down?: readonly MigrationStep[];
}

export type HistoryStatus = 'running' | 'applied' | 'failed' | 'rolled_back';

/** One row of the history table: the latest outcome of one migration version. */
export interface HistoryEntry {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly status: HistoryStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly toolVersion: string;
  readonly appliedBy: string;
  /** The error of a failed or rolled-back run. */
  readonly error: string | null;
  /** JSON: where a partly-run migration stands (phase reached, a data migration's cursor). */
  readonly checkpoint: string | null;
}

export interface LeaseRecord {
  readonly id: string;
  readonly generation: number;
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}
