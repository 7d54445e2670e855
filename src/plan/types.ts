/**
 * The Plan: what `diff(actual, desired)` decided, as readonly plain data.
 *
 * Renderers (src/render) and the executor (src/appwrite) are separate consumers of the same Plan; each
 * ends in an exhaustive `switch (op.kind)` with a `never` check, so adding an operation kind is a
 * compile error everywhere it is not handled yet. A Plan round-trips through JSON (`plan --out`), so
 * nothing here may be a class, a Map or a function.
 */
import type { Column, Index } from '../model/index.js';

/**
 * safe: additive or in place, cannot lose or reject data.
 * data_dependent: safe only if the live rows allow it; carries a Precheck the executor must run.
 * destructive: loses data (drops a table, column or index, or replaces a column).
 */
export type Risk = 'safe' | 'data_dependent' | 'destructive';

export const RISKS: readonly Risk[] = ['safe', 'data_dependent', 'destructive'];

/** What can go wrong and how to avoid it; attached to destructive operations. */
export interface Hazard {
  readonly code: 'column_data_loss' | 'table_data_loss' | 'index_removed';
  readonly message: string;
  /** How to keep the data, e.g. a migration that copies through a new column. */
  readonly advice: string;
}

/** Column properties Appwrite can change in place (PATCH …/columns/<type>/{key}). */
export type ColumnProperty = 'required' | 'default' | 'size' | 'min' | 'max' | 'elements';

/** Column properties that cannot change in place: the column is deleted and created again. */
export type ReplacedProperty = 'type' | 'array' | 'encrypt';

export interface ColumnChange {
  readonly property: ColumnProperty;
  /** JSON-safe rendering of the old and new values (`null` = unset). */
  readonly from: unknown;
  readonly to: unknown;
  readonly risk: Risk;
}

export type TableProperty = 'name' | 'enabled' | 'rowSecurity' | 'permissions';

export interface TableChange {
  readonly property: TableProperty;
  readonly from: unknown;
  readonly to: unknown;
}

interface OperationBase {
  /** Stable and unique within a plan, e.g. `create_column:customers.email`. */
  readonly id: string;
  readonly risk: Risk;
  /** One line for humans, e.g. `create column email (email, optional)`. */
  readonly summary: string;
  /** Why this operation exists: one entry per changed property, in plain words; none for a plain create (its summary says it). */
  readonly reasons: readonly string[];
  /** Ids of operations that must finish first; operations with no path between them may run concurrently. */
  readonly after: readonly string[];
  readonly hazards: readonly Hazard[];
}

export interface CreateDatabaseOp extends OperationBase {
  readonly kind: 'create_database';
  readonly database: string;
  readonly name: string;
  readonly enabled: boolean;
}

/** Carries the full desired values: Appwrite's update re-enables a database when `enabled` is omitted. */
export interface UpdateDatabaseOp extends OperationBase {
  readonly kind: 'update_database';
  readonly database: string;
  readonly name: string;
  readonly enabled: boolean;
}

export interface CreateTableOp extends OperationBase {
  readonly kind: 'create_table';
  readonly table: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly rowSecurity: boolean;
  readonly permissions: readonly string[];
}

/**
 * Carries every desired value, changed or not: Appwrite's updateTable resets `rowSecurity` to false
 * and `enabled` to true when they are omitted.
 */
export interface UpdateTableOp extends OperationBase {
  readonly kind: 'update_table';
  readonly table: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly rowSecurity: boolean;
  readonly permissions: readonly string[];
  readonly changes: readonly TableChange[];
}

export interface DeleteTableOp extends OperationBase {
  readonly kind: 'delete_table';
  readonly table: string;
  /** The live table's name and column count, for the confirmation text. */
  readonly name: string;
  readonly columnCount: number;
}

export interface CreateColumnOp extends OperationBase {
  readonly kind: 'create_column';
  readonly table: string;
  readonly column: Column;
}

/**
 * In-place change of an existing column, addressed by its (possibly just renamed) key. `column` is the
 * full desired definition: Appwrite's update requires `required` and `default` on every call.
 */
export interface UpdateColumnOp extends OperationBase {
  readonly kind: 'update_column';
  readonly table: string;
  readonly key: string;
  readonly column: Column;
  readonly previous: Column;
  readonly changes: readonly ColumnChange[];
}

/**
 * Renames with Appwrite's `newKey`, keeping the data; Appwrite rewrites index column lists itself.
 * `current` is the live column (key = `from`) whose `required`/`default` the update call must resend.
 */
export interface RenameColumnOp extends OperationBase {
  readonly kind: 'rename_column';
  readonly table: string;
  readonly from: string;
  readonly to: string;
  readonly current: Column;
}

export interface DeleteColumnOp extends OperationBase {
  readonly kind: 'delete_column';
  readonly table: string;
  readonly key: string;
  readonly previous: Column;
}

/**
 * A change Appwrite cannot make in place (type, array, encrypt): delete `key`, wait until it is gone,
 * then create `column` (whose key differs from `key` when the column was also renamed). Loses the data.
 */
export interface ReplaceColumnOp extends OperationBase {
  readonly kind: 'replace_column';
  readonly table: string;
  readonly key: string;
  readonly previous: Column;
  readonly column: Column;
  readonly replaced: readonly ReplacedProperty[];
}

export interface CreateIndexOp extends OperationBase {
  readonly kind: 'create_index';
  readonly table: string;
  readonly index: Index;
}

/** Appwrite cannot update an index: a changed index is a delete_index followed by a create_index. */
export interface DeleteIndexOp extends OperationBase {
  readonly kind: 'delete_index';
  readonly table: string;
  readonly key: string;
  readonly previous: Index;
}

export type Operation =
  | CreateDatabaseOp
  | UpdateDatabaseOp
  | CreateTableOp
  | UpdateTableOp
  | DeleteTableOp
  | CreateColumnOp
  | UpdateColumnOp
  | RenameColumnOp
  | DeleteColumnOp
  | ReplaceColumnOp
  | CreateIndexOp
  | DeleteIndexOp;

export type OperationKind = Operation['kind'];

/** What the executor found when it ran a pre-check. */
export interface PrecheckResult {
  /** Rows that would break the operation; 0 means the operation may proceed. */
  readonly violatingRows: number;
  /** A few offending row ids (at most ~10) so the user can look at them. */
  readonly sampleRowIds: readonly string[];
  /** For duplicates: a few of the duplicated values, JSON-encoded. */
  readonly sampleValues?: readonly string[];
}

interface PrecheckBase {
  /** Stable, e.g. `precheck:update_column:customers.status`. */
  readonly id: string;
  /** The data-dependent operation this check guards. */
  readonly operation: string;
  readonly table: string;
  /** Plain words: what is counted and why it matters. */
  readonly description: string;
  /** Attached by the executor (see attachPrecheckResult); absent in a freshly computed plan. */
  readonly result?: PrecheckResult;
}

/** Rows holding an enum value that the new element list no longer contains. */
export interface EnumValuesInUsePrecheck extends PrecheckBase {
  readonly kind: 'enum_values_in_use';
  readonly column: string;
  readonly values: readonly string[];
}

/** Rows with null in a column that becomes required. */
export interface NullsInRequiredPrecheck extends PrecheckBase {
  readonly kind: 'nulls_in_required';
  readonly column: string;
}

/** Rows whose value (or, for arrays, any element) is longer than the new size. */
export interface ValuesTooLongPrecheck extends PrecheckBase {
  readonly kind: 'values_too_long';
  readonly column: string;
  readonly maxLength: number;
}

/** Rows with a value outside the tightened range; a bound that did not tighten is absent. */
export interface ValuesOutOfRangePrecheck extends PrecheckBase {
  readonly kind: 'values_out_of_range';
  readonly column: string;
  /** A decimal string for bigint columns (exact beyond 2^53). */
  readonly min?: number | string;
  readonly max?: number | string;
}

/** Groups of rows sharing the same values under a new unique index. */
export interface DuplicatesUnderUniquePrecheck extends PrecheckBase {
  readonly kind: 'duplicates_under_unique';
  readonly index: string;
  readonly columns: readonly string[];
}

/**
 * Rows that already exist in a table that gains a required column: they will read null in a column
 * that says it is required, and every later update of them will be rejected until it is filled.
 */
export interface RowsWithoutRequiredPrecheck extends PrecheckBase {
  readonly kind: 'rows_missing_required';
  readonly column: string;
}

export type Precheck =
  | EnumValuesInUsePrecheck
  | NullsInRequiredPrecheck
  | ValuesTooLongPrecheck
  | ValuesOutOfRangePrecheck
  | DuplicatesUnderUniquePrecheck
  | RowsWithoutRequiredPrecheck;

export type PrecheckKind = Precheck['kind'];

export interface PlanSummary {
  readonly safe: number;
  readonly data_dependent: number;
  readonly destructive: number;
  readonly total: number;
}

export interface Plan {
  readonly version: 1;
  /** The desired database id. */
  readonly database: string;
  /** In an order that respects every `after` list. */
  readonly operations: readonly Operation[];
  readonly prechecks: readonly Precheck[];
  /**
   * `sha256:<hex>` of the canonical Model on each side (see fingerprintModel). `apply plan.json`
   * refuses when the live database's fingerprint is no longer `actual`.
   */
  readonly fingerprint: { readonly actual: string; readonly desired: string };
  readonly summary: PlanSummary;
}
