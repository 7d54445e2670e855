import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Client, Query, TablesDB } from 'node-appwrite';
import { startTestTarget, type TestTarget } from '../helpers/test-target.js';
import type { CliResult } from '../helpers/cli.js';
import { cliAgainst, removeDir, tempDir, writeSchemaDir, type RawTable } from '../helpers/schema-dir.js';
import { plain, readRawState } from '../helpers/live-state.js';

/**
 * One test per kind of change, each on its own database of one shared server: apply a base table,
 * write rows with node-appwrite, change the YAML, and check what the real CLI does to the live data.
 */

type Columns = Record<string, unknown>[];

const BASE_COLUMNS: Columns = [
  { key: 'name', type: 'varchar', size: 50, required: true },
  { key: 'nick', type: 'varchar', size: 20 },
  { key: 'status', type: 'enum', elements: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] },
  { key: 'age', type: 'integer' },
  { key: 'notes', type: 'text' },
];

const BASE: RawTable = {
  id: 'people',
  permissions: ['read("any")'],
  columns: BASE_COLUMNS,
  indexes: [{ key: 'idx_name', type: 'key', columns: ['name'] }],
};

let server: TestTarget;
let tablesDB: TablesDB;
let root: string;

beforeAll(async () => {
  server = await startTestTarget({ workerDelayMs: 1 });
  tablesDB = new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
  root = tempDir();
});
afterAll(async () => {
  await server.close();
  removeDir(root);
});

/** A database of its own with the base table applied and the given rows written. */
class Scenario {
  readonly dir: string;
  constructor(readonly databaseId: string) {
    this.dir = path.join(root, databaseId);
  }

  static async start(databaseId: string, rows: Record<string, unknown>[] = []): Promise<Scenario> {
    const scenario = new Scenario(databaseId);
    const applied = await scenario.apply(BASE);
    expect(applied.code, applied.stderr).toBe(0);
    for (const [i, data] of rows.entries()) {
      await tablesDB.createRow({ databaseId, tableId: 'people', rowId: `row${i}`, data: { name: `person ${i}`, ...data } });
    }
    return scenario;
  }

  write(table: RawTable): void {
    writeSchemaDir(this.dir, { databaseId: this.databaseId, tables: [table] });
  }

  async apply(table: RawTable, flags: string[] = []): Promise<CliResult> {
    this.write(table);
    return cliAgainst(server, 'push', ['--schema', this.dir, ...flags]);
  }

  async plan(table: RawTable, flags: string[] = []): Promise<CliResult> {
    this.write(table);
    return cliAgainst(server, 'plan', ['--schema', this.dir, ...flags]);
  }

  /** Plan after an apply: nothing left to do. */
  async expectConverged(table: RawTable): Promise<void> {
    const plan = await this.plan(table, ['--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  }

  // Live state is read with plain node-appwrite calls, as Appwrite reports it, never through the
  // tool's own introspection: a bug shared by apply and introspection must not pass.
  async column(key: string): Promise<Record<string, unknown>> {
    return plain(await tablesDB.getColumn({ databaseId: this.databaseId, tableId: 'people', key })) as Record<string, unknown>;
  }

  async columnKeys(): Promise<string[]> {
    const { columns } = await tablesDB.listColumns({ databaseId: this.databaseId, tableId: 'people', queries: [Query.limit(100)] });
    return (columns as unknown as { key: string }[]).map((c) => c.key).sort();
  }

  async indexes(): Promise<Record<string, { columns: readonly string[]; type: string; status: string }>> {
    const { indexes } = await tablesDB.listIndexes({ databaseId: this.databaseId, tableId: 'people', queries: [Query.limit(100)] });
    return Object.fromEntries(indexes.map((index) => [index.key, index]));
  }

  async row(id: string): Promise<Record<string, unknown>> {
    return (await tablesDB.getRow({ databaseId: this.databaseId, tableId: 'people', rowId: id })) as unknown as Record<string, unknown>;
  }
}

function withColumn(key: string, change: Record<string, unknown> | undefined): RawTable {
  const columns = BASE_COLUMNS.flatMap((column) => (column.key !== key ? [column] : change === undefined ? [] : [{ ...column, ...change }]));
  return { ...BASE, columns };
}

function expectBlocked(result: CliResult, ...fragments: string[]): void {
  expect(result.code, result.stdout + result.stderr).toBe(3);
  expect(result.stderr).toContain('Blocked, nothing was changed');
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
}

describe('apply, one change at a time', () => {
  it('adds a column (plan exits 2 first, then nothing is left)', async () => {
    const s = await Scenario.start('add-column', [{ nick: 'x' }]);
    const next = { ...BASE, columns: [...BASE_COLUMNS, { key: 'email', type: 'email' }] };
    const plan = await s.plan(next, ['--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('email');
    expect((await s.apply(next)).code).toBe(0);
    expect(await s.column('email')).toMatchObject({ type: 'string', format: 'email', required: false, status: 'available' });
    expect(await s.row('row0')).toMatchObject({ nick: 'x', email: null });
    await s.expectConverged(next);
  });

  it('widens a varchar in place, keeping the data', async () => {
    const s = await Scenario.start('widen', [{ nick: 'abcdefghij' }]);
    const next = withColumn('nick', { size: 40 });
    expect((await s.apply(next)).code).toBe(0);
    expect(await s.column('nick')).toMatchObject({ size: 40 });
    expect(await s.row('row0')).toMatchObject({ nick: 'abcdefghij' });
    await s.expectConverged(next);
  });

  it('shrinks a varchar when every stored value fits', async () => {
    const s = await Scenario.start('shrink-ok', [{ nick: 'short' }, { nick: null }]);
    const next = withColumn('nick', { size: 10 });
    const result = await s.apply(next);
    expect(result.code, result.stderr).toBe(0);
    expect(await s.column('nick')).toMatchObject({ size: 10 });
    expect(await s.row('row0')).toMatchObject({ nick: 'short' });
  });

  it('refuses to shrink below stored values, with the count and sample row ids (exit 3)', async () => {
    const s = await Scenario.start('shrink-blocked', [{ nick: 'fits' }, { nick: 'much too long here' }, { nick: 'also too long!!' }]);
    const result = await s.apply(withColumn('nick', { size: 10 }));
    expectBlocked(result, '2 rows', 'row1', 'row2');
    expect(result.stderr).not.toContain('row0');
    expect(await s.column('nick')).toMatchObject({ size: 20 });
  });

  it('adds an enum element', async () => {
    const s = await Scenario.start('enum-add', [{ status: 'a' }]);
    const next = withColumn('status', { elements: [{ value: 'a' }, { value: 'b' }, { value: 'c' }, { value: 'd' }] });
    expect((await s.apply(next)).code).toBe(0);
    expect((await s.column('status')).elements).toEqual(['a', 'b', 'c', 'd']);
    await s.expectConverged(next);
  });

  it('removes an enum element no row uses', async () => {
    const s = await Scenario.start('enum-remove-ok', [{ status: 'a' }, { status: 'b' }]);
    const next = withColumn('status', { elements: [{ value: 'a' }, { value: 'b' }] });
    const result = await s.apply(next);
    expect(result.code, result.stderr).toBe(0);
    expect((await s.column('status')).elements).toEqual(['a', 'b']);
  });

  it('refuses to remove an enum element still in use (exit 3)', async () => {
    const s = await Scenario.start('enum-remove-blocked', [{ status: 'a' }, { status: 'c' }]);
    const result = await s.apply(withColumn('status', { elements: [{ value: 'a' }, { value: 'b' }] }));
    expectBlocked(result, '1 row', 'row1');
    expect((await s.column('status')).elements).toHaveLength(3);
  });

  it('refuses to make a column required while rows hold null (exit 3), and does it once they are filled', async () => {
    const s = await Scenario.start('required', [{ age: 30 }, { age: null }]);
    const next = withColumn('age', { required: true });
    expectBlocked(await s.apply(next), '1 row', 'row1');
    expect(await s.column('age')).toMatchObject({ required: false });
    await tablesDB.updateRow({ databaseId: 'required', tableId: 'people', rowId: 'row1', data: { age: 31 } });
    const result = await s.apply(next);
    expect(result.code, result.stderr).toBe(0);
    expect(await s.column('age')).toMatchObject({ required: true });
  });

  it('renames a column declared with renamedFrom, keeping its data and indexes', async () => {
    const s = await Scenario.start('rename', [{ nick: 'kept' }]);
    const next: RawTable = {
      ...withColumn('nick', { key: 'nickname', renamedFrom: 'nick' }),
      indexes: [...(BASE.indexes ?? []), { key: 'idx_nick', type: 'key', columns: ['nickname'] }],
    };
    const plan = await s.plan(next);
    expect(plan.stdout).toMatch(/rename/i);
    const result = await s.apply(next);
    expect(result.code, result.stderr).toBe(0);
    expect(await s.columnKeys()).toEqual(['age', 'name', 'nickname', 'notes', 'status']);
    expect(await s.row('row0')).toMatchObject({ nickname: 'kept' });
    await s.expectConverged(next);
  });

  it('adds, changes and removes indexes (removal needs --allow-destructive)', async () => {
    const s = await Scenario.start('indexes', [{ nick: 'n' }]);
    const added: RawTable = { ...BASE, indexes: [...(BASE.indexes ?? []), { key: 'idx_nick', type: 'key', columns: ['nick'] }] };
    expect((await s.apply(added)).code).toBe(0);
    expect(Object.keys(await s.indexes()).sort()).toEqual(['idx_name', 'idx_nick']);

    const changed: RawTable = { ...BASE, indexes: [{ key: 'idx_name', type: 'key', columns: ['name', 'age'] }, { key: 'idx_nick', type: 'unique', columns: ['nick'] }] };
    const result = await s.apply(changed);
    expect(result.code, result.stderr).toBe(0);
    const indexes = await s.indexes();
    expect(indexes.idx_name?.columns).toEqual(['name', 'age']);
    expect(indexes.idx_nick?.type).toBe('unique');
    await s.expectConverged(changed);

    const removed: RawTable = { ...BASE, indexes: [{ key: 'idx_name', type: 'key', columns: ['name', 'age'] }] };
    expectBlocked(await s.apply(removed), 'idx_nick');
    expect(Object.keys(await s.indexes()).sort()).toEqual(['idx_name', 'idx_nick']);
    expect((await s.apply(removed, ['--allow-destructive'])).code).toBe(0);
    expect(Object.keys(await s.indexes())).toEqual(['idx_name']);
  });

  it('changes table permissions and row security in place', async () => {
    const s = await Scenario.start('permissions', [{ nick: 'stays' }]);
    const next: RawTable = { ...BASE, rowSecurity: true, permissions: ['create("users")', 'read("users")'] };
    expect((await s.apply(next)).code).toBe(0);
    const table = await tablesDB.getTable({ databaseId: 'permissions', tableId: 'people' });
    expect(table.rowSecurity).toBe(true);
    expect([...table.$permissions].sort()).toEqual(['create("users")', 'read("users")']);
    expect(await s.row('row0')).toMatchObject({ nick: 'stays' });
    await s.expectConverged(next);
  });

  it('refuses a destructive change without --allow-destructive (exit 3, nothing changed), then does it', async () => {
    const s = await Scenario.start('destructive', [{ notes: 'precious', nick: 'n' }]);
    // Dropping notes and changing nick's type: both lose data.
    const next = withColumn('notes', undefined);
    const retyped: RawTable = { ...next, columns: next.columns.map((c) => (c.key === 'age' ? { key: 'age', type: 'float' } : c)) };
    const before = plain([...(await readRawState(server, 'destructive'))]);
    const blocked = await s.apply(retyped);
    expectBlocked(blocked, '--allow-destructive');
    expect(plain([...(await readRawState(server, 'destructive'))])).toEqual(before);
    expect(await s.row('row0')).toMatchObject({ notes: 'precious' });

    const result = await s.apply(retyped, ['--allow-destructive']);
    expect(result.code, result.stderr).toBe(0);
    expect(await s.columnKeys()).toEqual(['age', 'name', 'nick', 'status']);
    expect(await s.column('age')).toMatchObject({ type: 'double', status: 'available' });
    await s.expectConverged(retyped);
  });
});
