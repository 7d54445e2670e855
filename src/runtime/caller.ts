import { Account, type Client, type Models, Users } from 'node-appwrite';
import { mapped } from './error-mapping.js';
import { ForbiddenError, NotFoundError } from './errors.js';

/**
 * Who is calling. With an API key the application is trusted server code: Appwrite checks nothing and
 * the actor is whatever the caller passes (the reference's signatures). With a user's JWT, Appwrite
 * enforces that user's permissions and the runtime adds the rules Appwrite cannot hold (admin-only
 * columns, acting only as oneself).
 *
 * The user id is read from the JWT's claims without a request: the server verifies the token on
 * every call anyway, so a forged id gains nothing. The account (labels, name, email) costs one
 * Account API request, made only when needed and at most once per service.
 */
export type Caller =
  | { readonly kind: 'server' }
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly account: () => Promise<Models.User<Models.Preferences>>;
      readonly admin: () => Promise<boolean>;
    };

/** The user label that grants admin rights (schema/: `label:superadmin`). */
export const ADMIN_LABEL = 'superadmin';

export function resolveCaller(client: Client): Caller {
  // A key wins over a JWT on the server (api-facts §6.3), so a client carrying both is a server.
  if (client.config.key !== '') return { kind: 'server' };
  const id = jwtUserId(client.config.jwt);
  let pending: Promise<Models.User<Models.Preferences>> | undefined;
  const account = () => {
    pending ??= mapped(() => new Account(client).get()).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return { kind: 'user', id, account, admin: async () => (await account()).labels.includes(ADMIN_LABEL) };
}

function jwtUserId(jwt: string): string {
  const payload = jwt.split('.')[1];
  try {
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { userId?: unknown };
    if (typeof claims.userId === 'string' && claims.userId !== '') return claims.userId;
  } catch {
    // fall through
  }
  throw new ForbiddenError('the client carries neither an API key nor a user JWT (setKey or setJWT)');
}

export async function isAdmin(caller: Caller): Promise<boolean> {
  return caller.kind === 'server' || (await caller.admin());
}

/** The account that createCustomer takes name and email from when they are omitted. */
export async function accountOf(client: Client, caller: Caller, userId: string): Promise<{ name: string; email: string } | undefined> {
  if (caller.kind === 'user') return caller.id === userId ? caller.account() : undefined;
  try {
    return await mapped(() => new Users(client).get({ userId }));
  } catch (error) {
    // Owners need not be Appwrite users (imports, tests); then there is simply nothing to pre-fill.
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
