import { LocalApiError } from '../errors.js';

/**
 * Appwrite's abuse limits on row writes (§8): fixed 60-second windows per
 * `ip, method, route template, user`, so one limit is shared across all tables. Only non-key callers
 * are counted; off unless the server is started with `rateLimits: true`.
 */
export const WINDOW_SECONDS = 60;
export const WRITE_LIMIT = 120;
export const DELETE_LIMIT = 60;

export interface RateVerdict {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
  exceeded: boolean;
}

/** The limit of a route, or undefined when Appwrite puts no abuse label on it (reads, schema routes). */
export function limitOf(method: string, routeTemplate: string): number | undefined {
  const isRowRoute = /\/(rows|documents)(\/:[A-Za-z]+)?(\/:[A-Za-z]+\/(increment|decrement))?$/.test(routeTemplate);
  if (!isRowRoute) return undefined;
  if (method === 'DELETE') return DELETE_LIMIT;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') return WRITE_LIMIT;
  return undefined;
}

export class AbuseLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  /**
   * Counts one request under key. Like Appwrite, `remaining` is read before this request is counted
   * (the first response says `limit`), and the request after the limit-th is refused.
   */
  hit(key: string, limit: number, nowMs = Date.now()): RateVerdict {
    const nowSeconds = Math.floor(nowMs / 1000);
    const start = nowSeconds - (nowSeconds % WINDOW_SECONDS);
    if (start !== this.windowStart) {
      // A new window: every old counter is stale, so drop them all rather than let the map grow.
      this.windowStart = start;
      this.counts = new Map();
    }
    const previous = this.counts.get(key) ?? 0;
    this.counts.set(key, previous + 1);
    return { limit, remaining: Math.max(0, limit - previous), reset: start + WINDOW_SECONDS, exceeded: previous >= limit };
  }
}

export const rateLimitExceeded = (): LocalApiError =>
  new LocalApiError(429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.');
