import type { ColumnMeta, IndexMeta, IndexType } from './types.js';
import { argumentInvalid, isKey, KEY_TEXT } from '../params.js';
import { indexInvalid } from '../error-catalog.js';
import { checkArrayColumns, checkIndexStructure } from './index-rules.js';
import { MAX_INDEXES } from './row-width.js';

/**
 * The inline `indexes` of createTable. Appwrite checks them in three steps (appwrite/appwrite main,
 * Databases/Http/Databases/Collections/Create.php): `Appwrite\Utopia\Database\Validator\Indexes`
 * (400 general_argument_invalid), then buildIndexDocument's array-column refusal (index_invalid),
 * then utopia-php/database's Index validator over the inline columns (column_index_invalid).
 * Indexes name their columns under `attributes` on both APIs, and orders are upper case only.
 */

export type InlineIndex = Pick<IndexMeta, 'key' | 'type' | 'columns' | 'orders' | 'lengths'>;

const TYPES = ['key', 'fulltext', 'unique', 'spatial'];
const SYSTEM_FIELDS = ['$id', '$createdAt', '$updatedAt'];

export function parseInlineIndexes(items: readonly Record<string, unknown>[], columns: readonly ColumnMeta[]): InlineIndex[] {
  if (items.length > MAX_INDEXES) throw argumentInvalid(`Maximum of ${MAX_INDEXES} indexes allowed`);
  const keys: string[] = [];
  items.forEach((item, i) => checkShape(item, i, keys));
  return items.map((item) => {
    const index = toIndex(item, columns);
    checkArrayColumns(index, columns);
    for (const key of index.columns) {
      if (!SYSTEM_FIELDS.includes(key) && !columns.some((c) => c.key === key)) throw indexInvalid(`Invalid index attribute "${key}" not found`);
    }
    checkIndexStructure(index, columns);
    if ((index.type as string) === 'spatial') {
      const column = columns.find((c) => c.key === index.columns[0]);
      throw indexInvalid(`Spatial index can only be created on spatial attributes (point, linestring, polygon). Attribute "${index.columns[0]}" is of type "${column?.kind ?? 'string'}"`);
    }
    return index;
  });
}

function checkShape(item: Record<string, unknown>, i: number, keys: string[]): void {
  const fail = (message: string): never => {
    throw argumentInvalid(message);
  };
  const key = item['key'];
  if (typeof key !== 'string') fail(`Index at position ${i} is missing required field 'key'`);
  if (typeof item['type'] !== 'string') fail(`Index at position ${i} is missing required field 'type'`);
  const attributes = item['attributes'];
  if (!Array.isArray(attributes)) fail(`Index at position ${i} is missing required field 'attributes' (must be an array)`);
  if (!isKey(key)) fail(`Invalid key for index at position ${i}: ${KEY_TEXT}`);
  if (keys.includes(key as string)) fail(`Duplicate index key: ${String(key)}`);
  keys.push(key as string);
  if (!TYPES.includes(item['type'] as string)) fail(`Invalid type for index '${String(key)}': ${String(item['type'])}`);
  const list = attributes as unknown[];
  if (list.length === 0) fail(`Index '${String(key)}' must have at least one attribute`);
  if (list.length > 100) fail(`Index '${String(key)}' cannot have more than 100 attributes`);
  list.forEach((attribute, at) => {
    if (typeof attribute !== 'string') fail(`Invalid attribute at position ${at} in index '${String(key)}': must be a string`);
    if (!isKey(attribute) && !SYSTEM_FIELDS.includes(attribute as string)) fail(`Invalid attribute name '${String(attribute)}' in index '${String(key)}'`);
  });
  checkParallel(item, 'orders', String(key), list.length, fail, (order) => {
    if (order !== null && order !== '' && order !== 'ASC' && order !== 'DESC') fail(`Invalid order '${String(order)}' in index '${String(key)}'. Must be 'ASC' or 'DESC'`);
  });
  checkParallel(item, 'lengths', String(key), list.length, fail, (length) => {
    if (length !== null && (typeof length !== 'number' || !Number.isInteger(length) || length < 0)) {
      fail(`Invalid length in index '${String(key)}': must be a non-negative integer or null`);
    }
  });
}

/** `orders` and `lengths`, when given, must have one entry per attribute. */
function checkParallel(item: Record<string, unknown>, name: 'orders' | 'lengths', key: string, count: number, fail: (m: string) => never, each: (v: unknown) => void): void {
  const value = item[name];
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) fail(`Index '${key}' ${name} must be an array`);
  const list = value as unknown[];
  if (list.length !== count) fail(`Index '${key}': ${name} array length (${list.length}) must match attributes array length (${count})`);
  list.forEach(each);
}

/**
 * Column names resolve case-insensitively (utopia's validator lower-cases them and MariaDB's column
 * names are case-insensitive), so they are stored with the column's own spelling. An empty length is
 * stored as null, as buildIndexDocument does.
 */
function toIndex(item: Record<string, unknown>, columns: readonly ColumnMeta[]): InlineIndex {
  const names = (item['attributes'] as string[]).map((name) => columns.find((c) => c.key.toLowerCase() === name.toLowerCase())?.key ?? name);
  const lengths = Array.isArray(item['lengths']) ? (item['lengths'] as (number | null)[]) : [];
  return {
    key: item['key'] as string,
    type: item['type'] as IndexType,
    columns: names,
    orders: Array.isArray(item['orders']) ? (item['orders'] as (string | null)[]).map((o) => o ?? '') : [],
    lengths: names.map((_, i) => lengths[i] || null),
  };
}
