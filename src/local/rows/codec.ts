import type { ColumnMeta, TableMeta } from '../schema/types.js';
import { columnSqlName, SYSTEM_COLUMNS } from '../sql-names.js';
import { normalizeDatetime } from '../datetime.js';
import { parseJson, stringifyJson } from '../json-codec.js';
import { bigintValue } from '../schema/value-rules.js';

/** Converts validated API values to SQL values and raw SQL rows back to Appwrite's Row model. */

export type SqlValue = string | number | bigint | null;

function encodeScalar(column: ColumnMeta, value: unknown): unknown {
  switch (column.kind) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'datetime':
      return normalizeDatetime(value as string) ?? null;
    case 'float':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'bigint':
      // A digit string is a valid bigint value; SQLite stores the integer.
      return typeof value === 'string' ? bigintValue(value) : value;
    default:
      return value;
  }
}

export function encodeValue(column: ColumnMeta, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (column.spec.array) {
    const items = (value as unknown[]).map((item) => (column.kind === 'datetime' || column.kind === 'bigint' ? encodeScalar(column, item) : item));
    return stringifyJson(items);
  }
  return encodeScalar(column, value) as SqlValue;
}

function toNumber(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

export function decodeValue(column: ColumnMeta, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (column.spec.array) return parseJson(String(raw));
  switch (column.kind) {
    case 'boolean':
      return Number(raw) === 1;
    case 'integer':
    case 'bigint':
      return toNumber(raw);
    case 'float':
      return Number(raw);
    default:
      return raw;
  }
}

export interface RowFormat {
  /** X-Appwrite-Response-Format >= 1.9.0 sends $sequence as a string. */
  sequenceAsString: boolean;
  /** `$tableId` (TablesDB) or `$collectionId` (legacy). */
  tableField: '$tableId' | '$collectionId';
}

/**
 * Where decodeRow finds each stored value: SQL column names for a row object, or positions for a row
 * read as an array (listRows reads pages in raw mode, which skips building an object per row).
 */
export interface RowLayout {
  seq: string | number;
  id: string | number;
  createdAt: string | number;
  updatedAt: string | number;
  permissions: string | number;
  /** Parallel to the column list decodeRow is given. */
  columns: readonly (string | number)[];
}

/** A row object (by SQL name) or a row array (by position). */
type StoredRow = Readonly<Record<string, unknown>> | readonly unknown[];

export function decodeRow(
  raw: StoredRow,
  table: TableMeta,
  columns: readonly ColumnMeta[],
  format: RowFormat,
  select?: readonly string[],
  layout: RowLayout = namedLayout(columns),
): Record<string, unknown> {
  const sequence = toNumber(at(raw, layout.seq));
  const row: Record<string, unknown> = {
    $id: at(raw, layout.id),
    $sequence: format.sequenceAsString ? String(sequence) : sequence,
    [format.tableField]: table.id,
    $databaseId: table.databaseId,
    $createdAt: at(raw, layout.createdAt),
    $updatedAt: at(raw, layout.updatedAt),
    $permissions: JSON.parse(String(at(raw, layout.permissions) ?? '[]')) as string[],
  };
  const all = select === undefined || select.includes('*');
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    if (!all && !select.includes(column.key)) continue;
    row[column.key] = decodeValue(column, at(raw, layout.columns[i]!));
  }
  return row;
}

/** By-name layouts per column list: a cached table context renders many rows with one list. */
const namedLayouts = new WeakMap<readonly ColumnMeta[], RowLayout>();

function namedLayout(columns: readonly ColumnMeta[]): RowLayout {
  let layout = namedLayouts.get(columns);
  if (layout === undefined || layout.columns.length !== columns.length) {
    layout = layoutOf(columns, (name) => name);
    namedLayouts.set(columns, layout);
  }
  return layout;
}

/** The layout of rows read as arrays whose SQL column names, in order, are `resultColumns`. */
export function positionalLayout(columns: readonly ColumnMeta[], resultColumns: readonly string[]): RowLayout {
  const position = new Map(resultColumns.map((name, i) => [name, i]));
  return layoutOf(columns, (name) => {
    const at = position.get(name);
    if (at === undefined) throw new Error(`The result has no column ${name}`);
    return at;
  });
}

function layoutOf(columns: readonly ColumnMeta[], locate: (sqlName: string) => string | number): RowLayout {
  return {
    seq: locate(SYSTEM_COLUMNS.$sequence),
    id: locate(SYSTEM_COLUMNS.$id),
    createdAt: locate(SYSTEM_COLUMNS.$createdAt),
    updatedAt: locate(SYSTEM_COLUMNS.$updatedAt),
    permissions: locate(SYSTEM_COLUMNS.$permissions),
    columns: columns.map((column) => locate(columnSqlName(column.key))),
  };
}

function at(raw: StoredRow, where: string | number): unknown {
  return (raw as Record<string | number, unknown>)[where];
}
