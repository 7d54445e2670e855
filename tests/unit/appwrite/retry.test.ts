import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, isRetryable, retryDelayMs } from '../../../src/appwrite/retry.js';

describe('isRetryable', () => {
  it.each([
    [{}, true],
    [{ status: 429 }, true],
    [{ status: 408 }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 409, type: 'general_resource_locked' }, true],
    [{ status: 409, type: 'column_already_exists' }, false],
    [{ status: 400, type: 'general_argument_invalid' }, false],
    [{ status: 401, type: 'general_unauthorized_scope' }, false],
    [{ status: 404, type: 'table_not_found' }, false],
  ])('%j -> %s', (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const policy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('grows exponentially with full jitter inside [ceiling/2, ceiling] and stops at the cap', () => {
    expect(retryDelayMs(0, {}, policy, () => 0)).toBe(50);
    expect(retryDelayMs(0, {}, policy, () => 1)).toBe(100);
    expect(retryDelayMs(3, {}, policy, () => 1)).toBe(800);
    expect(retryDelayMs(10, {}, policy, () => 1)).toBe(1_000);
  });

  it('waits at least until X-RateLimit-Reset on 429, at most a minute', () => {
    const now = 1_700_000_000_000;
    const reset = now / 1000 + 3;
    expect(retryDelayMs(0, { status: 429, rateLimitReset: reset }, policy, () => 0, now)).toBe(3_000);
    expect(retryDelayMs(0, { status: 429, rateLimitReset: now / 1000 + 3600 }, policy, () => 0, now)).toBe(60_000);
    // A reset in the past falls back to the normal backoff.
    expect(retryDelayMs(0, { status: 429, rateLimitReset: now / 1000 - 5 }, policy, () => 0, now)).toBe(50);
  });

  it('has a default that gives a flaky server several chances', () => {
    expect(DEFAULT_RETRY.attempts).toBeGreaterThanOrEqual(5);
  });
});
