import type { LocalProject } from '../project.js';
import { LocalApiError } from '../errors.js';
import { toLegacyError } from '../http/facade.js';
import { queriesParam } from '../params.js';
import { selectById } from '../rows/row-sql.js';
import { selectRows } from '../rows/list.js';
import { applyAll, applyOperation, COMMIT_NAMING, preview, scopeFor, type Applied, type Naming } from './apply.js';
import { transactionConflict } from './errors.js';
import type { TransactionRegistry } from './registry.js';
import { rowKey, type StagedOperation, type Transaction } from './types.js';

/** Staging, reading through, committing and rolling back transactions over one project. */
export class TransactionService {
  constructor(readonly project: LocalProject, readonly registry: TransactionRegistry) {}

  /**
   * Checks ops against the staged state (so a bad operation fails now, as in Appwrite) and stages them;
   * returns the last operation's would-be response (the "mock row"), nothing is written.
   */
  stage(id: string, ops: readonly StagedOperation[], naming: Naming): Applied {
    const transaction = this.registry.pending(id);
    this.registry.checkRoom(transaction, ops.length);
    const baselines = new Map<string, string | null>();
    for (const op of ops) this.recordBaselines(op, baselines);
    const result = preview(this.project, () => {
      applyAll(this.project, transaction.operations);
      let last: Applied = { status: 204 };
      for (const op of ops) last = applyOperation(this.project, op, naming);
      return last;
    });
    for (const [key, state] of baselines) if (!transaction.baselines.has(key)) transaction.baselines.set(key, state);
    this.registry.append(transaction, ops);
    return result;
  }

  /** Runs a read against the transaction's staged state (read your own writes). */
  read<T>(id: string, fn: () => T): T {
    const transaction = this.registry.get(id);
    if (transaction.status !== 'pending') return fn();
    this.registry.pending(id);
    return preview(this.project, () => {
      applyAll(this.project, transaction.operations);
      return fn();
    });
  }

  /** All or nothing, in one SQLite transaction; failures use the legacy error types (§1.6 quirk). */
  commit(id: string): Transaction {
    const transaction = this.registry.pending(id);
    try {
      this.checkConflicts(transaction);
      this.project.transaction(() => applyAll(this.project, transaction.operations));
    } catch (error) {
      this.registry.finish(transaction, 'failed');
      throw error instanceof LocalApiError ? toLegacyError(error) : error;
    }
    this.registry.finish(transaction, 'committed');
    return transaction;
  }

  rollback(id: string): Transaction {
    const transaction = this.registry.pending(id);
    this.registry.finish(transaction, 'failed');
    return transaction;
  }

  private checkConflicts(transaction: Transaction): void {
    for (const [key, staged] of transaction.baselines) {
      const [databaseId, tableId, rowId] = JSON.parse(key) as [string, string, string];
      if (this.rowState(databaseId, tableId, rowId) !== staged) throw transactionConflict(rowId);
    }
  }

  /** The committed rows an operation depends on, as they are now. */
  private recordBaselines(op: StagedOperation, into: Map<string, string | null>): void {
    const add = (rowId: string) => {
      const key = rowKey(op.databaseId, op.tableId, rowId);
      if (!into.has(key)) into.set(key, this.rowState(op.databaseId, op.tableId, rowId));
    };
    if (op.rowId !== undefined) add(op.rowId);
    if (op.action === 'bulkCreate' || op.action === 'bulkUpsert') {
      for (const row of op.data as Record<string, unknown>[]) if (typeof row['$id'] === 'string') add(row['$id']);
    }
    if (op.action === 'bulkUpdate' || op.action === 'bulkDelete') {
      const scope = scopeFor(this.project, op.databaseId, op.tableId, COMMIT_NAMING);
      for (const raw of selectRows(scope, queriesParam(op.data as Record<string, unknown>))) add(String(raw['_id']));
    }
  }

  private rowState(databaseId: string, tableId: string, rowId: string): string | null {
    const context = this.project.context(databaseId, tableId);
    const raw = selectById(this.project, context, rowId);
    return raw === undefined ? null : JSON.stringify(raw, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }
}
