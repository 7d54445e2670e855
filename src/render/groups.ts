import { violationText } from '../plan/gates.js';
import type { Operation, Plan, Precheck, Risk } from '../plan/types.js';

/** What the text and markdown renderers share: grouping, symbols, labels. */

export interface OperationGroup {
  readonly scope: 'database' | 'table';
  readonly id: string;
  readonly operations: readonly Operation[];
}

/** The database first, then one group per table in id order; plan order inside a group. */
export function groupByScope(plan: Plan): OperationGroup[] {
  const groups = new Map<string, { scope: 'database' | 'table'; id: string; operations: Operation[] }>();
  for (const op of plan.operations) {
    const [scope, id] = scopeOf(op);
    const key = `${scope === 'database' ? 0 : 1}:${id}`;
    const group = groups.get(key) ?? { scope, id, operations: [] };
    group.operations.push(op);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

function scopeOf(op: Operation): ['database' | 'table', string] {
  switch (op.kind) {
    case 'create_database':
    case 'update_database':
      return ['database', op.database];
    case 'create_table':
    case 'update_table':
    case 'delete_table':
    case 'create_column':
    case 'update_column':
    case 'rename_column':
    case 'delete_column':
    case 'replace_column':
    case 'create_index':
    case 'delete_index':
      return ['table', op.table];
    default:
      return assertNever(op);
  }
}

export type Symbol = '+' | '~' | '!' | '-';

/** `+` adds, `~` changes in place, `!` depends on the live data, `-` loses data. */
export function symbolFor(op: Operation): Symbol {
  if (op.risk === 'destructive') return '-';
  if (op.risk === 'data_dependent') return '!';
  switch (op.kind) {
    case 'create_database':
    case 'create_table':
    case 'create_column':
    case 'create_index':
      return '+';
    case 'update_database':
    case 'update_table':
    case 'update_column':
    case 'rename_column':
    case 'delete_index':
    case 'delete_column':
    case 'replace_column':
    case 'delete_table':
      return '~';
    default:
      return assertNever(op);
  }
}

export const SYMBOL_LEGEND = '+ create  ~ change in place  ! depends on live data  - destroys data';

export function riskLabel(risk: Risk): string {
  switch (risk) {
    case 'safe':
      return 'safe';
    case 'data_dependent':
      return 'data-dependent';
    case 'destructive':
      return 'destructive';
    default:
      return assertNever(risk);
  }
}

export function prechecksOf(plan: Plan, op: Operation): Precheck[] {
  return plan.prechecks.filter((check) => check.operation === op.id);
}

/** `pre-check: <what is counted> → <finding>`; the finding is absent until the executor ran it. */
export function precheckLine(check: Precheck): string {
  const result = check.result;
  if (result === undefined) return `pre-check: ${check.description} (runs against live data before apply)`;
  if (result.violatingRows === 0) return `pre-check: ${check.description}: none found`;
  return `pre-check: ${check.description}: ${violationText(result)}`;
}

/** `1 change`, `2 changes`: plans are read in pull requests, where "1 requests" reads as a bug. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/**
 * For `plan` and `diff`, which only show changes: how destructive ones would run. `apply` prints the
 * plan without it, since there the flag either was given or the run is blocked with its own reason.
 */
export function destructiveHint(plan: Plan): string | undefined {
  const count = plan.summary.destructive;
  if (count === 0) return undefined;
  return `${plural(count, 'destructive change')} ${count === 1 ? 'loses' : 'lose'} data; \`crm-schema apply\` runs ${count === 1 ? 'it' : 'them'} only with --allow-destructive.`;
}

export function summaryLine(plan: Plan): string {
  const { safe, data_dependent, destructive, total } = plan.summary;
  if (total === 0) return `No changes: database ${plan.database} matches the schema.`;
  return `Plan: ${plural(total, 'change')} (${safe} safe, ${data_dependent} data-dependent, ${destructive} destructive).`;
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
