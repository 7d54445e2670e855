import { argumentInvalid, isKey, UID_TEXT } from '../params.js';
import { LocalApiError } from '../errors.js';
import { parseQuery } from '../query/parse.js';
import type { ParsedQuery } from '../query/index.js';

/**
 * listDatabases/listTables/listColumns/listIndexes: small in-memory lists filtered by the queries
 * Appwrite allows there. These lists validate queries at param level (general_argument_invalid).
 */
export interface MetaListSpec<T> {
  /** Attributes filters and orders may name, with how to read them from an item. */
  fields: Record<string, (item: T) => unknown>;
  /** The field a cursor value refers to ($id, or key for columns/indexes). */
  cursorField: string;
  /** How a missing cursor is named: "Table 'x' for the 'cursor' value not found." (each XList route). */
  cursorNoun: 'Database' | 'Table' | 'Column' | 'Index' | 'User';
  /** `search` param match. */
  searchText?: (item: T) => string;
}

type MetaQuery = ParsedQuery;

/**
 * These lists validate `queries` at param level with Appwrite's Queries validator
 * (utopia-php/database Validator\Queries): a query that does not parse is reported as
 * "Invalid query: " + Query::parse's own message (which itself starts "Invalid query"), a method
 * none of its validators takes is "Invalid query method: X", and a validator's refusal is
 * "Invalid query: " + its description; all under "Invalid `queries` param: ".
 */
const invalidQuery = (reason: string) => argumentInvalid(`Invalid \`queries\` param: Invalid query: ${reason}`);

function parse(raw: string): MetaQuery {
  try {
    return parseQuery(raw);
  } catch (error) {
    if (error instanceof LocalApiError) throw invalidQuery(error.message);
    throw error;
  }
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number) < (b as number) ? -1 : 1;
}

type FilterTest = (value: unknown, values: readonly unknown[]) => boolean;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The filters these small lists evaluate in memory. */
const FILTERS: Readonly<Record<string, FilterTest>> = {
  equal: (v, values) => values.some((x) => x === v),
  notEqual: (v, values) => values.every((x) => x !== v),
  lessThan: (v, [x]) => v !== null && v !== undefined && compare(v, x) < 0,
  lessThanEqual: (v, [x]) => v !== null && v !== undefined && compare(v, x) <= 0,
  greaterThan: (v, [x]) => v !== null && v !== undefined && compare(v, x) > 0,
  greaterThanEqual: (v, [x]) => v !== null && v !== undefined && compare(v, x) >= 0,
  between: (v, [a, b]) => v !== null && v !== undefined && compare(v, a) >= 0 && compare(v, b) <= 0,
  startsWith: (v, [x]) => text(v)?.startsWith(String(x)) ?? false,
  endsWith: (v, [x]) => text(v)?.endsWith(String(x)) ?? false,
  contains: (v, values) => values.some((x) => text(v)?.includes(String(x)) ?? false),
  isNull: (v) => v === null || v === undefined,
  isNotNull: (v) => v !== null && v !== undefined,
};

/**
 * Checks the queries alone, as Appwrite's param validator does before the route looks anything up
 * (a cursor's row is looked for later, with the list).
 */
export function checkMetaQueries<T>(rawQueries: readonly string[], spec: MetaListSpec<T>): void {
  listMeta([], rawQueries, spec, { total: false, cursorLookup: false });
}

export function listMeta<T>(
  items: readonly T[],
  rawQueries: readonly string[],
  spec: MetaListSpec<T>,
  options: { search?: string | undefined; total: boolean; cursorLookup?: boolean },
): { total: number; items: T[] } {
  const tests: ((item: T) => boolean)[] = [];
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
        const least = query.method === 'limit' ? 1 : 0;
        if (typeof n !== 'number') throw invalidQuery('Invalid limit: Value must be a valid number');
        if (!Number.isInteger(n) || n < least) throw invalidQuery(`Invalid ${query.method}: Value must be a valid range between ${least} and 9,223,372,036,854,775,807`);
        if (query.method === 'limit') limit = n;
        else offset = n;
        break;
      }
      case 'cursorAfter':
      case 'cursorBefore': {
        const id = query.values[0];
        if (!isKey(id)) throw invalidQuery(`Invalid cursor: ${UID_TEXT}`);
        cursor ??= { id, before: query.method === 'cursorBefore' };
        break;
      }
      case 'orderAsc':
      case 'orderDesc':
        if (!field) throw invalidQuery(`Attribute not found in schema: ${query.attribute}`);
        orders.push({ field: query.attribute, dir: query.method === 'orderAsc' ? 1 : -1 });
        break;
      default: {
        const test = FILTERS[query.method];
        // A method the list's validators do not take (select, search, ...): the Queries validator's own words.
        if (!test) throw argumentInvalid(`Invalid \`queries\` param: Invalid query method: ${query.method}`);
        if (!field) throw invalidQuery(`Attribute not found in schema: ${query.attribute}`);
        const values = query.values;
        tests.push((item) => test(field(item), values));
      }
    }
  }
  if (options.search) {
    const term = options.search.toLowerCase();
    tests.push((item) => (spec.searchText?.(item) ?? '').toLowerCase().includes(term));
  }
  const sorted = [...items];
  for (const order of [...orders].reverse()) {
    const read = spec.fields[order.field]!;
    sorted.sort((a, b) => order.dir * compare(read(a), read(b)));
  }
  const passes = (item: T) => tests.every((test) => test(item));
  const matching = sorted.filter(passes);
  const total = options.total ? Math.min(matching.length, 5000) : 0;
  if (!cursor || options.cursorLookup === false) return { total, items: matching.slice(offset, offset + limit) };
  // The cursor is looked up among all items (Appwrite loads it by id), then the page is read next to it.
  const read = spec.fields[spec.cursorField]!;
  const position = sorted.findIndex((item) => read(item) === cursor.id);
  if (position < 0) {
    throw new LocalApiError(400, 'general_cursor_not_found', `${spec.cursorNoun} '${cursor.id}' for the 'cursor' value not found.`);
  }
  if (cursor.before) {
    const earlier = sorted.slice(0, position).filter(passes);
    return { total, items: earlier.slice(0, Math.max(0, earlier.length - offset)).slice(-limit) };
  }
  return { total, items: sorted.slice(position + 1).filter(passes).slice(offset, offset + limit) };
}
