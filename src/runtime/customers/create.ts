import { ID } from 'node-appwrite';
import { TABLE_RULES, type Customer, type CustomerInput } from '../../generated/schema-types.js';
import { auditOperation } from '../audit.js';
import { accountOf } from '../caller.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { inTransaction, operation } from '../transaction.js';
import { validateCreate, type RowData } from '../validation/validate-row.js';
import { assertMayWrite, rowPermissions } from './guards.js';
import { getCustomerByUserId } from './lookups.js';
import { appwriteTime } from '../time.js';

/** createCustomer's input: like the reference's `Partial<Customer>`, name and email may come from the account. */
export type NewCustomerData = Partial<Omit<CustomerInput, 'userId'>>;

/** The row as written; `$sequence` is assigned at commit and not returned by it. */
export type CreatedCustomer = Omit<Customer, '$sequence'>;

const SYSTEM_FIELDS = ['$id', '$sequence', '$tableId', '$databaseId', '$createdAt', '$updatedAt', '$permissions'];

/**
 * One customer per user and per email, guaranteed by the unique indexes on userId and on the
 * normalised email: no lookup first (that would race), the database refuses the loser with a
 * ConflictError. The row and its audit entry are committed together in 3 requests: create the
 * transaction, stage both rows, commit.
 */
export async function createCustomer(ctx: ServiceContext, data: NewCustomerData, userId: string): Promise<CreatedCustomer> {
  const caller = ctx.caller;
  if (caller.kind === 'user' && caller.id !== userId && !(await caller.admin())) {
    throw new ForbiddenError(`a signed-in user can only create their own customer record, not one for "${userId}"`, ['userId']);
  }
  const input: RowData = Object.fromEntries(Object.entries(data).filter(([key]) => !SYSTEM_FIELDS.includes(key)));
  await assertMayWrite(caller, 'customers', input);
  if (input['name'] == null || input['email'] === undefined) {
    // The reference's form pre-fills both from the signed-in user's Appwrite account.
    const account = await accountOf(ctx.client, caller, userId);
    if (input['name'] == null && account?.name) input['name'] = account.name;
    if (input['email'] === undefined && account?.email) input['email'] = account.email;
  }
  const actor = caller.kind === 'user' ? caller.id : userId;
  const values = validateCreate(TABLE_RULES.customers, { ...input, userId, createdBy: actor, updatedBy: actor, totalRevenue: 0, totalInvoices: 0 });
  const rowId = ID.unique();
  const at = appwriteTime();
  const permissions = rowPermissions('customers', values);
  // A key may set the timestamps (Appwrite ignores them from users), so the returned row is exact.
  const stamps = caller.kind === 'server' ? { $createdAt: at, $updatedAt: at } : {};
  try {
    await inTransaction(ctx, async () => ({
      ops: [
        operation(ctx, 'customers', 'create', rowId, { ...values, ...stamps, $permissions: permissions }),
        auditOperation(ctx, { actorId: actor, action: 'customer.created', customerId: rowId, after: values, at }),
      ],
      result: undefined,
    }));
  } catch (error) {
    throw error instanceof ConflictError && error.reason === 'duplicate' ? await explainDuplicate(ctx, userId, error) : error;
  }
  return {
    ...withDefaults(values),
    $id: rowId,
    $tableId: ctx.at('customers').tableId,
    $databaseId: ctx.databaseId,
    $createdAt: at,
    $updatedAt: at,
    $permissions: permissions,
  } as CreatedCustomer;
}

/** Every column, defaults and nulls included, as Appwrite returns a fresh row. */
function withDefaults(values: RowData): RowData {
  const row: RowData = {};
  for (const [key, column] of Object.entries(TABLE_RULES.customers.columns)) row[key] = values[key] ?? column.default ?? null;
  return row;
}

/** After the fact (not a pre-check): which unique value was taken, for the error message. */
async function explainDuplicate(ctx: ServiceContext, userId: string, error: ConflictError): Promise<ConflictError> {
  const existing = await getCustomerByUserId(ctx, userId).catch(() => null);
  return existing !== null
    ? new ConflictError('duplicate', `user "${userId}" already has a customer record (${existing.$id})`, 'userId', error.appwriteType)
    : new ConflictError('duplicate', 'a customer with this email already exists', 'email', error.appwriteType);
}
