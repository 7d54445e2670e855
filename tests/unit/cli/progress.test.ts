import { describe, expect, it } from 'vitest';
import { reportSummary } from '../../../src/cli/progress.js';

describe('apply summary', () => {
  it('counts requests in words that agree with the number', () => {
    const report = { completed: [], failed: [], skipped: [], wallMs: 20, requests: 1 };
    expect(reportSummary(report)).toBe('Apply: 0 done in 0.02 s with 1 request.\n');
    expect(reportSummary({ ...report, requests: 2 })).toBe('Apply: 0 done in 0.02 s with 2 requests.\n');
  });
});
