import { uniqueId } from '../params.js';
import { transactionExpired, transactionLimitExceeded, transactionNotFound, transactionNotReady } from './errors.js';
import { MAX_OPERATIONS, type StagedOperation, type Transaction } from './types.js';

/**
 * The project's transactions, kept in memory: they live at most an hour (TTL ≤ 3600 s), so a
 * restart of the local server dropping them is like Appwrite expiring them early.
 */
export class TransactionRegistry {
  private readonly transactions = new Map<string, Transaction>();

  constructor(private readonly now: () => number) {}

  create(ttlSeconds: number): Transaction {
    const now = this.now();
    const transaction: Transaction = {
      id: uniqueId(),
      createdAt: now,
      updatedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      status: 'pending',
      operations: [],
      baselines: new Map(),
    };
    this.transactions.set(transaction.id, transaction);
    return transaction;
  }

  get(id: string): Transaction {
    const transaction = this.transactions.get(id);
    if (!transaction) throw transactionNotFound();
    return transaction;
  }

  list(): Transaction[] {
    return [...this.transactions.values()];
  }

  delete(id: string): void {
    this.get(id);
    this.transactions.delete(id);
  }

  /** A transaction that may still take operations or be committed: pending and not expired. */
  pending(id: string): Transaction {
    const transaction = this.get(id);
    if (transaction.status !== 'pending') throw transactionNotReady(transaction.status);
    if (this.now() > transaction.expiresAt) throw transactionExpired();
    return transaction;
  }

  checkRoom(transaction: Transaction, adding: number): void {
    if (transaction.operations.length + adding > MAX_OPERATIONS) throw transactionLimitExceeded(transaction.operations.length, adding);
  }

  append(transaction: Transaction, operations: readonly StagedOperation[]): void {
    this.checkRoom(transaction, operations.length);
    transaction.operations.push(...operations);
    transaction.updatedAt = this.now();
  }

  finish(transaction: Transaction, status: 'committed' | 'failed'): void {
    transaction.status = status;
    transaction.updatedAt = this.now();
  }
}
