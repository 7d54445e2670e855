import { seededRandom } from './prng.js';

/** Pure: which fault (if any) the next request gets. No IO, no clock. */

export type FaultKind = 'server_error' | 'unavailable' | 'rate_limited' | 'dropped';
/** before: the request never takes effect ("request lost"); after: it took effect, the response is lost. */
export type FaultTiming = 'before' | 'after';

export interface Fault {
  kind: FaultKind;
  timing: FaultTiming;
}

export const FAULT_KINDS: readonly FaultKind[] = ['server_error', 'unavailable', 'rate_limited', 'dropped'];

export interface FaultPlanOptions {
  /** Probability in [0, 1] that a request is faulted. */
  failRate: number;
  seed: number;
}

/**
 * Draws exactly three numbers per request whatever the outcome, so the n-th request's fault depends
 * only on the seed and n: the same seed and the same request order give the same faults.
 */
export class FaultPlan {
  private readonly random: () => number;

  constructor(private readonly options: FaultPlanOptions) {
    if (!(options.failRate >= 0 && options.failRate <= 1)) throw new RangeError(`failRate must be within 0..1, got ${options.failRate}`);
    if (!Number.isInteger(options.seed)) throw new RangeError(`the fault seed must be an integer, got ${options.seed}`);
    this.random = seededRandom(options.seed);
  }

  next(): Fault | undefined {
    const hit = this.random();
    const kindDraw = this.random();
    const timingDraw = this.random();
    if (hit >= this.options.failRate) return undefined;
    const kind = FAULT_KINDS[Math.floor(kindDraw * FAULT_KINDS.length)] ?? 'server_error';
    return { kind, timing: timingDraw < 0.5 ? 'before' : 'after' };
  }
}
