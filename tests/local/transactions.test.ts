/**
 * Transactions (§2.9) through node-appwrite's TablesDB transaction methods against the local server:
 * staging via row routes and createOperations, read-your-writes, all-or-nothing commit, rollback,
 * expiry, conflicts, the 100-operation limit and the state machine's errors.
 */
import { Query, TablesDBIndexType, type TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startHarness, waitForColumn, waitForIndex, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

const DB = 'txdb';
const TABLE = 'accounts';
const at = { databaseId: DB, tableId: TABLE };
let clockOffsetMs = 0;
let h: LocalHarness;
let t: LooseTablesDB;

beforeAll(async () => {
  h = await startHarness({ clock: () => Date.now() + clockOffsetMs });
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: DB, name: 'Transactions' });
  await t.createTable({ ...at, name: 'Accounts' });
  await t.createVarcharColumn({ ...at, key: 'name', size: 50, required: true });
  await t.createEmailColumn({ ...at, key: 'email', required: false });
  await t.createIntegerColumn({ ...at, key: 'balance', required: false, min: 0, max: 1000 });
  for (const key of ['name', 'email', 'balance']) await waitForColumn(h.tablesDB, DB, TABLE, key);
  await t.createIndex({ ...at, key: 'email_unique', type: TablesDBIndexType.Unique, columns: ['email'] });
  await waitForIndex(h.tablesDB, DB, TABLE, 'email_unique');
}, 30_000);

afterAll(() => h.close());

async function exists(rowId: string): Promise<boolean> {
  try {
    await t.getRow({ ...at, rowId });
    return true;
  } catch {
    return false;
  }
}

describe('transactions', () => {
  it('creates with the default TTL of 300 s and validates ttl 60..3600', async () => {
    const tx = await h.tablesDB.createTransaction();
    expect(tx).toMatchObject({ status: 'pending', operations: 0 });
    expect(Date.parse(tx.expiresAt) - Date.parse(tx.$createdAt)).toBe(300_000);
    expect((await h.tablesDB.createTransaction({ ttl: 3600 })).status).toBe('pending');
    for (const ttl of [59, 3601]) {
      expect(await failure(() => h.tablesDB.createTransaction({ ttl }))).toMatchObject({ code: 400, type: 'general_argument_invalid' });
    }
    const listed = await h.tablesDB.listTransactions();
    expect(listed.transactions.map((x) => x.$id)).toContain(tx.$id);
    expect((await h.tablesDB.getTransaction({ transactionId: tx.$id })).$id).toBe(tx.$id);
    await h.tablesDB.deleteTransaction({ transactionId: tx.$id });
    expect(await failure(() => h.tablesDB.getTransaction({ transactionId: tx.$id }))).toMatchObject({ code: 404, type: 'transaction_not_found' });
  });

  it('stages row writes (mock rows, nothing written), reads its own writes, and commits them', async () => {
    await t.createRow({ ...at, rowId: 'alice', data: { name: 'Alice', balance: 100 } });
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    const mock = await t.createRow({ ...at, rowId: 'bob', data: { name: 'Bob', balance: 5 }, transactionId });
    expect(mock).toMatchObject({ $id: 'bob', name: 'Bob', balance: 5 });
    const updated = await t.updateRow({ ...at, rowId: 'alice', data: { balance: 90 }, transactionId });
    expect(updated).toMatchObject({ $id: 'alice', name: 'Alice', balance: 90 });
    expect(await t.incrementRowColumn({ ...at, rowId: 'bob', column: 'balance', value: 10, transactionId })).toMatchObject({ balance: 15 });

    expect(await exists('bob')).toBe(false);
    expect((await t.getRow({ ...at, rowId: 'alice' })).balance).toBe(100);
    expect((await t.getRow({ ...at, rowId: 'bob', transactionId })).balance).toBe(15);
    const staged = await t.listRows({ ...at, queries: [Query.orderAsc('name')], transactionId });
    expect(staged.rows.map((r: { $id: string; balance: number }) => [r.$id, r.balance])).toEqual([['alice', 90], ['bob', 15]]);
    expect((await t.listRows({ ...at })).total).toBe(1);
    expect((await h.tablesDB.getTransaction({ transactionId })).operations).toBe(3);

    const committed = await h.tablesDB.updateTransaction({ transactionId, commit: true });
    expect(committed.status).toBe('committed');
    expect((await t.getRow({ ...at, rowId: 'alice' })).balance).toBe(90);
    expect((await t.getRow({ ...at, rowId: 'bob' })).balance).toBe(15);
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true }))).toMatchObject({ code: 400, type: 'transaction_not_ready' });
  });

  it('stages every action through createOperations, bulk ones included', async () => {
    await t.createRows({ ...at, rows: [{ $id: 'op1', name: 'One', balance: 1 }, { $id: 'op2', name: 'Two', balance: 2 }, { $id: 'op3', name: 'Three', balance: 3 }] });
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    const ops = [
      { action: 'create', databaseId: DB, tableId: TABLE, rowId: 'op4', data: { name: 'Four', balance: 4 } },
      { action: 'update', databaseId: DB, tableId: TABLE, rowId: 'op1', data: { name: 'One!' } },
      { action: 'upsert', databaseId: DB, tableId: TABLE, rowId: 'op5', data: { name: 'Five', balance: 5 } },
      { action: 'increment', databaseId: DB, tableId: TABLE, rowId: 'op2', data: { column: 'balance', value: 5 } },
      { action: 'decrement', databaseId: DB, tableId: TABLE, rowId: 'op3', data: { column: 'balance', value: 1 } },
      { action: 'delete', databaseId: DB, tableId: TABLE, rowId: 'op4' },
      { action: 'bulkCreate', databaseId: DB, tableId: TABLE, data: [{ $id: 'op6', name: 'Six' }, { $id: 'op7', name: 'Seven' }] },
      { action: 'bulkUpsert', databaseId: DB, tableId: TABLE, data: [{ $id: 'op7', name: 'Seven!' }, { $id: 'op8', name: 'Eight' }] },
      { action: 'bulkUpdate', databaseId: DB, tableId: TABLE, data: { queries: [Query.equal('$id', ['op6', 'op8'])], data: { balance: 68 } } },
      { action: 'bulkDelete', databaseId: DB, tableId: TABLE, data: { queries: [Query.equal('$id', ['op5'])] } },
    ];
    expect((await h.tablesDB.createOperations({ transactionId, operations: ops })).operations).toBe(ops.length);
    expect(await exists('op6')).toBe(false);
    await h.tablesDB.updateTransaction({ transactionId, commit: true });
    const ids = ['op1', 'op2', 'op3', 'op4', 'op5', 'op6', 'op7', 'op8'];
    const rows = await t.listRows({ ...at, queries: [Query.equal('$id', ids), Query.orderAsc('$id')] });
    expect(rows.rows.map((r: { $id: string; name: string; balance: number | null }) => [r.$id, r.name, r.balance])).toEqual([
      ['op1', 'One!', 1], ['op2', 'Two', 7], ['op3', 'Three', 2], ['op6', 'Six', 68], ['op7', 'Seven!', null], ['op8', 'Eight', 68],
    ]);
  });

  it('rolls back: status failed, nothing written, and no commit afterwards', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    await t.createRow({ ...at, rowId: 'ghost', data: { name: 'Ghost' }, transactionId });
    expect((await h.tablesDB.updateTransaction({ transactionId, rollback: true })).status).toBe('failed');
    expect(await exists('ghost')).toBe(false);
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true }))).toMatchObject({ code: 400, type: 'transaction_not_ready' });
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, rollback: true }))).toMatchObject({ code: 400, type: 'transaction_not_ready' });
  });

  it('commits all or nothing, reporting the failure with the legacy error type', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    await t.createRow({ ...at, rowId: 'first', data: { name: 'First' }, transactionId });
    await t.createRow({ ...at, rowId: 'dup', data: { name: 'Dup', email: 'taken@example.com' }, transactionId });
    await t.createRow({ ...at, rowId: 'owner', data: { name: 'Owner', email: 'taken@example.com' } });
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true }))).toMatchObject({
      code: 409,
      type: 'document_unique_constraint_violation',
    });
    expect((await h.tablesDB.getTransaction({ transactionId })).status).toBe('failed');
    expect(await exists('first')).toBe(false);
    expect(await exists('dup')).toBe(false);
  });

  it('refuses a commit when a staged row changed outside the transaction (409 transaction_conflict)', async () => {
    await t.createRow({ ...at, rowId: 'carol', data: { name: 'Carol', balance: 50 } });
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    await t.updateRow({ ...at, rowId: 'carol', data: { balance: 40 }, transactionId });
    await t.updateRow({ ...at, rowId: 'carol', data: { balance: 70 } });
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true }))).toMatchObject({ code: 409, type: 'transaction_conflict' });
    expect((await t.getRow({ ...at, rowId: 'carol' })).balance).toBe(70);
  });

  it('expires: past expiresAt every write and the commit answer 410', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction({ ttl: 60 });
    await t.createRow({ ...at, rowId: 'late', data: { name: 'Late' }, transactionId });
    clockOffsetMs = 61_000;
    try {
      expect(await failure(() => t.createRow({ ...at, rowId: 'later', data: { name: 'Later' }, transactionId }))).toMatchObject({ code: 410, type: 'transaction_expired' });
      expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true }))).toMatchObject({ code: 410, type: 'transaction_expired' });
    } finally {
      clockOffsetMs = 0;
    }
    expect(await exists('late')).toBe(false);
  });

  it('limits a transaction to 100 operations', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    const op = (i: number) => ({ action: 'create', databaseId: DB, tableId: TABLE, rowId: `lim${i}`, data: { name: `L${i}` } });
    await h.tablesDB.createOperations({ transactionId, operations: Array.from({ length: 60 }, (_, i) => op(i)) });
    await h.tablesDB.createOperations({ transactionId, operations: Array.from({ length: 40 }, (_, i) => op(60 + i)) });
    expect(await failure(() => t.createRow({ ...at, rowId: 'lim100', data: { name: 'over' }, transactionId }))).toMatchObject({
      code: 400,
      type: 'transaction_limit_exceeded',
      message: 'Transaction already has 100 operations, adding 1 would exceed the maximum of 100',
    });
    await h.tablesDB.updateTransaction({ transactionId, commit: true });
    expect((await t.listRows({ ...at, queries: [Query.startsWith('$id', 'lim')] })).total).toBe(100);
  });

  it('answers the state-machine errors: unknown id, both or neither flag, invalid operations', async () => {
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId: 'nope', commit: true }))).toMatchObject({ code: 404, type: 'transaction_not_found' });
    expect(await failure(() => t.createRow({ ...at, rowId: 'x', data: { name: 'X' }, transactionId: 'nope' }))).toMatchObject({ code: 404, type: 'transaction_not_found' });
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId, commit: true, rollback: true }))).toMatchObject({ code: 400, type: 'general_bad_request' });
    expect(await failure(() => h.tablesDB.updateTransaction({ transactionId }))).toMatchObject({ code: 400, type: 'general_bad_request' });
    expect(await failure(() => h.tablesDB.createOperations({ transactionId, operations: [{ action: 'explode', databaseId: DB, tableId: TABLE }] }))).toMatchObject({ code: 400, type: 'transaction_invalid' });
    expect(await failure(() => h.tablesDB.createOperations({ transactionId, operations: [{ action: 'update', databaseId: DB, tableId: TABLE, data: {} }] }))).toMatchObject({ code: 400, type: 'transaction_invalid' });
    expect(await failure(() => t.createRow({ ...at, rowId: 'bad', data: { nope: 1 }, transactionId }))).toMatchObject({ code: 400, type: 'row_invalid_structure' });
    expect((await h.tablesDB.getTransaction({ transactionId })).operations).toBe(0);
  });

  it('keeps bulk actions key-only', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    const bulk = [{ action: 'bulkCreate', databaseId: DB, tableId: TABLE, data: [{ name: 'Guest' }] }];
    expect(await failure(() => (h.guest as TablesDB).createOperations({ transactionId, operations: bulk }))).toMatchObject({ code: 401 });
    expect((await h.tablesDB.createOperations({ transactionId, operations: bulk })).operations).toBe(1);
  });

  it('serves the legacy Databases API over the same transactions', async () => {
    const tx = await h.databases.createTransaction();
    const doc = await h.databases.createDocument({ databaseId: DB, collectionId: TABLE, documentId: 'legacy1', data: { name: 'Legacy' }, transactionId: tx.$id });
    expect(doc).toMatchObject({ $id: 'legacy1', $collectionId: TABLE, name: 'Legacy' });
    expect((await h.tablesDB.getTransaction({ transactionId: tx.$id })).operations).toBe(1);
    await h.databases.updateTransaction({ transactionId: tx.$id, commit: true });
    expect(await exists('legacy1')).toBe(true);
  });
});
