/**
 * When a failed request may be sent again, and how long to wait first.
 *
 * Retried: 429, 408, 5xx, 409 general_resource_locked, and transport failures (connection refused,
 * reset or closed before a response). A 4xx answer is the server's final word and is never retried.
 * Non-idempotent creates are safe to retry because every executor step treats "already exists with
 * the same definition" as done.
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 10_000 };

export interface FailureInfo {
  /** HTTP status, or undefined for a transport failure. */
  readonly status?: number;
  readonly type?: string;
  /** Unix seconds from X-RateLimit-Reset, when the server sent it. */
  readonly rateLimitReset?: number;
}

export function isRetryable(failure: FailureInfo): boolean {
  const { status, type } = failure;
  if (status === undefined) return true;
  if (status === 429 || status === 408 || status >= 500) return true;
  return status === 409 && type === 'general_resource_locked';
}

/**
 * Full-jitter exponential backoff; for 429 never earlier than the advertised reset time, so a rate
 * limited pipeline does not burn its attempts inside the same window.
 */
export function retryDelayMs(
  attempt: number,
  failure: FailureInfo,
  policy: RetryPolicy,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  if (failure.status === 429 && failure.rateLimitReset !== undefined) {
    const untilReset = failure.rateLimitReset * 1000 - nowMs;
    return Math.max(jittered, Math.min(untilReset, 60_000));
  }
  return jittered;
}
