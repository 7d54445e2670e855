/**
 * An independent, deliberately naive evaluator of Appwrite query semantics over the fixture rows in
 * plain JS (no SQL): the oracle the compiled SQL is compared against. Semantics encoded here:
 * MariaDB-style case-insensitive text (ASCII folding, as NOCASE), case-sensitive $id and array
 * elements, SQL NULL rules (no comparison and no negation matches NULL, except isNull and notSearch),
 * word-based search with a prefix on the last word, and Appwrite's $sequence tie-break.
 */
import type { FixtureRow } from './fixture.js';

interface Q {
  method: string;
  attribute?: string;
  values?: unknown[];
}

type Scalar = string | number | boolean;
const CASE_SENSITIVE = new Set(['$id', '$sequence', 'score', 'revenue', 'active', 'lastContactAt', '$createdAt', '$updatedAt']);
const DATETIME = new Set(['lastContactAt', '$createdAt', '$updatedAt']);
const PAGING = new Set(['select', 'orderAsc', 'orderDesc', 'orderRandom', 'limit', 'offset', 'cursorAfter', 'cursorBefore']);

const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function field(row: FixtureRow, attribute: string): unknown {
  return (row as unknown as Record<string, unknown>)[attribute] ?? null;
}

function queryValue(attribute: string, value: unknown): unknown {
  if (DATETIME.has(attribute) && typeof value === 'string') return new Date(value).toISOString().replace('Z', '+00:00');
  if (attribute === '$sequence' && typeof value === 'string') return Number(value);
  return value;
}

function compare(attribute: string, a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = CASE_SENSITIVE.has(attribute) ? [a, b] : [fold(a), fold(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

function words(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

function searchMatches(text: string | null, term: string): boolean {
  if (text === null) return false;
  const have = words(text);
  const want = words(term);
  if (want.length === 0) return false;
  const trimmed = term.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return have.some((_, i) => want.every((w, j) => have[i + j] === w));
  }
  return want.some((w, i) => have.some((h) => (i === want.length - 1 ? h.startsWith(w) : h === w)));
}

function like(x: unknown, test: (text: string) => boolean): boolean {
  return x !== null && test(fold(String(x)));
}

export function matches(row: FixtureRow, q: Q): boolean {
  const attribute = q.attribute ?? '';
  const values = (q.values ?? []).map((v) => (typeof v === 'object' ? v : queryValue(attribute, v)));
  const x = field(row, attribute);
  const v0 = values[0] as Scalar;
  const cmp = (b: unknown): number => compare(attribute, x as Scalar, b as Scalar);
  const isArray = Array.isArray(x);
  switch (q.method) {
    case 'and':
      return (values as Q[]).every((child) => matches(row, child));
    case 'or':
      return (values as Q[]).some((child) => matches(row, child));
    case 'equal':
      return x !== null && values.some((v) => cmp(v) === 0);
    case 'notEqual':
      return x !== null && cmp(v0) !== 0;
    case 'lessThan':
      return x !== null && cmp(v0) < 0;
    case 'lessThanEqual':
      return x !== null && cmp(v0) <= 0;
    case 'greaterThan':
      return x !== null && cmp(v0) > 0;
    case 'greaterThanEqual':
      return x !== null && cmp(v0) >= 0;
    case 'between':
      return x !== null && cmp(v0) >= 0 && cmp(values[1]) <= 0;
    case 'notBetween':
      return x !== null && !(cmp(v0) >= 0 && cmp(values[1]) <= 0);
    case 'isNull':
      return x === null;
    case 'isNotNull':
    case 'exists':
      return x !== null;
    case 'notExists':
      return x === null;
    case 'startsWith':
      return like(x, (t) => t.startsWith(fold(String(v0))));
    case 'notStartsWith':
      return like(x, (t) => !t.startsWith(fold(String(v0))));
    case 'endsWith':
      return like(x, (t) => t.endsWith(fold(String(v0))));
    case 'notEndsWith':
      return like(x, (t) => !t.endsWith(fold(String(v0))));
    case 'contains':
    case 'containsAny':
      return isArray
        ? (x as unknown[]).some((e) => values.includes(e))
        : like(x, (t) => values.some((v) => t.includes(fold(String(v)))));
    case 'containsAll':
      return isArray
        ? values.every((v) => (x as unknown[]).includes(v))
        : like(x, (t) => values.every((v) => t.includes(fold(String(v)))));
    case 'notContains':
      return isArray
        ? !(x as unknown[]).some((e) => values.includes(e))
        : like(x, (t) => !values.some((v) => t.includes(fold(String(v)))));
    case 'search':
      return searchMatches(x as string | null, String(v0));
    case 'notSearch':
      return !searchMatches(x as string | null, String(v0));
    case 'regex':
      return x !== null && new RegExp(String(v0), 'i').test(String(x));
    default:
      throw new Error(`reference: unsupported method ${q.method}`);
  }
}

interface Term {
  attribute: string;
  desc: boolean;
}

function terms(queries: readonly Q[]): Term[] {
  const list: Term[] = queries
    .filter((q) => q.method === 'orderAsc' || q.method === 'orderDesc')
    .map((q) => ({ attribute: q.attribute ?? '', desc: q.method === 'orderDesc' }));
  if (!list.some((t) => t.attribute === '$id' || t.attribute === '$sequence')) {
    const first = list[0];
    const desc = first !== undefined && ['$createdAt', '$updatedAt'].includes(first.attribute) && first.desc;
    list.push({ attribute: '$sequence', desc });
  }
  return list;
}

/** NULL sorts first ascending and last descending, as in SQLite and MariaDB. */
function compareRows(a: FixtureRow, b: FixtureRow, order: readonly Term[]): number {
  for (const { attribute, desc } of order) {
    const x = field(a, attribute) as Scalar | null;
    const y = field(b, attribute) as Scalar | null;
    const c = x === null ? (y === null ? 0 : -1) : y === null ? 1 : compare(attribute, x, y);
    if (c !== 0) return desc ? -c : c;
  }
  return 0;
}

/** Keyset semantics with SQL NULLs: a row whose deciding column is NULL is never after the cursor. */
function isAfter(row: FixtureRow, cursor: FixtureRow, order: readonly Term[], forward: boolean): boolean {
  for (const { attribute, desc } of order) {
    const x = field(row, attribute) as Scalar | null;
    const c = field(cursor, attribute) as Scalar;
    if (x === null) return false;
    const d = compare(attribute, x, c);
    if (d !== 0) return (d > 0) === (desc ? !forward : forward);
  }
  return false;
}

export interface ReferenceResult {
  ids: string[];
  total: number;
}

export function reference(rows: readonly FixtureRow[], raw: readonly string[], defaultLimit = 25): ReferenceResult {
  const queries = raw.map((q) => JSON.parse(q) as Q);
  const filters = queries.filter((q) => !PAGING.has(q.method));
  const first = (method: string): unknown => queries.find((q) => q.method === method)?.values?.[0];
  const limit = (first('limit') as number | undefined) ?? defaultLimit;
  const offset = (first('offset') as number | undefined) ?? 0;
  const cursorQuery = queries.find((q) => q.method === 'cursorAfter' || q.method === 'cursorBefore');

  const matching = rows.filter((row) => filters.every((f) => matches(row, f)));
  const order = terms(queries);
  const sorted = [...matching].sort((a, b) => compareRows(a, b, order));
  let page: FixtureRow[];
  if (cursorQuery) {
    const cursor = rows.find((r) => r.$id === cursorQuery.values?.[0]);
    if (!cursor) throw new Error('reference: cursor row missing');
    const forward = cursorQuery.method === 'cursorAfter';
    const candidates = sorted.filter((row) => isAfter(row, cursor, order, forward));
    page = forward
      ? candidates.slice(offset, offset + limit)
      : candidates.reverse().slice(offset, offset + limit).reverse();
  } else {
    page = sorted.slice(offset, offset + limit);
  }
  return { ids: page.map((r) => r.$id), total: Math.min(matching.length, 5000) };
}
