import { Query } from 'node-appwrite';
import { TABLE_RULES, type Customer } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { mapped } from '../error-mapping.js';

/**
 * The reference's query patterns, each one index-backed listRows call (schema/customers.yaml has a
 * composite index per pattern, so rows come out of the index already ordered). Every page returns a
 * cursor: pass it back for the next page; null means this was the last one.
 */

export interface PageOptions {
  readonly limit?: number;
  readonly cursor?: string | null;
}

export interface Page<T> {
  readonly rows: T[];
  readonly cursor: string | null;
}

async function fetchRows(ctx: ServiceContext, queries: string[], after: string | null, limit: number): Promise<Customer[]> {
  const all = [...queries, Query.limit(limit)];
  if (after !== null && after !== '') all.push(Query.cursorAfter(after));
  const page = await mapped(() => ctx.tables.listRows({ ...ctx.at('customers'), queries: all, total: false }));
  return page.rows as unknown as Customer[];
}

export async function listPage(ctx: ServiceContext, filters: string[], options: PageOptions, defaultLimit: number): Promise<Page<Customer>> {
  const limit = options.limit ?? defaultLimit;
  const rows = await fetchRows(ctx, filters, options.cursor ?? null, limit);
  return { rows, cursor: rows.length === limit ? rows[rows.length - 1]!.$id : null };
}

/** Marks a cursor that is inside the rows whose sort column is null (row ids never start with `~`). */
const NULLS = '~null:';

function nullable(column: string): boolean {
  const rules = TABLE_RULES.customers.columns[column];
  return rules !== undefined && rules.required !== true && rules.default === undefined;
}

/**
 * A page ordered by one column. Appwrite refuses a cursor whose row has null in an order column, and
 * a cursor comparison never matches null, so paging through a nullable column would fail or skip
 * rows. Such an order is read in two ranges: the rows with a value, in order, then the rows without
 * one (in insertion order); the cursor says which range it is in. Non-null columns take one call.
 */
export async function orderedPage(
  ctx: ServiceContext,
  filters: string[],
  column: string,
  direction: 'asc' | 'desc',
  options: PageOptions,
  defaultLimit: number,
): Promise<Page<Customer>> {
  const order = direction === 'asc' ? Query.orderAsc(column) : Query.orderDesc(column);
  if (!nullable(column)) return listPage(ctx, [...filters, order], options, defaultLimit);
  const limit = options.limit ?? defaultLimit;
  const cursor = options.cursor ?? null;
  const nullRange = async (after: string | null, room: number, before: Customer[]): Promise<Page<Customer>> => {
    const rows = [...before, ...(await fetchRows(ctx, [...filters, Query.isNull(column)], after, room))];
    return { rows, cursor: rows.length === limit ? `${NULLS}${rows[rows.length - 1]!.$id}` : null };
  };
  if (cursor !== null && cursor.startsWith(NULLS)) return nullRange(cursor.slice(NULLS.length), limit, []);
  const valued = await fetchRows(ctx, [...filters, Query.isNotNull(column), order], cursor, limit);
  if (valued.length === limit) return { rows: valued, cursor: valued[limit - 1]!.$id };
  return nullRange(null, limit - valued.length, valued);
}

export function getActiveCustomers(ctx: ServiceContext, options: PageOptions = {}): Promise<Page<Customer>> {
  return orderedPage(ctx, [Query.equal('status', 'active')], 'lastContactAt', 'desc', options, 50);
}

export function getCustomersByAssignee(ctx: ServiceContext, userId: string, options: PageOptions = {}): Promise<Page<Customer>> {
  return listPage(ctx, [Query.equal('assignedTo', userId), Query.equal('status', 'active'), Query.orderAsc('name')], options, 25);
}

export function getCustomersByCompany(ctx: ServiceContext, company: string, options: PageOptions = {}): Promise<Page<Customer>> {
  return listPage(ctx, [Query.equal('company', company), Query.orderAsc('name')], options, 25);
}

export function getCustomersNeedingFollowUp(ctx: ServiceContext, options: PageOptions & { now?: string } = {}): Promise<Page<Customer>> {
  const now = options.now ?? new Date().toISOString();
  return listPage(ctx, [Query.lessThanEqual('nextFollowUpAt', now), Query.notEqual('status', 'archived'), Query.orderAsc('nextFollowUpAt')], options, 25);
}

export function getTopRevenueCustomers(ctx: ServiceContext, options: PageOptions = {}): Promise<Page<Customer>> {
  return listPage(ctx, [Query.greaterThan('totalRevenue', 0), Query.orderDesc('totalRevenue')], options, 10);
}
