import type { ColumnMeta, TableMeta } from '../schema/types.js';
import { columnSqlName } from '../sql-names.js';
import { normalizeDatetime } from '../datetime.js';
import { parseJson, stringifyJson } from '../json-codec.js';

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
    default:
      return value;
  }
}

export function encodeValue(column: ColumnMeta, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (column.spec.array) {
    const items = (value as unknown[]).map((item) => (column.kind === 'datetime' ? normalizeDatetime(item as string) : item));
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

export function decodeRow(
  raw: Record<string, unknown>,
  table: TableMeta,
  columns: readonly ColumnMeta[],
  format: RowFormat,
  select?: readonly string[],
): Record<string, unknown> {
  const sequence = toNumber(raw['_seq']);
  const row: Record<string, unknown> = {
    $id: raw['_id'],
    $sequence: format.sequenceAsString ? String(sequence) : sequence,
    [format.tableField]: table.id,
    $databaseId: table.databaseId,
    $createdAt: raw['_createdAt'],
    $updatedAt: raw['_updatedAt'],
    $permissions: JSON.parse(String(raw['_permissions'] ?? '[]')) as string[],
  };
  const all = select === undefined || select.includes('*');
  const names = sqlNamesOf(columns);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    if (!all && !select.includes(column.key)) continue;
    row[column.key] = decodeValue(column, raw[names[i]!]);
  }
  return row;
}

/** SQL column names per column list: a cached table context renders many rows with one list. */
const sqlNames = new WeakMap<readonly ColumnMeta[], string[]>();

function sqlNamesOf(columns: readonly ColumnMeta[]): string[] {
  let names = sqlNames.get(columns);
  if (names === undefined || names.length !== columns.length) {
    names = columns.map((column) => columnSqlName(column.key));
    sqlNames.set(columns, names);
  }
  return names;
}
