/**
 * `crm-schema local --rate-limits` (the built binary): the flag turns Appwrite's abuse limits on for
 * non-key callers; without it they stay off. Requires `npx tsc` (runs dist/).
 */
import { describe, expect, it } from 'vitest';
import { startCliServer } from '../helpers/cli.js';

async function withCliServer(extra: string[], fn: (endpoint: string) => Promise<void>): Promise<void> {
  const server = await startCliServer(['--memory', '--port', '0', '--api-key', 'flag-key', ...extra]);
  try {
    await fn(server.endpoint);
  } finally {
    await server.stop();
  }
}

/** 61 guest deletes of a missing row: the statuses seen and the last X-RateLimit-Remaining. */
async function deletes(endpoint: string): Promise<{ statuses: number[]; lastRemaining: string | null }> {
  // The fixed windows start on whole minutes; keep the burst inside one window.
  const intoWindow = (Date.now() / 1000) % 60;
  if (intoWindow > 50) await new Promise((r) => setTimeout(r, (61 - intoWindow) * 1000));
  const statuses: number[] = [];
  let lastRemaining: string | null = null;
  for (let i = 0; i < 61; i++) {
    const response = await fetch(`${endpoint}/tablesdb/db/tables/t/rows/missing`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': 'crm-local' },
      body: '{}',
    });
    statuses.push(response.status);
    lastRemaining = response.headers.get('x-ratelimit-remaining');
  }
  return { statuses, lastRemaining };
}

describe('crm-schema local --rate-limits', () => {
  it('the 61st guest delete in a minute is refused with 429', { timeout: 60_000 }, async () => {
    await withCliServer(['--rate-limits'], async (endpoint) => {
      const { statuses, lastRemaining } = await deletes(endpoint);
      expect(new Set(statuses.slice(0, 60))).toEqual(new Set([404]));
      expect([statuses[60], lastRemaining]).toEqual([429, '0']);
    });
  });

  it('without the flag nothing is limited', { timeout: 60_000 }, async () => {
    await withCliServer([], async (endpoint) => {
      const { statuses, lastRemaining } = await deletes(endpoint);
      expect([new Set(statuses), lastRemaining]).toEqual([new Set([404]), null]);
    });
  });
});
