/**
 * Statistics for paired latency samples (sample i of a and of b were taken back to back, in the same
 * round), so that a benchmark can say how large a difference is and how much of it is noise: every
 * figure comes with a 95% interval from resampling whole rounds (a paired bootstrap), which keeps
 * whatever the machine did during a round in both halves of the pair.
 */
import { seededRandom } from '../../src/local/faults/prng.js';

/** The q-quantile as the benchmarks have always read it: the sample at floor(q * n) of the sorted list. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export interface Estimate {
  readonly value: number;
  /** 95% interval (2.5th and 97.5th percentile of the bootstrap estimates). */
  readonly low: number;
  readonly high: number;
}

export interface PairedComparison {
  /** quantile(a, q) / quantile(b, q) - 1, for q = 0.5 and 0.95. */
  readonly ratioP50: Estimate;
  readonly ratioP95: Estimate;
  /** Median of a[i] - b[i]: the typical cost a adds in one round, in the samples' unit. */
  readonly medianDifference: Estimate;
}

function statistics(a: ArrayLike<number>, b: ArrayLike<number>): [number, number, number] {
  const sa = sortedCopy(a);
  const sb = sortedCopy(b);
  const differences = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) differences[i] = a[i]! - b[i]!;
  differences.sort();
  return [quantile(sa, 0.5) / quantile(sb, 0.5) - 1, quantile(sa, 0.95) / quantile(sb, 0.95) - 1, quantile(differences, 0.5)];
}

export function comparePaired(a: ArrayLike<number>, b: ArrayLike<number>, resamples = 1000, seed = 1): PairedComparison {
  if (a.length !== b.length || a.length === 0) throw new Error('paired samples need equal, non-zero lengths');
  const n = a.length;
  const point = statistics(a, b);
  const draws: [Float64Array, Float64Array, Float64Array] = [new Float64Array(resamples), new Float64Array(resamples), new Float64Array(resamples)];
  const next = seededRandom(seed); // mulberry32: a report's intervals reproduce from its samples
  const ra = new Float64Array(n);
  const rb = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(next() * n);
      ra[i] = a[pick]!;
      rb[i] = b[pick]!;
    }
    statistics(ra, rb).forEach((value, k) => (draws[k]![r] = value));
  }
  const estimate = (k: number): Estimate => {
    const sorted = draws[k]!.sort();
    return { value: point[k]!, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  };
  return { ratioP50: estimate(0), ratioP95: estimate(1), medianDifference: estimate(2) };
}

export type Verdict = 'met' | 'not met' | 'within noise';

/** A goal "below limit" judged on an estimate: met only if the whole interval is below it. */
export function verdict(estimate: Estimate, limit: number): Verdict {
  if (estimate.high < limit) return 'met';
  if (estimate.low >= limit) return 'not met';
  return 'within noise';
}
