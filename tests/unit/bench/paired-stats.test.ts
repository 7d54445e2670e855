import { describe, expect, it } from 'vitest';
import { comparePaired, quantile, sortedCopy, verdict } from '../../bench/paired-stats.js';

/** Deterministic noise in [0, 1). */
const noise = (seed: number) => (i: number) => ((Math.sin(seed * 1000 + i * 12.9898) * 43758.5453) % 1 + 1) % 1;

describe('paired benchmark statistics', () => {
  it('reads quantiles as floor(q * n) of the sorted samples', () => {
    const sorted = sortedCopy([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    expect([quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 1)]).toEqual([6, 10, 10]);
  });

  it('a constant extra cost shows as that difference with no spread, and as the matching ratios', () => {
    const b = Array.from({ length: 400 }, (_, i) => 1 + noise(1)(i));
    const a = b.map((x) => x + 0.25);
    const result = comparePaired(a, b, 200);
    expect(result.medianDifference.value).toBeCloseTo(0.25, 10);
    expect(result.medianDifference.high - result.medianDifference.low).toBeLessThan(1e-9);
    expect(result.ratioP95.value).toBeCloseTo(0.25 / quantile(sortedCopy(b), 0.95), 10);
  });

  it('two draws of the same noise are within noise of each other, and the interval says so', () => {
    const a = Array.from({ length: 2000 }, (_, i) => 1 + 4 * noise(2)(i) ** 8);
    const b = Array.from({ length: 2000 }, (_, i) => 1 + 4 * noise(3)(i) ** 8);
    const result = comparePaired(a, b);
    for (const estimate of [result.ratioP50, result.ratioP95, result.medianDifference]) {
      expect(estimate.low).toBeLessThanOrEqual(estimate.value);
      expect(estimate.high).toBeGreaterThanOrEqual(estimate.value);
      expect(estimate.low).toBeLessThan(0);
      expect(estimate.high).toBeGreaterThan(0);
    }
    expect(verdict(result.ratioP95, 0)).toBe('within noise');
  });

  it('judges a goal on the whole interval', () => {
    expect(verdict({ value: 0.05, low: 0.01, high: 0.1 }, 0.2)).toBe('met');
    expect(verdict({ value: 0.15, low: 0.05, high: 0.3 }, 0.2)).toBe('within noise');
    expect(verdict({ value: 0.4, low: 0.25, high: 0.6 }, 0.2)).toBe('not met');
  });

  it('refuses unpaired samples', () => {
    expect(() => comparePaired([1, 2], [1])).toThrow();
  });
});
