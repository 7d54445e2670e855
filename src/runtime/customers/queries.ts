import { Query } from 'node-appwrite';
import type { Customer } from '../../generated/schema-types.js';
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

export async function listPage(ctx: ServiceContext, filters: string[], options: PageOptions, defaultLimit: number): Promise<Page<Customer>> {
  const limit = options.limit ?? defaultLimit;
  const queries = [...filters, Query.limit(limit)];
  if (options.cursor != null) queries.push(Query.cursorAfter(options.cursor));
  const page = await mapped(() => ctx.tables.listRows({ ...ctx.at('customers'), queries, total: false }));
  const rows = page.rows as unknown as Customer[];
  return { rows, cursor: rows.length === limit ? rows[rows.length - 1]!.$id : null };
}

export function getActiveCustomers(ctx: ServiceContext, options: PageOptions = {}): Promise<Page<Customer>> {
  return listPage(ctx, [Query.equal('status', 'active'), Query.orderDesc('lastContactAt')], options, 50);
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
