import { LocalApiError } from '../errors.js';
import type { Caller } from './caller.js';

/**
 * Route scopes (§6.2): sessions, JWTs and guests hold only the row scopes among database routes, so every
 * database/table/column/index route and every users route needs an API key.
 */
export type RouteKind = 'rows' | 'key-only';

const ROW_ROUTE = /^\/v1\/(tablesdb|databases)\/[^/]+\/(tables|collections)\/[^/]+\/(rows|documents)(\/|$)/;
/** Transactions stage row writes, so they carry the row scopes too (users may create their own). */
const TRANSACTION_ROUTE = /^\/v1\/(tablesdb|databases)\/transactions(\/|$)/;

export function routeKind(routeTemplate: string): RouteKind {
  return ROW_ROUTE.test(routeTemplate) || TRANSACTION_ROUTE.test(routeTemplate) ? 'rows' : 'key-only';
}

/** The scopes Appwrite names in the refusal: TablesDB routes list both the new and the legacy name. */
function scopesOf(method: string, routeTemplate: string): string[] {
  const access = method === 'GET' ? 'read' : 'write';
  if (routeTemplate.startsWith('/v1/users')) return [`users.${access}`];
  if (/\/indexes(\/|$)/.test(routeTemplate)) return [`indexes.${access}`];
  if (/\/(columns|attributes)(\/|$)/.test(routeTemplate)) return [`columns.${access}`, `attributes.${access}`];
  if (/\/(tables|collections)(\/|$)/.test(routeTemplate)) return [`tables.${access}`, `collections.${access}`];
  return [`databases.${access}`];
}

const ACCOUNT_ROUTE = /^\/v1\/account(\/|$)/;

/**
 * `keyEmail` is the service address Appwrite gives a project key's actor (app.<project>@service.<host>,
 * app/controllers/shared/api.php), which the refusal names. The account routes need the `account`
 * scope, which only users hold (app/config/roles.php): guests and keys are refused.
 */
export function assertRouteScope(caller: Caller, method: string, routeTemplate: string, keyEmail: string): void {
  if (ACCOUNT_ROUTE.test(routeTemplate)) {
    if (caller.kind === 'user') return;
    const who = caller.kind === 'key' ? `${keyEmail} (role: applications)` : 'User (role: guests)';
    throw new LocalApiError(401, 'general_unauthorized_scope', `${who} missing scopes (["account"])`);
  }
  if (caller.kind === 'key' || routeKind(routeTemplate) === 'rows') return;
  const who = caller.kind === 'user' ? `${caller.email || 'User'} (role: users)` : 'User (role: guests)';
  throw new LocalApiError(401, 'general_unauthorized_scope', `${who} missing scopes (${JSON.stringify(scopesOf(method, routeTemplate))})`);
}
