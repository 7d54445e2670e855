/**
 * Where a SELECT reads its rows from: the row table, or, for a search in the default order, the
 * search's FTS5 index joined to the row table.
 *
 * A search filter is `_seq IN (SELECT rowid FROM fts WHERE fts MATCH ?)`, and SQLite builds that list
 * in full before it reads the first row: every rowid that matches, 100,000 of them when one word of
 * the term is in every email. FTS5 hands out matching rowids (= $sequence) in ascending or descending
 * order on request, so when the page is ordered by $sequence alone (Appwrite's default order, and
 * search results have no relevance order in Appwrite either) a join driven by the FTS5 table yields
 * rows already in page order and stops after offset + limit of them. A cursor on $sequence becomes a
 * rowid range that FTS5 seeks to. Any other order has to sort every match anyway; it keeps the IN form,
 * where the planner may still walk an index on the order column instead.
 */
import { quoteIdent, SYSTEM_COLUMNS } from '../sql-names.js';
import type { SqlFragment } from './compile-filter.js';
import type { FilterNode } from './filter.js';
import { ftsMatchExpression } from './fulltext.js';
import type { OrderSpec, OrderTerm } from './order.js';

export interface RowSource {
  /** After FROM, with its own bound parameters (they precede the WHERE clause's). */
  from: SqlFragment;
  /** The select list: the row table's columns only, in the table's order. */
  columns: string;
  /** The filters still to apply in WHERE (the driving search is the join itself). */
  filters: FilterNode[];
  /** The order terms for ORDER BY and the cursor condition. */
  terms: OrderTerm[];
}

/** The FTS rowid under a name no row column can have (row columns are _-prefixed or c_-prefixed). */
const HIT = quoteIdent('fts_rowid');

export function rowSource(
  sqlTable: string,
  filters: readonly FilterNode[],
  orders: readonly OrderSpec[],
  terms: readonly OrderTerm[],
): RowSource {
  const table = quoteIdent(sqlTable);
  const driver = sequenceOrdered(orders, terms) ? drivingSearch(filters) : undefined;
  if (driver === undefined) return { from: { sql: table, params: [] }, columns: '*', filters: [...filters], terms: [...terms] };
  const fts = quoteIdent(driver.ftsTable);
  return {
    from: {
      sql: `(SELECT rowid AS ${HIT} FROM ${fts} WHERE ${fts} MATCH ?) JOIN ${table} ON ${quoteIdent(SYSTEM_COLUMNS.$sequence)} = ${HIT}`,
      params: [driver.match],
    },
    columns: `${table}.*`,
    filters: filters.filter((node) => node !== driver.node),
    // Equal values, but only the FTS rowid is one SQLite knows to be in order.
    terms: terms.map((term) => ({ ...term, ref: HIT })),
  };
}

/** Ordered by $sequence and nothing else: the order FTS5 can produce. */
function sequenceOrdered(orders: readonly OrderSpec[], terms: readonly OrderTerm[]): boolean {
  return !orders.some((order) => order.kind === 'random') && terms.length === 1 && terms[0]?.key === '$sequence';
}

/** The first search among the top-level (ANDed) filters that must match, if its term has words. */
function drivingSearch(filters: readonly FilterNode[]): { node: FilterNode; ftsTable: string; match: string } | undefined {
  for (const node of filters) {
    if (node.kind !== 'search' || node.negate || node.ftsTable === undefined) continue;
    const match = ftsMatchExpression(node.term);
    if (match !== undefined) return { node, ftsTable: node.ftsTable, match };
  }
  return undefined;
}
