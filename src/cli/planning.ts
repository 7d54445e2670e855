import { introspectDatabase, type Introspection, type IntrospectOptions } from '../appwrite/introspect.js';
import { withPrecheckResults } from '../appwrite/prechecks.js';
import type { Gateway } from '../appwrite/gateway.js';
import { diff } from '../diff/index.js';
import type { Plan } from '../plan/index.js';
import type { Database } from '../model/index.js';
import { CrmSchemaError } from '../errors.js';

const SETTLE_POLL_MS = 250;

/**
 * Reads the live database once nothing is in flight: a column or index still `processing` or
 * `deleting` (say, from an apply that was killed) would make the diff compare half-finished work.
 */
export async function settledIntrospection(gateway: Gateway, timeoutMs: number, options: IntrospectOptions = {}): Promise<Introspection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = await introspectDatabase(gateway.tablesDb, gateway.databaseId, options);
    const inFlight = live.unsettled.filter((item) => item.status === 'processing' || item.status === 'deleting');
    if (inFlight.length === 0) return live;
    if (Date.now() > deadline) {
      const first = inFlight[0];
      throw new CrmSchemaError(
        'timeout',
        `timed out waiting for ${inFlight.length} item(s) still in progress on the server, e.g. ${first?.kind} ` +
          `"${first?.table}.${first?.key}" (${first?.status})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

export interface LivePlan {
  readonly plan: Plan;
  readonly live: Introspection;
}

/** Diffs the live database against the desired model and runs every pre-check the plan declares. */
export async function planAgainstLive(gateway: Gateway, desired: Database, timeoutMs: number): Promise<LivePlan> {
  const live = await settledIntrospection(gateway, timeoutMs);
  return { plan: await withPrecheckResults(gateway, diff(live.model, desired)), live };
}
