import type { ColumnMeta, IndexMeta } from './types.js';
import { FIXED_SIZE, STRING_KINDS } from './types.js';
import { LocalApiError } from '../errors.js';
import { columnNotAvailable, indexInvalid } from '../error-catalog.js';
import { MAX_INDEX_LENGTH } from './row-width.js';

/** Internal fields an index may name, with the size Appwrite gives them. */
const SYSTEM_INDEX_FIELDS: Record<string, { string: boolean; size: number }> = {
  $id: { string: true, size: 255 },
  $createdAt: { string: false, size: 0 },
  $updatedAt: { string: false, size: 0 },
};

const RESERVED_INDEX_KEYS = new Set(['primary', '_created_at', '_updated_at', '_tenant_id']);

type IndexShape = Pick<IndexMeta, 'key' | 'type' | 'columns' | 'orders' | 'lengths'>;

function stringSize(column: ColumnMeta): number {
  return column.spec.size ?? FIXED_SIZE[column.kind] ?? 0;
}

/** Sum of key lengths: given length, else a string column's size; 2 for double; 1 for other types. */
export function indexLength(index: Pick<IndexMeta, 'columns' | 'lengths'>, columns: readonly ColumnMeta[]): number {
  let total = 0;
  index.columns.forEach((key, i) => {
    const given = index.lengths[i];
    const system = SYSTEM_INDEX_FIELDS[key];
    const column = columns.find((c) => c.key === key);
    const isString = system ? system.string : column ? STRING_KINDS.has(column.kind) : false;
    if (given !== undefined && given !== null) total += given;
    else if (isString) total += system ? system.size : stringSize(column!);
    else total += column?.kind === 'float' ? 2 : 1;
  });
  return total;
}

/** §2.6 checks 2..6, in Appwrite's order: the createIndex route's own checks, then utopia's Index validator. */
export function validateIndex(index: IndexShape, columns: readonly ColumnMeta[]): void {
  const resolved = index.columns.map((key) => ({ key, system: SYSTEM_INDEX_FIELDS[key], column: columns.find((c) => c.key === key) }));
  for (const { key, system, column } of resolved) {
    if (!system && !column) {
      throw new LocalApiError(400, 'column_unknown', `The column '${key}' required for the index could not be found. Please confirm all your columns are in the available state.`);
    }
  }
  for (const { key, column } of resolved) if (column && column.status !== 'available') throw columnNotAvailable(key);
  checkArrayColumns(index, columns);
  checkIndexStructure(index, columns);
}

/** Hard-coded index_invalid (even on TablesDB) in both createIndex and the inline indexes of createTable. */
export function checkArrayColumns(index: Pick<IndexShape, 'columns'>, columns: readonly ColumnMeta[]): void {
  for (const key of index.columns) {
    if (columns.find((c) => c.key === key)?.spec.array) {
      throw new LocalApiError(400, 'index_invalid', 'Creating indexes on array attributes is not currently supported.');
    }
  }
}

/**
 * utopia-php/database `Validator\Index::isValid` from its empty-attributes check on (the columns are
 * known to exist): duplicates, fulltext on strings, lengths, the 768 key length, reserved names.
 */
export function checkIndexStructure(index: IndexShape, columns: readonly ColumnMeta[]): void {
  const resolved = index.columns.map((key) => ({ key, system: SYSTEM_INDEX_FIELDS[key], column: columns.find((c) => c.key === key) }));
  if (index.columns.length === 0) throw indexInvalid('No attributes provided for index');
  if (new Set(index.columns.map((c) => c.toLowerCase())).size !== index.columns.length) throw indexInvalid('Duplicate attributes provided');
  if (index.type === 'fulltext') {
    for (const { key, system, column } of resolved) {
      const isString = system ? system.string : STRING_KINDS.has(column!.kind);
      if (!isString) throw indexInvalid(`Attribute "${key}" cannot be part of a fulltext index, must be of type string`);
    }
  }
  if (index.lengths.length > index.columns.length) {
    throw indexInvalid('Invalid index lengths. Count of lengths must be equal or less than the number of attributes.');
  }
  resolved.forEach(({ key, system, column }, i) => {
    const length = index.lengths[i];
    if (length === undefined || length === null) return;
    const isString = system ? system.string : STRING_KINDS.has(column!.kind);
    if (!isString) throw indexInvalid(`Cannot set a length on "${column?.kind ?? 'datetime'}" attributes`);
    if (length < 0) throw indexInvalid(`Negative index length provided for ${key}`);
    const size = system ? system.size : stringSize(column!);
    if (length > size) throw indexInvalid(`Index length ${length} is larger than the size for ${key}: ${size}"`);
  });
  if (index.type !== 'fulltext' && indexLength(index, columns) > MAX_INDEX_LENGTH) {
    throw indexInvalid(`Index length is longer than the maximum: ${MAX_INDEX_LENGTH}`);
  }
  if (RESERVED_INDEX_KEYS.has(index.key.toLowerCase())) throw indexInvalid('Index key name is reserved');
}
