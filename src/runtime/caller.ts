import { Account, type Client, type Models, Users } from 'node-appwrite';
import { mapped } from './error-mapping.js';
import { NotFoundError } from './errors.js';

/**
 * Who is calling. With an API key the application is trusted server code: Appwrite checks nothing and
 * the actor is whatever the caller passes (the reference's signatures). With a user's JWT, Appwrite
 * enforces that user's permissions and the runtime adds the rules Appwrite cannot hold (admin-only
 * columns, acting only as oneself); the user is read once from the Account API.
 */
export type Caller =
  | { readonly kind: 'server' }
  | { readonly kind: 'user'; readonly id: string; readonly admin: boolean; readonly account: Models.User<Models.Preferences> };

/** The user label that grants admin rights (schema/: `label:superadmin`). */
export const ADMIN_LABEL = 'superadmin';

export function callerResolver(client: Client): () => Promise<Caller> {
  let pending: Promise<Caller> | undefined;
  return () => {
    pending ??= resolveCaller(client).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function resolveCaller(client: Client): Promise<Caller> {
  // A key wins over a JWT on the server (api-facts §6.3), so a client carrying both is a server.
  if (client.config.key !== '') return { kind: 'server' };
  const account = await mapped(() => new Account(client).get());
  return { kind: 'user', id: account.$id, admin: account.labels.includes(ADMIN_LABEL), account };
}

export function isAdmin(caller: Caller): boolean {
  return caller.kind === 'server' || caller.admin;
}

/** The account that createCustomer takes name and email from when they are omitted. */
export async function accountOf(client: Client, caller: Caller, userId: string): Promise<{ name: string; email: string } | undefined> {
  if (caller.kind === 'user') return caller.id === userId ? caller.account : undefined;
  try {
    return await mapped(() => new Users(client).get({ userId }));
  } catch (error) {
    // Owners need not be Appwrite users (imports, tests); then there is simply nothing to pre-fill.
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
