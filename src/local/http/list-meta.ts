import { argumentInvalid } from '../params.js';

/**
 * listDatabases/listTables/listColumns/listIndexes: small in-memory lists filtered by the queries
 * Appwrite allows there. These lists validate queries at param level (general_argument_invalid).
 */
export interface MetaListSpec<T> {
  /** Attributes filters and orders may name, with how to read them from an item. */
  fields: Record<string, (item: T) => unknown>;
  /** The field a cursor value refers to ($id, or key for columns/indexes). */
  cursorField: string;
  /** `search` param match. */
  searchText?: (item: T) => string;
}

interface MetaQuery {
  method: string;
  attribute: string;
  values: unknown[];
}

const invalidQuery = (reason: string) => argumentInvalid(`Invalid \`queries\` param: Invalid query: ${reason}`);

function parse(raw: string): MetaQuery {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidQuery('Syntax error');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidQuery('Syntax error');
  const record = value as Record<string, unknown>;
  const values = record['values'] ?? [];
  if (!Array.isArray(values)) throw invalidQuery('Syntax error');
  return { method: String(record['method'] ?? ''), attribute: String(record['attribute'] ?? ''), values };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number) < (b as number) ? -1 : 1;
}

export function listMeta<T>(
  items: readonly T[],
  rawQueries: readonly string[],
  spec: MetaListSpec<T>,
  options: { search?: string | undefined; total: boolean },
): { total: number; items: T[] } {
  let list = [...items];
  let limit = 25;
  let offset = 0;
  let cursor: { id: string; before: boolean } | undefined;
  const orders: { field: string; dir: 1 | -1 }[] = [];
  for (const query of rawQueries.map(parse)) {
    const field = spec.fields[query.attribute];
    switch (query.method) {
      case 'limit':
      case 'offset': {
        const n = query.values[0];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < (query.method === 'limit' ? 1 : 0)) throw invalidQuery(`Invalid ${query.method}`);
        if (query.method === 'limit') limit = n;
        else offset = n;
        break;
      }
      case 'cursorAfter':
      case 'cursorBefore': {
        const id = query.values[0];
        if (typeof id !== 'string') throw invalidQuery('Invalid cursor');
        cursor = { id, before: query.method === 'cursorBefore' };
        break;
      }
      case 'orderAsc':
      case 'orderDesc':
        if (!field) throw invalidQuery(`Attribute not found in schema: ${query.attribute}`);
        orders.push({ field: query.attribute, dir: query.method === 'orderAsc' ? 1 : -1 });
        break;
      case 'equal':
      case 'notEqual':
      case 'startsWith':
      case 'lessThan':
      case 'greaterThan': {
        if (!field) throw invalidQuery(`Attribute not found in schema: ${query.attribute}`);
        const values = query.values;
        list = list.filter((item) => {
          const v = field(item);
          if (query.method === 'equal') return values.some((x) => x === v);
          if (query.method === 'notEqual') return values.every((x) => x !== v);
          if (query.method === 'startsWith') return typeof v === 'string' && v.startsWith(String(values[0]));
          return query.method === 'lessThan' ? compare(v, values[0]) < 0 : compare(v, values[0]) > 0;
        });
        break;
      }
      default:
        throw invalidQuery(`Query method not allowed: ${query.method}`);
    }
  }
  if (options.search) {
    const term = options.search.toLowerCase();
    list = list.filter((item) => (spec.searchText?.(item) ?? '').toLowerCase().includes(term));
  }
  for (const order of [...orders].reverse()) {
    const read = spec.fields[order.field]!;
    list.sort((a, b) => order.dir * compare(read(a), read(b)));
  }
  const total = options.total ? Math.min(list.length, 5000) : 0;
  if (cursor) {
    const read = spec.fields[spec.cursorField]!;
    const position = list.findIndex((item) => read(item) === cursor.id);
    if (position < 0) throw argumentInvalid(`Invalid \`queries\` param: Cursor not found: ${cursor.id}`);
    list = cursor.before ? list.slice(0, position).slice(-limit - offset) : list.slice(position + 1);
    if (cursor.before) return { total, items: list.slice(0, Math.max(0, list.length - offset)).slice(-limit) };
  }
  return { total, items: list.slice(offset, offset + limit) };
}
