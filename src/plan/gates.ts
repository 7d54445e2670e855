import type { Operation, Plan, Precheck, PrecheckResult } from './types.js';

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
        blocked.push({ operation, gate: 'precheck_failed', reason: `${check.description}: ${violationText(check.result)}` });
      }
    }
  }
  return blocked;
}

/**
 * `2 rows would break (rows c1, c2)`; when the sample is only some of them, `(among them c1, c2)`.
 * The block message and the rendered plan share it, so both say exactly what was found.
 */
export function violationText(result: PrecheckResult): string {
  const ids = result.sampleRowIds;
  const all = ids.length >= result.violatingRows;
  const sample = ids.length === 0 ? '' : all ? ` (${ids.length === 1 ? 'row' : 'rows'} ${ids.join(', ')})` : ` (among them ${ids.join(', ')})`;
  return `${countText(result.violatingRows)} would break${sample}`;
}

function countText(rows: number): string {
  // Appwrite counts at most 5000 rows.
  return rows >= 5000 ? '5000 or more rows' : rows === 1 ? '1 row' : `${rows} rows`;
}
