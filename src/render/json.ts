import { sortKeys } from '../plan/fingerprint.js';
import type { Plan } from '../plan/types.js';

/** Bumped on any change a consumer could notice; documented in the README. */
export const PLAN_FORMAT_VERSION = 1;

/**
 * The plan as documented, versioned JSON (`--json`, `plan --out`). Top-level members in a fixed
 * order; nested object keys sorted; operations and pre-checks in plan order; so equal plans give
 * byte-identical output.
 */
export function renderJson(plan: Plan): string {
  const document = {
    formatVersion: PLAN_FORMAT_VERSION,
    database: plan.database,
    changes: plan.operations.length > 0,
    summary: plan.summary,
    fingerprint: plan.fingerprint,
    operations: plan.operations.map(sortKeys),
    prechecks: plan.prechecks.map(sortKeys),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
