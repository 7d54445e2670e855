/**
 * The YAML files as plain data, after the JSON Schema accepted their shape. Optional fields are
 * exactly the ones the YAML may omit; the semantic rules and the model builder read these.
 */
import type { AppNormalization, ColumnType, IndexType, JsonFieldType } from '../model/types.js';

export interface RawDatabaseFile {
  readonly kind: 'database';
  readonly id: string;
  readonly name: string;
  readonly enabled?: boolean;
  readonly description?: string;
  readonly removedTables?: readonly string[];
}

export interface RawEnumElement {
  readonly value: string;
  readonly description?: string;
}

export interface RawColumn {
  readonly key: string;
  readonly type: ColumnType;
  readonly size?: number;
  readonly required?: boolean;
  readonly array?: boolean;
  readonly default?: string | number | boolean | null;
  /** A decimal string only for bigint columns beyond 2^53. */
  readonly min?: number | string;
  readonly max?: number | string;
  readonly elements?: readonly RawEnumElement[];
  readonly encrypt?: boolean;
  readonly description?: string;
  readonly renamedFrom?: string;
  readonly app?: {
    readonly maxLength?: number;
    readonly json?: {
      readonly typeName: string;
      readonly fields: readonly { readonly name: string; readonly type: JsonFieldType; readonly description?: string }[];
    };
    readonly format?: 'email';
    readonly normalize?: readonly AppNormalization[];
    readonly immutable?: boolean;
    readonly requiredWhen?: { readonly column: string; readonly in: readonly string[] };
    readonly adminOnly?: boolean;
  };
}

export type RawIndexColumn =
  | string
  | { readonly column: string; readonly order?: 'asc' | 'desc'; readonly length?: number };

export interface RawIndex {
  readonly key: string;
  readonly type: IndexType;
  readonly columns: readonly RawIndexColumn[];
  readonly description?: string;
}

export type RelationKind = 'oneToOne' | 'oneToMany' | 'manyToOne' | 'manyToMany';

export interface RawTableFile {
  readonly kind: 'table';
  readonly id: string;
  readonly name: string;
  readonly typeName?: string;
  readonly description?: string;
  readonly enabled?: boolean;
  readonly rowSecurity?: boolean;
  readonly permissions?: readonly string[];
  readonly rowPermissions?: readonly string[];
  readonly columns: readonly RawColumn[];
  readonly indexes?: readonly RawIndex[];
  readonly relations?: {
    readonly outgoing?: readonly { column: string; target: string; kind: RelationKind; description?: string }[];
    readonly incoming?: readonly { from: string; kind: RelationKind; description?: string }[];
  };
}

export type RawFile = RawDatabaseFile | RawTableFile;

/** An index column entry in its long form. */
export function indexColumnEntry(entry: RawIndexColumn): { column: string; order: 'asc' | 'desc'; length: number | null } {
  if (typeof entry === 'string') return { column: entry, order: 'asc', length: null };
  return { column: entry.column, order: entry.order ?? 'asc', length: entry.length ?? null };
}
