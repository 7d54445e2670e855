import type { Operation, Plan, Precheck } from './types.js';

export interface Approvals {
  /** --allow-destructive: drops and replacements that lose data. Approves nothing else. */
  readonly destructive: boolean;
}

export interface BlockedOperation {
  readonly operation: Operation;
  readonly gate: 'destructive' | 'precheck_failed' | 'precheck_missing';
  readonly reason: string;
}

/**
 * Decides which operations may run. Each risk class has its own gate:
 * - safe: always;
 * - data_dependent: only when every pre-check guarding it ran and found no offending rows. There is
 *   no flag to override a failed pre-check: the data has to be fixed first, because Appwrite would
 *   either refuse the change or leave rows that break their own schema;
 * - destructive: only with --allow-destructive.
 * Pure: the executor and the renderers both read the verdict.
 */
export function blockedOperations(plan: Plan, approvals: Approvals): readonly BlockedOperation[] {
  const checksByOperation = new Map<string, Precheck[]>();
  for (const check of plan.prechecks) {
    checksByOperation.set(check.operation, [...(checksByOperation.get(check.operation) ?? []), check]);
  }
  const blocked: BlockedOperation[] = [];
  for (const operation of plan.operations) {
    if (operation.risk === 'destructive' && !approvals.destructive) {
      blocked.push({ operation, gate: 'destructive', reason: 'destructive: needs --allow-destructive' });
    }
    for (const check of checksByOperation.get(operation.id) ?? []) {
      if (check.result === undefined) {
        blocked.push({ operation, gate: 'precheck_missing', reason: `pre-check ${check.id} has not run against live data` });
      } else if (check.result.violatingRows > 0) {
        const sample = check.result.sampleRowIds.length > 0 ? ` (e.g. rows ${check.result.sampleRowIds.join(', ')})` : '';
        blocked.push({
          operation,
          gate: 'precheck_failed',
          reason: `${check.description}: ${countText(check.result.violatingRows)} would break${sample}`,
        });
      }
    }
  }
  return blocked;
}

function countText(rows: number): string {
  // Appwrite counts at most 5000 rows.
  return rows >= 5000 ? '5000 or more rows' : rows === 1 ? '1 row' : `${rows} rows`;
}
