import type { Plan, Precheck, PrecheckResult } from './types.js';

/**
 * Returns a copy of the plan with the executor's finding attached to one pre-check. Pure: the Plan
 * stays readonly data, so a plan with results can be rendered or saved like any other.
 */
export function attachPrecheckResult(plan: Plan, precheckId: string, result: PrecheckResult): Plan {
  if (!plan.prechecks.some((check) => check.id === precheckId)) {
    throw new Error(`attachPrecheckResult: no pre-check with id ${precheckId} in this plan`);
  }
  const prechecks = plan.prechecks.map(
    (check): Precheck => (check.id === precheckId ? { ...check, result } : check),
  );
  return { ...plan, prechecks };
}

/** Pre-checks that ran and found rows that would break their operation. */
export function failedPrechecks(plan: Plan): readonly Precheck[] {
  return plan.prechecks.filter((check) => check.result !== undefined && check.result.violatingRows > 0);
}
