/**
 * The canonical, normalized description of an Appwrite database.
 *
 * Both the YAML loader and the live introspector produce exactly this shape, so the diff never sees
 * YAML nodes or SDK responses. Everything is plain readonly data; lists are in a canonical order
 * (tables by id, columns and indexes in declaration order) so that equal models compare equal.
 */

export type ColumnType =
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'float'
  | 'datetime'
  | 'email'
  | 'url'
  | 'ip'
  | 'enum'
  | 'string'
  | 'varchar'
  | 'text'
  | 'mediumtext'
  | 'longtext';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'boolean',
  'integer',
  'bigint',
  'float',
  'datetime',
  'email',
  'url',
  'ip',
  'enum',
  'string',
  'varchar',
  'text',
  'mediumtext',
  'longtext',
];

/** Column types whose values are strings and can carry a fulltext index. */
export const STRING_FAMILY: ReadonlySet<ColumnType> = new Set<ColumnType>([
  'string',
  'varchar',
  'text',
  'mediumtext',
  'longtext',
]);

export type DefaultValue = string | number | boolean | null;

/**
 * The documented shape of a JSON document stored in a text column (e.g. `notes`). Appwrite only sees
 * a string; the shape feeds generated types and the runtime's validators.
 */
export type JsonFieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'string[]' | 'record';

export interface JsonField {
  readonly name: string;
  readonly type: JsonFieldType;
  readonly description?: string;
}

export interface JsonShape {
  /** Name of the generated TypeScript interface, e.g. `CustomerNotes`. */
  readonly typeName: string;
  readonly fields: readonly JsonField[];
}

export interface EnumElement {
  readonly value: string;
  /** Documentation only: feeds generated types and docs, never sent to Appwrite. */
  readonly description?: string;
}

interface ColumnBase {
  readonly key: string;
  readonly required: boolean;
  readonly array: boolean;
  /** `null` means "no default". */
  readonly default: DefaultValue;
  /** Documentation only. */
  readonly description?: string;
  /** Declared previous key: the diff turns a missing old key plus this column into a rename. */
  readonly renamedFrom?: string;
  /**
   * Application-level rules that Appwrite cannot express for this column (enforced by the runtime's
   * validators, ignored by the diff): a character limit on a text column, a JSON document shape.
   */
  readonly app?: AppRules;
}

/** Normalisations the runtime applies before every write and lookup (in this order). */
export type AppNormalization = 'trim' | 'lowercase';

/** A column that must be set when another (enum) column holds one of the listed values. */
export interface RequiredWhen {
  readonly column: string;
  readonly in: readonly string[];
}

/** Application-level rules for one column (see ColumnBase.app). */
export interface AppRules {
  readonly maxLength?: number;
  readonly json?: JsonShape;
  /** A format Appwrite cannot check on this column type (e.g. email on a varchar that needs fulltext). */
  readonly format?: 'email';
  readonly normalize?: readonly AppNormalization[];
  /** Set on create, never changed afterwards. */
  readonly immutable?: boolean;
  readonly requiredWhen?: RequiredWhen;
  /** Only a server (API key) or an admin may write it; a self-service user may not. */
  readonly adminOnly?: boolean;
}

export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
}
export interface IntegerColumn extends ColumnBase {
  readonly type: 'integer';
  /** `undefined` means Appwrite's unbounded default (int64 range). */
  readonly min?: number;
  readonly max?: number;
}
/**
 * An int64 column. Its bounds and default are decimal strings, so values beyond 2^53 stay exact through
 * YAML, plans (JSON) and the SDK (which takes and returns BigInt for them).
 */
export interface BigIntColumn extends ColumnBase {
  readonly type: 'bigint';
  /** `undefined` means Appwrite's unbounded default (int64 range). */
  readonly min?: string;
  readonly max?: string;
}
export interface FloatColumn extends ColumnBase {
  readonly type: 'float';
  readonly min?: number;
  readonly max?: number;
}
export interface DatetimeColumn extends ColumnBase {
  readonly type: 'datetime';
}
export interface FormatColumn extends ColumnBase {
  readonly type: 'email' | 'url' | 'ip';
}
export interface EnumColumn extends ColumnBase {
  readonly type: 'enum';
  readonly elements: readonly EnumElement[];
}
export interface SizedStringColumn extends ColumnBase {
  readonly type: 'string' | 'varchar';
  readonly size: number;
  readonly encrypt: boolean;
}
export interface TextColumn extends ColumnBase {
  readonly type: 'text' | 'mediumtext' | 'longtext';
  readonly encrypt: boolean;
}

export type Column =
  | BooleanColumn
  | IntegerColumn
  | BigIntColumn
  | FloatColumn
  | DatetimeColumn
  | FormatColumn
  | EnumColumn
  | SizedStringColumn
  | TextColumn;

export type IndexType = 'key' | 'unique' | 'fulltext';
export type IndexOrder = 'asc' | 'desc';

/** Index column lists may name these system fields besides user columns. */
export const SYSTEM_INDEXABLE = ['$id', '$createdAt', '$updatedAt'] as const;

export interface Index {
  readonly key: string;
  readonly type: IndexType;
  readonly columns: readonly string[];
  /** One per column. */
  readonly orders: readonly IndexOrder[];
  /** One per column; `null` = the whole column. */
  readonly lengths: readonly (number | null)[];
  readonly description?: string;
}

export interface Table {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly rowSecurity: boolean;
  /** Table-level permission strings, e.g. `create("users")`, sorted. */
  readonly permissions: readonly string[];
  readonly columns: readonly Column[];
  readonly indexes: readonly Index[];
  readonly description?: string;
  /** Name of the generated row type, e.g. `Customer`. Documentation only. */
  readonly typeName?: string;
  /**
   * Row-level permission templates the application applies when it writes a row, e.g.
   * `read("user:{userId}")`; `{column}` is replaced by that column's value. Documentation for the
   * diff, input for the runtime.
   */
  readonly rowPermissions?: readonly string[];
}

export interface Database {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Sorted by id. */
  readonly tables: readonly Table[];
  /**
   * Tables that must be deleted from the live database. A live table that is neither declared nor
   * listed here is left alone: deletion is always explicit.
   */
  readonly removedTables: readonly string[];
}
