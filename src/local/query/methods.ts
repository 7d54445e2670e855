/**
 * The query methods Appwrite 1.9 knows (utopia-php/database `Query::isMethod`), grouped the way its
 * validators group them. A method outside this list is a parse error; a method inside it that the
 * local server cannot run (spatial, vector, elemMatch) fails validation with Appwrite's message.
 */

export const FILTER_METHODS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanEqual',
  'greaterThan',
  'greaterThanEqual',
  'contains',
  'containsAny',
  'containsAll',
  'notContains',
  'search',
  'notSearch',
  'isNull',
  'isNotNull',
  'between',
  'notBetween',
  'startsWith',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'regex',
  'exists',
  'notExists',
] as const;

export type FilterMethod = (typeof FILTER_METHODS)[number];

export const LOGICAL_METHODS = ['and', 'or'] as const;
export type LogicalMethod = (typeof LOGICAL_METHODS)[number];

export const SPATIAL_METHODS = [
  'distanceEqual',
  'distanceNotEqual',
  'distanceGreaterThan',
  'distanceLessThan',
  'intersects',
  'notIntersects',
  'crosses',
  'notCrosses',
  'overlaps',
  'notOverlaps',
  'touches',
  'notTouches',
] as const;

export const VECTOR_METHODS = ['vectorDot', 'vectorCosine', 'vectorEuclidean'] as const;

const OTHER_METHODS = [
  'select',
  'orderAsc',
  'orderDesc',
  'orderRandom',
  'limit',
  'offset',
  'cursorAfter',
  'cursorBefore',
  'elemMatch',
] as const;

const KNOWN = new Set<string>([
  ...FILTER_METHODS,
  ...LOGICAL_METHODS,
  ...SPATIAL_METHODS,
  ...VECTOR_METHODS,
  ...OTHER_METHODS,
]);

export function isKnownMethod(method: string): boolean {
  return KNOWN.has(method);
}

/** Methods whose values are nested query objects rather than scalars. */
export function isNestedMethod(method: string): boolean {
  return method === 'and' || method === 'or' || method === 'elemMatch';
}

export function isFilterMethod(method: string): method is FilterMethod {
  return (FILTER_METHODS as readonly string[]).includes(method);
}

export function isLogicalMethod(method: string): method is LogicalMethod {
  return method === 'and' || method === 'or';
}

export function isSpatialMethod(method: string): boolean {
  return (SPATIAL_METHODS as readonly string[]).includes(method);
}

export function isVectorMethod(method: string): boolean {
  return (VECTOR_METHODS as readonly string[]).includes(method);
}

/** What Appwrite's `Query::groupByType` files under "filters": everything but the paging/shape methods. */
export function countsAsFilter(method: string): boolean {
  return !['select', 'orderAsc', 'orderDesc', 'orderRandom', 'limit', 'offset', 'cursorAfter', 'cursorBefore'].includes(
    method,
  );
}

/** PHP's `ucfirst`, used by Appwrite's value-count messages ("NotEqual queries require ..."). */
export function ucfirst(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1);
}
