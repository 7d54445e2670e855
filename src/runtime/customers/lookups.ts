import { Query } from 'node-appwrite';
import { TABLE_RULES, type Customer } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { mapped } from '../error-mapping.js';
import { normalize } from '../validation/validate-row.js';

/** Single-row reads. getCustomer throws NotFoundError; the lookups by a unique value return null. */

export async function getCustomer(ctx: ServiceContext, customerId: string): Promise<Customer> {
  return mapped(async () => (await ctx.tables.getRow({ ...ctx.at('customers'), rowId: customerId })) as unknown as Customer);
}

async function firstWhere(ctx: ServiceContext, column: string, value: string): Promise<Customer | null> {
  const page = await mapped(() =>
    ctx.tables.listRows({ ...ctx.at('customers'), queries: [Query.equal(column, value), Query.limit(1)], total: false }),
  );
  return (page.rows[0] as unknown as Customer | undefined) ?? null;
}

export function getCustomerByUserId(ctx: ServiceContext, userId: string): Promise<Customer | null> {
  return firstWhere(ctx, 'userId', userId);
}

/** Looks the email up the way it is stored (trimmed, lower-case). */
export function findCustomerByEmail(ctx: ServiceContext, email: string): Promise<Customer | null> {
  const normalized = normalize(TABLE_RULES.customers, { email })['email'] as string;
  return firstWhere(ctx, 'email', normalized);
}
