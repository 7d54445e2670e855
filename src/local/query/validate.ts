/**
 * Validates a parsed query list against a table (Appwrite's Documents validator: Limit, Offset,
 * Cursor, Filter, Order, Select) and groups it the way `Query::groupByType` does: filters and
 * orders accumulate, the first limit/offset/cursor wins, selects are merged.
 */
import { queryInvalid } from '../errors.js';
import { resolveColumn, SELECTABLE_INTERNAL_KEYS } from './columns.js';
import { checkFulltext, validateFilter, type FilterNode } from './filter.js';
import type { CursorDirection, OrderSpec } from './order.js';
import type { ParsedQuery, QueryTable } from './types.js';

export interface ValidatedQueries {
  filters: FilterNode[];
  orders: OrderSpec[];
  limit?: number;
  offset?: number;
  cursor?: { direction: CursorDirection; rowId: string };
  /** undefined = every column (no select, or `*` selected). */
  select?: string[];
}

const MAX_RANGE = '9,223,372,036,854,775,807';
const CURSOR_RULE =
  'Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. ' +
  "Can't start with a special char";
const UID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;

export function validateQueries(table: QueryTable, queries: readonly ParsedQuery[]): ValidatedQueries {
  const result: ValidatedQueries = { filters: [], orders: [] };
  let selected: string[] | undefined;
  let selectAll = false;

  for (const query of queries) {
    switch (query.method) {
      case 'select': {
        const keys = validateSelect(table, query.values);
        if (keys.includes('*')) selectAll = true;
        selected = [...(selected ?? []), ...keys.filter((key) => key !== '*')];
        break;
      }
      case 'orderAsc':
      case 'orderDesc': {
        const column = resolveColumn(table, query.attribute);
        if (!column) throw queryInvalid(`Attribute not found in schema: ${query.attribute}`);
        result.orders.push({ kind: 'column', column, direction: query.method === 'orderAsc' ? 'ASC' : 'DESC' });
        break;
      }
      case 'orderRandom':
        result.orders.push({ kind: 'random' });
        break;
      case 'limit': {
        const limit = integerValue(query.values[0], 1, 'limit', 'limit');
        result.limit ??= limit;
        break;
      }
      case 'offset': {
        // "Invalid limit" for a non-numeric offset is Appwrite's own wording.
        const offset = integerValue(query.values[0], 0, 'limit', 'offset');
        result.offset ??= offset;
        break;
      }
      case 'cursorAfter':
      case 'cursorBefore': {
        const rowId = query.values[0];
        if (typeof rowId !== 'string' || !UID.test(rowId)) throw queryInvalid(CURSOR_RULE);
        result.cursor ??= { direction: query.method === 'cursorAfter' ? 'after' : 'before', rowId };
        break;
      }
      default:
        result.filters.push(validateFilter(table, query));
    }
  }
  checkFulltext(result.filters);
  if (selected !== undefined && !selectAll) result.select = [...new Set(selected)];
  return result;
}

function validateSelect(table: QueryTable, values: readonly unknown[]): string[] {
  if (values.length === 0) throw queryInvalid('No attributes selected');
  const keys: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') throw queryInvalid(`Attribute selection must be a string, got ${debugType(value)}`);
    keys.push(value);
  }
  if (new Set(keys).size !== keys.length) throw queryInvalid('Duplicate attributes selected');
  return keys.map((key) => {
    // A dotted key selects into a relationship; the local server has none, so only the head counts.
    const head = key.includes('.') && !table.columns.has(key) ? key.slice(0, key.indexOf('.')) : key;
    if (head !== '*' && !SELECTABLE_INTERNAL_KEYS.has(head) && !table.columns.has(head)) {
      throw queryInvalid(`Attribute not found in schema: ${head}`);
    }
    return head;
  });
}

/** Utopia's Numeric then Range(min, PHP_INT_MAX) validators: numeric strings pass, fractions do not. */
function integerValue(value: unknown, min: number, numericLabel: string, rangeLabel: string): number {
  const numeric =
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
  if (!numeric) throw queryInvalid(`Invalid ${numericLabel}: Value must be a valid number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw queryInvalid(`Invalid ${rangeLabel}: Value must be a valid range between ${min} and ${MAX_RANGE}`);
  }
  return n;
}

/** PHP's get_debug_type names. */
function debugType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'array';
}
