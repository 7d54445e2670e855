import type { Sqlite } from '../store/open.js';
import { JwtSigner } from './jwt.js';
import { UserStore } from './users.js';
import { resolveCaller, type RequestAuth } from './caller.js';
import { assertRouteScope } from './scopes.js';
import { AbuseLimiter, limitOf, rateLimitExceeded } from './rate-limit.js';

/**
 * Identity for the local server: users, JWTs, route scopes and (optionally) abuse limits. The HTTP layer
 * calls `authenticate` once per request and hands the result to the route handlers.
 */
export interface AuthRequest {
  method: string;
  /** Fastify's route template, e.g. `/v1/tablesdb/:databaseId/tables/:tableId/rows/:rowId`. */
  routeTemplate: string;
  ip: string;
  /** The Host header without its port (PHP's getHostname), which Appwrite puts in a key's service email. */
  hostname: string;
  header(name: string): string | undefined;
  setHeader(name: string, value: string): void;
}

export class AuthService {
  readonly users: UserStore;
  readonly jwt: JwtSigner;
  private readonly limiter: AbuseLimiter | undefined;

  constructor(db: Sqlite, private readonly apiKey: string, rateLimits: boolean, private readonly projectId: string) {
    this.users = new UserStore(db);
    this.jwt = new JwtSigner(db);
    this.limiter = rateLimits ? new AbuseLimiter() : undefined;
  }

  /** Throws LocalApiError: user_jwt_invalid, general_unauthorized_scope, general_rate_limit_exceeded. */
  authenticate(request: AuthRequest): RequestAuth {
    const caller = resolveCaller({ key: request.header('x-appwrite-key'), jwt: request.header('x-appwrite-jwt') }, this.apiKey, this.users, this.jwt);
    assertRouteScope(caller, request.method, request.routeTemplate, `app.${this.projectId}@service.${request.hostname}`);
    const limit = limitOf(request.method, request.routeTemplate);
    if (this.limiter && limit !== undefined && caller.kind !== 'key') {
      const userId = caller.kind === 'user' ? caller.userId : '';
      const verdict = this.limiter.hit(`${request.ip}|${request.method}|${request.routeTemplate}|${userId}`, limit);
      request.setHeader('X-RateLimit-Limit', String(verdict.limit));
      request.setHeader('X-RateLimit-Remaining', String(verdict.remaining));
      request.setHeader('X-RateLimit-Reset', String(verdict.reset));
      if (verdict.exceeded) throw rateLimitExceeded();
    }
    return { caller, timestamp: request.header('x-appwrite-timestamp') };
  }
}

export type { Caller, RequestAuth } from './caller.js';
export { GUEST_CALLER, KEY_CALLER } from './caller.js';
