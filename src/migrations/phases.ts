import { orderOperations } from '../diff/order.js';
import type { DraftOperation } from '../diff/draft.js';
import type { Operation } from '../plan/types.js';
import type { CopyColumnStep, MigrationStep, OperationStep } from './types.js';

/**
 * A migration runs as phases: a run of operations that the engine overlaps as a dependency graph
 * (like `push`), or one copy step. A new phase starts at every copy step and before the first
 * irreversible operation, so everything before that point is complete, and reversible, when an
 * irreversible step starts: a failure before it rolls back cleanly.
 */
export type Phase =
  | { readonly kind: 'operations'; readonly operations: readonly Operation[]; readonly irreversible: boolean }
  | { readonly kind: 'copy'; readonly step: CopyColumnStep };

export function splitPhases(steps: readonly MigrationStep[]): Phase[] {
  const phases: Phase[] = [];
  let run: OperationStep[] = [];
  let pastIrreversible = false;
  const flush = (): void => {
    if (run.length > 0) phases.push({ kind: 'operations', operations: orderOperations(run.map(toDraft)), irreversible: pastIrreversible });
    run = [];
  };
  for (const step of steps) {
    if (step.kind === 'copy_column') {
      flush();
      phases.push({ kind: 'copy', step });
      continue;
    }
    if (!pastIrreversible && !isReversible(step)) {
      flush();
      pastIrreversible = true;
    }
    run.push(step);
  }
  flush();
  return phases;
}

/** A step as the executor's operation type: lists the file may leave out get their empty default. */
export function toDraft(step: OperationStep): DraftOperation {
  const record = step as unknown as { reasons?: string[]; hazards?: unknown[] };
  const { acknowledged: _a, preservedIn: _p, ...operation } = step;
  return { ...operation, reasons: record.reasons ?? [], hazards: record.hazards ?? [] } as unknown as DraftOperation;
}

export function isReversible(step: MigrationStep): boolean {
  // Database-level steps are never undone but lose nothing, so they do not end the reversible part.
  return step.kind === 'copy_column' || step.kind === 'create_database' || step.kind === 'update_database' || inverseOf(step) !== undefined;
}

/**
 * The operation that undoes `step` without losing anything, or undefined when there is none:
 * creates are dropped again, renames and in-place updates go back, a deleted index is rebuilt. A
 * deleted or replaced column or table cannot come back with its data. `create_database` is never
 * undone: the database holds the migration history itself.
 */
export function inverseOf(step: OperationStep): DraftOperation | undefined {
  const base = { reasons: ['rolls back a failed migration'], hazards: [], risk: 'safe' as const };
  switch (step.kind) {
    case 'create_table':
      return { ...base, kind: 'delete_table', id: `undo:${step.id}`, table: step.table, name: step.name, columnCount: 0, summary: `delete table ${step.table} again` };
    case 'update_table': {
      const from = (property: string, fallback: unknown): unknown => step.changes.find((c) => c.property === property)?.from ?? fallback;
      return {
        ...base, kind: 'update_table', id: `undo:${step.id}`, table: step.table, changes: [],
        name: from('name', step.name) as string,
        enabled: from('enabled', step.enabled) as boolean,
        rowSecurity: from('rowSecurity', step.rowSecurity) as boolean,
        permissions: from('permissions', step.permissions) as string[],
        summary: `restore table ${step.table}'s settings`,
      };
    }
    case 'update_database':
      return undefined;
    case 'create_column':
      return { ...base, kind: 'delete_column', id: `undo:${step.id}`, table: step.table, key: step.column.key, previous: step.column, summary: `delete column ${step.column.key} again` };
    case 'update_column':
      return { ...base, kind: 'update_column', id: `undo:${step.id}`, table: step.table, key: step.key, column: step.previous, previous: step.column, changes: [], summary: `restore column ${step.key}` };
    case 'rename_column':
      return { ...base, kind: 'rename_column', id: `undo:${step.id}`, table: step.table, from: step.to, to: step.from, current: { ...step.current, key: step.to }, summary: `rename column ${step.to} back to ${step.from}` };
    case 'create_index':
      return { ...base, kind: 'delete_index', id: `undo:${step.id}`, table: step.table, key: step.index.key, previous: step.index, summary: `delete index ${step.index.key} again` };
    case 'delete_index':
      return { ...base, kind: 'create_index', id: `undo:${step.id}`, table: step.table, index: step.previous, summary: `rebuild index ${step.key}` };
    case 'create_database':
    case 'delete_table':
    case 'delete_column':
    case 'replace_column':
      return undefined;
    default:
      return assertNever(step);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}
