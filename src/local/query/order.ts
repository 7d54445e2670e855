/**
 * ORDER BY and keyset cursors with Appwrite's tie-breaking (api-facts §5.2): unless an order is on
 * $id or $sequence, $sequence is appended, in the first order's direction when that order is
 * $createdAt/$updatedAt and ascending otherwise. The cursor condition is the lexicographic
 * "after this row" over every order term, so mixed directions page correctly.
 */
import { LocalApiError } from '../errors.js';
import { quoteIdent, SYSTEM_COLUMNS } from '../sql-names.js';
import type { ResolvedColumn } from './columns.js';
import { joinFragments, type SqlFragment } from './compile-filter.js';

export type Direction = 'ASC' | 'DESC';
export type OrderSpec = { kind: 'column'; column: ResolvedColumn; direction: Direction } | { kind: 'random' };
export type CursorDirection = 'after' | 'before';

export interface OrderTerm {
  key: string;
  /** The row table's column: where a cursor row's value is read from. */
  sqlName: string;
  direction: Direction;
  /**
   * What ORDER BY and the cursor condition compare: the quoted column, or a column that equals it in
   * every result row and that SQLite can order by without sorting (see row-source.ts).
   */
  ref: string;
}

const UNIQUE_KEYS = new Set(['$id', '$sequence']);
const TIMESTAMP_KEYS = new Set(['$createdAt', '$updatedAt']);

/** The column terms to sort by, tie-breaker included; random ordering is handled by the caller. */
export function orderTerms(specs: readonly OrderSpec[]): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const spec of specs) {
    if (spec.kind === 'column') {
      terms.push({ key: spec.column.key, sqlName: spec.column.sqlName, direction: spec.direction, ref: quoteIdent(spec.column.sqlName) });
    }
  }
  if (!terms.some((term) => UNIQUE_KEYS.has(term.key))) {
    const first = terms[0];
    const direction = first && TIMESTAMP_KEYS.has(first.key) ? first.direction : 'ASC';
    terms.push({ key: '$sequence', sqlName: SYSTEM_COLUMNS.$sequence, direction, ref: quoteIdent(SYSTEM_COLUMNS.$sequence) });
  }
  return terms;
}

export function orderByClause(specs: readonly OrderSpec[], terms: readonly OrderTerm[], reverse: boolean): string {
  const parts = specs.some((spec) => spec.kind === 'random') ? ['random()'] : [];
  for (const term of terms) {
    const direction = reverse ? flip(term.direction) : term.direction;
    parts.push(`${term.ref} ${direction}`);
  }
  return `ORDER BY ${parts.join(', ')}`;
}

/**
 * Rows strictly after (or before) the cursor row in the requested order:
 * (t0 > v0) OR (t0 = v0 AND t1 > v1) OR ... with > flipped for DESC terms and for cursorBefore.
 */
export function cursorCondition(
  terms: readonly OrderTerm[],
  cursorRow: Readonly<Record<string, unknown>>,
  direction: CursorDirection,
): SqlFragment {
  const values = terms.map((term) => {
    const value = cursorRow[term.sqlName];
    if (value === null || value === undefined) {
      throw new LocalApiError(
        400,
        'database_query_order_null',
        `The order column '${term.key}' had a null value. Cursor pagination requires all rows order column values are non-null.`,
      );
    }
    return value;
  });
  const branches: SqlFragment[] = terms.map((term, i) => {
    const ascending = (term.direction === 'ASC') === (direction === 'after');
    const equalities = terms.slice(0, i).map((prior) => `${prior.ref} = ?`);
    const comparison = `${term.ref} ${ascending ? '>' : '<'} ?`;
    const sql = [...equalities, comparison].join(' AND ');
    return { sql: i === 0 ? sql : `(${sql})`, params: values.slice(0, i + 1) };
  });
  return joinFragments(branches, 'OR');
}

function flip(direction: Direction): Direction {
  return direction === 'ASC' ? 'DESC' : 'ASC';
}
