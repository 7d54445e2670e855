import { LocalApiError } from '../errors.js';
import type { JwtSigner } from './jwt.js';
import type { UserRecord, UserStore } from './users.js';

/**
 * Who is calling: an API key (authorisation off), a user acting through a JWT, or a guest. Roles are
 * computed per request from the stored user, so label changes apply without a new JWT.
 */
export type Caller =
  | { readonly kind: 'key' }
  | { readonly kind: 'guest'; readonly roles: readonly string[] }
  | { readonly kind: 'user'; readonly userId: string; readonly email: string; readonly roles: readonly string[] };

/** What a route handler needs to know about the request's identity. */
export interface RequestAuth {
  caller: Caller;
  /** `X-Appwrite-Timestamp`, for optimistic concurrency on row writes. */
  timestamp: string | undefined;
}

export const KEY_CALLER: Caller = { kind: 'key' };
export const GUEST_CALLER: Caller = { kind: 'guest', roles: ['any', 'guests'] };

/** In Appwrite's order (Authorization starts with `any`, then User::getRoles): it shows in error messages. */
export function userRoles(user: UserRecord): string[] {
  const verified = user.emailVerification || user.phoneVerification ? 'verified' : 'unverified';
  return ['any', `user:${user.id}`, 'users', `user:${user.id}/${verified}`, `users/${verified}`, ...user.labels.map((l) => `label:${l}`)];
}

export const jwtInvalid = (): LocalApiError =>
  new LocalApiError(401, 'user_jwt_invalid', 'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.');

export interface CallerHeaders {
  key: string | undefined;
  jwt: string | undefined;
}

/**
 * A matching key wins over everything (authorisation off). A wrong key silently degrades to guest, as
 * in Appwrite. A JWT that fails verification is a 401; one whose user is gone degrades to guest.
 */
export function resolveCaller(headers: CallerHeaders, apiKey: string, users: UserStore, jwt: JwtSigner): Caller {
  if (headers.key !== undefined && headers.key === apiKey) return KEY_CALLER;
  if (headers.jwt === undefined || headers.jwt === '') return GUEST_CALLER;
  const claims = jwt.verify(headers.jwt);
  if (!claims) throw jwtInvalid();
  const user = users.get(claims.userId);
  if (!user) return GUEST_CALLER;
  if (!user.status) throw new LocalApiError(403, 'user_blocked', 'The current user has been blocked.');
  return { kind: 'user', userId: user.id, email: user.email, roles: userRoles(user) };
}

export function rolesOf(caller: Caller): readonly string[] {
  return caller.kind === 'key' ? [] : caller.roles;
}
