import type { Migration } from './catalog.js';
import type { OperationStep } from './types.js';

/** A reason a pending migration may not run as it is. */
export interface MigrationGate {
  readonly file: string;
  readonly line: number;
  readonly rule: 'migration-unacknowledged-risk' | 'migration-destructive-not-allowed' | 'migration-incomplete';
  readonly message: string;
}

/** `export const todo = ...` marks a generated data migration the author has not completed. */
const TODO_EXPORT = /^\s*export\s+const\s+todo\b/m;

/**
 * The checks a migration must pass before it may run (and that `migrate lint` reports): every
 * destructive or data-dependent step carries an `acknowledged:` reason; a step that loses data
 * (destructive and not preserved by a copy in the same migration) needs --allow-destructive too;
 * a generated data migration must be completed.
 */
export function gatesFor(migration: Migration, options: { allowDestructive: boolean; forLint?: boolean }): MigrationGate[] {
  const file = `migrations/${migration.file.file}`;
  if (migration.file.kind === 'data') {
    if (!TODO_EXPORT.test(migration.file.content)) return [];
    const line = migration.file.content.split('\n').findIndex((text) => TODO_EXPORT.test(text)) + 1;
    return [{ file, line, rule: 'migration-incomplete', message: 'this data migration is a template still marked `todo`: write the conversion, then delete the `todo` export' }];
  }
  const gates: MigrationGate[] = [];
  (migration.schema?.steps ?? []).forEach((step, i) => {
    if (step.kind === 'copy_column' || step.risk === 'safe') return;
    const line = migration.stepLines[i] ?? 1;
    const operation = step as OperationStep;
    if (operation.acknowledged === undefined || operation.acknowledged.trim() === '') {
      gates.push({
        file, line, rule: 'migration-unacknowledged-risk',
        message: `${step.risk.replace('_', '-')} step ${step.id} (${step.summary}) has no \`acknowledged:\` line saying why it is acceptable`,
      });
    }
    const losesData = step.risk === 'destructive' && operation.preservedIn === undefined && step.kind !== 'delete_index';
    if (losesData && !options.allowDestructive && options.forLint !== true) {
      gates.push({ file, line, rule: 'migration-destructive-not-allowed', message: `step ${step.id} loses data (${step.summary}); run with --allow-destructive to approve it` });
    }
  });
  return gates;
}
