import { ID } from 'node-appwrite';
import { TABLE_RULES, type Customer, type CustomerInteractionType } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { operation } from '../transaction.js';
import { validateCreate } from '../validation/validate-row.js';
import { isDatetime } from '../validation/formats.js';
import { changeCustomer } from './change.js';
import { assertActsAsSelf, rowPermissions } from './guards.js';
import { appwriteTime } from '../time.js';

/** lastContactAt only moves forward: a late-arriving older contact never rewinds it. */
function later(stored: string | null | undefined, candidate: string): boolean {
  return stored === undefined || stored === null || Date.parse(candidate) > Date.parse(stored);
}

function contactTime(field: string, value: string | undefined): string {
  if (value === undefined) return appwriteTime();
  if (!isDatetime(value)) throw new ValidationError([{ field, rule: 'datetime', message: 'must be an ISO 8601 date between the years 1000 and 9999' }]);
  return appwriteTime(Date.parse(value));
}

export async function updateLastContact(ctx: ServiceContext, customerId: string, contactDate?: string): Promise<Customer> {
  const when = contactTime('contactDate', contactDate);
  const caller = ctx.caller;
  const actor = caller.kind === 'user' ? caller.id : ctx.systemActor;
  return changeCustomer(ctx, customerId, actor, (current) =>
    later(current.lastContactAt, when) ? { data: { lastContactAt: when }, action: 'customer.updated' } : null,
  );
}

export interface InteractionInput {
  readonly type: CustomerInteractionType;
  readonly summary: string;
  /** When it happened; default now. */
  readonly at?: string;
}

/**
 * Logs an interaction and moves the customer's lastContactAt forward to its time (never backward),
 * all in one transaction with its audit entry. Returns the new interaction's id.
 */
export async function recordInteraction(ctx: ServiceContext, customerId: string, input: InteractionInput, by: string): Promise<string> {
  const caller = ctx.caller;
  assertActsAsSelf(caller, by);
  const when = contactTime('at', input.at);
  // Checked before the first request, so bad input costs nothing; the owner is filled in below.
  validateCreate(TABLE_RULES.customer_interactions, { customerId, userId: by, type: input.type, summary: input.summary, at: when, createdBy: by });
  const interactionId = ID.unique();
  await changeCustomer(ctx, customerId, by, (current) => {
    const interaction = validateCreate(TABLE_RULES.customer_interactions, {
      customerId,
      userId: current.userId,
      type: input.type,
      summary: input.summary,
      at: when,
      createdBy: by,
    });
    const create = operation(ctx, 'customer_interactions', 'create', interactionId, {
      ...interaction,
      $permissions: rowPermissions('customer_interactions', interaction),
    });
    return {
      data: later(current.lastContactAt, when) ? { lastContactAt: when } : {},
      action: 'customer.interaction_recorded',
      extraOps: [create],
      auditExtra: { interactionId, type: input.type, at: when },
    };
  });
  return interactionId;
}
