/**
 * Validates one filter query against the table (utopia-php/database's Filter validator and the
 * fulltext rule of IndexedQueries, api-facts §5.1/§5.3) and turns it into a typed filter node that
 * holds already-converted bind values. Messages are Appwrite's, verbatim.
 */
import { LocalApiError, queryInvalid } from '../errors.js';
import { resolveColumn, type ResolvedColumn } from './columns.js';
import {
  countsAsFilter,
  isFilterMethod,
  isLogicalMethod,
  isSpatialMethod,
  isVectorMethod,
  ucfirst,
  type FilterMethod,
} from './methods.js';
import type { ParsedQuery, QueryTable } from './types.js';
import { toBindValue, type BindValue } from './values.js';

/** APP_DATABASE_QUERY_MAX_VALUES */
export const MAX_VALUES_PER_FILTER = 500;

export type ConditionMethod = Exclude<FilterMethod, 'search' | 'notSearch' | 'exists' | 'notExists'>;

export type FilterNode =
  | { kind: 'logical'; method: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'condition'; method: ConditionMethod; column: ResolvedColumn; values: BindValue[] }
  /** ftsTable is undefined when no fulltext index exists: validateQueries reports that last, as Appwrite does. */
  | { kind: 'search'; negate: boolean; attribute: string; ftsTable: string | undefined; term: string };

const AT_LEAST_ONE = new Set(['equal', 'contains', 'containsAny', 'containsAll', 'notContains', 'exists', 'notExists']);
const EXACTLY_ONE = new Set([
  'notEqual',
  'lessThan',
  'lessThanEqual',
  'greaterThan',
  'greaterThanEqual',
  'search',
  'notSearch',
  'startsWith',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'regex',
]);
const EXACTLY_TWO = new Set(['between', 'notBetween']);
const CONTAINS_FAMILY = new Set(['contains', 'containsAny', 'containsAll', 'notContains']);
const ALLOWED_ON_ARRAYS = new Set([...CONTAINS_FAMILY, 'isNull', 'isNotNull', 'exists', 'notExists']);

export function validateFilter(table: QueryTable, query: ParsedQuery): FilterNode {
  const { method, attribute, values } = query;

  if (isLogicalMethod(method)) return validateLogical(table, method, values);
  if (method === 'elemMatch') throw queryInvalid('elemMatch is not supported by the database');
  if (isVectorMethod(method)) {
    requireAttribute(table, attribute);
    throw queryInvalid('Vector queries can only be used on vector attributes');
  }
  if (isSpatialMethod(method)) return rejectSpatial(table, method, attribute, values);
  if (!isFilterMethod(method)) throw new Error(`validateFilter called with non-filter method ${method}`);

  checkValueCount(method, values);
  const column = requireAttribute(table, attribute);

  if (method === 'exists' || method === 'notExists') {
    // SDKs send the names in values and no attribute, which failed above; a raw query that names a
    // column asks whether it holds a value, and a SQL column always exists.
    return { kind: 'condition', method: method === 'exists' ? 'isNotNull' : 'isNull', column, values: [] };
  }

  if (values.length > MAX_VALUES_PER_FILTER) {
    throw queryInvalid(`Query on attribute has greater than ${MAX_VALUES_PER_FILTER} values: ${attribute}`);
  }
  const bound = values.map((value) => {
    const converted = toBindValue(column.kind, value);
    if (converted === undefined) throw queryInvalid(`Query value is invalid for attribute "${attribute}"`);
    return converted;
  });

  if (!column.array && CONTAINS_FAMILY.has(method) && column.kind !== 'string') {
    const label = method === 'notContains' ? 'notContains' : 'contains';
    throw queryInvalid(
      `Cannot query ${label} on attribute "${attribute}" because it is not an array, string, or object.`,
    );
  }
  if (column.array && !ALLOWED_ON_ARRAYS.has(method)) {
    throw queryInvalid(`Cannot query ${method} on attribute "${attribute}" because it is an array.`);
  }

  if (method === 'search' || method === 'notSearch') {
    const ftsTable = table.fulltext.get(attribute);
    return { kind: 'search', negate: method === 'notSearch', attribute, ftsTable, term: String(bound[0]) };
  }
  if (method === 'regex') checkRegex(String(bound[0]));
  return { kind: 'condition', method, column, values: bound };
}

function validateLogical(table: QueryTable, method: 'and' | 'or', values: unknown[]): FilterNode {
  const nested = values as ParsedQuery[];
  // Appwrite validates the nested queries before the group itself, so their errors come first.
  const children = nested.filter((q) => countsAsFilter(q.method)).map((q) => validateFilter(table, q));
  if (children.length !== nested.length) throw queryInvalid(`${ucfirst(method)} queries can only contain filter queries`);
  if (children.length < 2) throw queryInvalid(`${ucfirst(method)} queries require at least two queries`);
  return { kind: 'logical', method, children };
}

function rejectSpatial(table: QueryTable, method: string, attribute: string, values: unknown[]): never {
  if (method.startsWith('distance')) {
    const first = values[0];
    if (values.length !== 1 || !Array.isArray(first) || first.length !== 3) {
      throw queryInvalid('Distance query requires [[geometry, distance]] parameters');
    }
  } else if (isEmpty(values)) {
    throw queryInvalid(`${ucfirst(method)} queries require at least one value.`);
  }
  requireAttribute(table, attribute);
  if (values.length > MAX_VALUES_PER_FILTER) {
    throw queryInvalid(`Query on attribute has greater than ${MAX_VALUES_PER_FILTER} values: ${attribute}`);
  }
  // The local server has no spatial column types, so every attribute is non-spatial.
  throw queryInvalid(`Spatial query "${method}" cannot be applied on non-spatial attribute: ${attribute}`);
}

function checkValueCount(method: FilterMethod, values: unknown[]): void {
  if (AT_LEAST_ONE.has(method) && isEmpty(values)) {
    throw queryInvalid(`${ucfirst(method)} queries require at least one value.`);
  }
  if (EXACTLY_ONE.has(method) && values.length !== 1) {
    throw queryInvalid(`${ucfirst(method)} queries require exactly one value.`);
  }
  if (EXACTLY_TWO.has(method) && values.length !== 2) {
    throw queryInvalid(`${ucfirst(method)} queries require exactly two values.`);
  }
}

/** Appwrite also treats `[[]]` as empty, so `Query.equal('x', [[]])` fails the same way. */
function isEmpty(values: unknown[]): boolean {
  const first = values[0];
  return values.length === 0 || (Array.isArray(first) && first.length === 0);
}

/**
 * Appwrite checks the fulltext requirement after every query is otherwise valid, nested groups
 * before their parent's own filters, and words it without the "Invalid query: " prefix.
 * (Appwrite checks only `search`; `notSearch` without an index fails later in MariaDB, so we refuse
 * it here too, with the same message.)
 */
export function checkFulltext(nodes: readonly FilterNode[]): void {
  for (const node of nodes) if (node.kind === 'logical') checkFulltext(node.children);
  for (const node of nodes) {
    if (node.kind === 'search' && node.ftsTable === undefined) {
      throw new LocalApiError(
        400,
        'general_query_invalid',
        `Searching by attribute "${node.attribute}" requires a fulltext index.`,
      );
    }
  }
}

export function requireAttribute(table: QueryTable, attribute: string): ResolvedColumn {
  const column = resolveColumn(table, attribute);
  if (column?.encrypt) throw queryInvalid(`Cannot query encrypted attribute: ${attribute}`);
  if (!column) throw queryInvalid(`Attribute not found in schema: ${attribute}`);
  return column;
}

/** MariaDB would fail the statement on a bad pattern; we answer a 400 instead of a server error. */
function checkRegex(pattern: string): void {
  try {
    new RegExp(pattern);
  } catch {
    throw queryInvalid(`Invalid regular expression: ${pattern}`);
  }
}
