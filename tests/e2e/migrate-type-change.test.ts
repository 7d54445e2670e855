import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Query, type TablesDB } from 'node-appwrite';
import type { LocalServer } from '../../src/local/index.js';
import { runCli } from '../helpers/cli.js';
import { cliIn, scratch, tablesDbOf, type Project } from '../helpers/migrations-dir.js';
import { tempDir, writeSchemaDir, type RawSchema } from '../helpers/schema-dir.js';

// Each test runs the CLI several times against real servers; a loaded 2-core machine needs the room.
vi.setConfig({ testTimeout: 120_000 });

/**
 * A column type change on a table with 5,000 rows goes through expand / copy / contract and keeps
 * every value; the same change through push --allow-destructive is the only way to lose it. And a
 * migration that fails part-way is rolled back, or with --no-rollback finished by a re-run.
 */

const ROWS = 5000;
const at = { databaseId: 'shop', tableId: 'items' };

function schemaWith(qty: Record<string, unknown>, label: Record<string, unknown>, extra: Record<string, unknown>[] = []): RawSchema {
  return {
    databaseId: 'shop',
    tables: [{
      id: 'items',
      columns: [{ key: 'sku', type: 'varchar', size: 20, required: true }, { key: 'qty', ...qty }, { key: 'label', ...label }, ...extra],
      indexes: [{ key: 'idx_qty', type: 'key', columns: ['qty'] }, { key: 'idx_sku', type: 'unique', columns: ['sku'] }],
    }],
  };
}
const BEFORE = schemaWith({ type: 'integer', required: false }, { type: 'varchar', size: 50, required: false });
const AFTER = schemaWith({ type: 'float', required: false }, { type: 'text', required: false });

function newProject(): Project {
  const root = tempDir('crm-type-');
  return { root, schema: path.join(root, 'schema'), migrations: path.join(root, 'migrations') };
}

async function migrateNew(project: Project, name: string): Promise<string> {
  const result = await runCli(['migrate', 'new', name, '--schema', project.schema, '--migrations', project.migrations]);
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

async function seed(tablesDB: TablesDB): Promise<void> {
  for (let start = 0; start < ROWS; start += 100) {
    const rows = Array.from({ length: 100 }, (_, i) => {
      const n = start + i;
      return { $id: `item${n}`, sku: `SKU-${n}`, qty: n % 7 === 0 ? null : n * 3 - 7000, label: n % 11 === 0 ? null : `Label ${n} ✓` };
    });
    await tablesDB.createRows({ ...at, rows });
  }
}

async function allRows(tablesDB: TablesDB): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  let cursor: string | undefined;
  for (;;) {
    const page = await tablesDB.listRows({ ...at, queries: [Query.limit(1000), ...(cursor ? [Query.cursorAfter(cursor)] : [])] });
    for (const row of page.rows) rows.set(row.$id, row);
    cursor = page.rows.at(-1)?.$id;
    if (page.rows.length < 1000) return rows;
  }
}

const made = scratch();
async function seededServer(project: Project): Promise<{ server: LocalServer; tablesDB: TablesDB }> {
  const server = await made.server();
  const applied = await cliIn(project, server, ['apply']);
  expect(applied.code, applied.stderr).toBe(0);
  const tablesDB = tablesDbOf(server);
  await seed(tablesDB);
  return { server, tablesDB };
}

describe('a type change with 5,000 rows', () => {
  let project: Project;
  beforeAll(async () => {
    project = made.track(newProject());
    writeSchemaDir(project.schema, BEFORE);
    await migrateNew(project, 'initial');
  });

  it('goes through expand / copy / contract and every value survives, converted', async () => {
    const { server, tablesDB } = await seededServer(project);
    const before = await allRows(tablesDB);
    writeSchemaDir(project.schema, AFTER);
    const said = await migrateNew(project, 'widen_item_columns');
    expect(said).toContain('3 destructive'); // the index drop and the two old columns, all acknowledged
    const file = readFileSync(path.join(project.migrations, '0002_widen_item_columns.yaml'), 'utf8');
    const kinds = [...file.matchAll(/^ {2}- kind: (\w+)\n {4}id: (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(kinds).toEqual([
      'create_column create_column:items.qty_new',
      'create_column create_column:items.label_new',
      'copy_column copy_column:items.qty',
      'copy_column copy_column:items.label',
      'delete_index delete_index:items.idx_qty',
      'delete_column delete_column:items.qty',
      'delete_column delete_column:items.label',
      'rename_column rename_column:items.qty_new',
      'rename_column rename_column:items.label_new',
      'create_index create_index:items.idx_qty',
    ]);
    expect(file).toContain('preservedIn: qty_new');
    expect(file).toContain('integers become floats');

    const applied = await cliIn(project, server, ['apply']);
    expect(applied.code, applied.stderr).toBe(0);
    const table = await tablesDB.getTable(at);
    const columns = Object.fromEntries((table.columns as unknown as { key: string; type: string }[]).map((c) => [c.key, c.type]));
    expect(columns).toMatchObject({ qty: 'double', label: 'text' });
    expect(Object.keys(columns).sort()).toEqual(['label', 'qty', 'sku']);
    expect((table.indexes as unknown as { key: string; columns: string[] }[]).find((i) => i.key === 'idx_qty')?.columns).toEqual(['qty']);
    const after = await allRows(tablesDB);
    expect(after.size).toBe(ROWS);
    for (const [id, row] of before) {
      expect(after.get(id)?.qty, id).toBe(row.qty);
      expect(after.get(id)?.label, id).toBe(row.label);
      expect(after.get(id)?.sku, id).toBe(row.sku);
    }
    const plan = await cliIn(project, server, ['plan'], ['--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('push refuses the same change without --allow-destructive and loses the values with it', async () => {
    const start = made.track(newProject());
    writeSchemaDir(start.schema, BEFORE);
    await migrateNew(start, 'initial');
    const { server, tablesDB } = await seededServer(start);
    writeSchemaDir(start.schema, AFTER);
    const refused = await runCli(['push', '--schema', start.schema, '--endpoint', server.endpoint, '--project', server.projectId], { env: { APPWRITE_API_KEY: server.apiKey } });
    expect(refused.code).toBe(3);
    expect((await allRows(tablesDB)).get('item1')?.qty).toBe(-6997);
    const pushed = await runCli(['push', '--allow-destructive', '--schema', start.schema, '--endpoint', server.endpoint, '--project', server.projectId], { env: { APPWRITE_API_KEY: server.apiKey } });
    expect(pushed.code, pushed.stderr).toBe(0);
    const after = await allRows(tablesDB);
    expect([...after.values()].every((row) => row.qty === null && row.label === null)).toBe(true);
  });
});

/** A hand-written migration whose last phase fails on the data: a unique index over duplicate labels. */
const FAILING_MIGRATION = `database: shop
steps:
  - kind: create_column
    id: create_column:items.note
    risk: safe
    summary: create column note
    table: items
    column: { key: note, type: varchar, size: 20, required: false, array: false, default: null, encrypt: false }
  - kind: copy_column
    id: copy_column:items.sku
    risk: safe
    summary: copy sku into note
    table: items
    from: sku
    to: note
    conversion: identity
  - kind: create_index
    id: create_index:items.idx_label
    risk: data_dependent
    acknowledged: labels are unique (checked by hand)
    summary: create unique index idx_label (label)
    table: items
    index: { key: idx_label, type: unique, columns: [label], orders: [asc], lengths: [null] }
`;
const WITH_NOTE = schemaWith({ type: 'integer', required: false }, { type: 'varchar', size: 50, required: false }, [{ key: 'note', type: 'varchar', size: 20, required: false }]);

describe('a migration that fails part-way', () => {
  async function prepared(): Promise<{ project: Project; server: LocalServer; tablesDB: TablesDB }> {
    const project = made.track(newProject());
    writeSchemaDir(project.schema, BEFORE);
    await migrateNew(project, 'initial');
    const seeded = await seededServer(project);
    // Two rows share a label, so the unique index in the last phase fails on the server.
    await seeded.tablesDB.updateRow({ ...at, rowId: 'item2', data: { label: 'Label 1 ✓' } });
    const raw = { ...WITH_NOTE, tables: WITH_NOTE.tables.map((t) => ({ ...t, indexes: [...(t.indexes ?? []), { key: 'idx_label', type: 'unique', columns: ['label'] }] })) };
    writeSchemaDir(project.schema, raw);
    writeFileSync(path.join(project.migrations, '0002_note_and_unique_label.yaml'), FAILING_MIGRATION);
    expect((await runCli(['migrate', 'hash', '--migrations', project.migrations])).code).toBe(0);
    return { project, ...seeded };
  }

  it('is rolled back to the previous version, failed leftovers included', async () => {
    const { project, server, tablesDB } = await prepared();
    const failed = await cliIn(project, server, ['apply'], ['--json']);
    expect(failed.code, failed.stderr).toBe(1);
    const result = JSON.parse(failed.stdout) as { outcome: string; migrations: { attempted: { file: string; status: string; error: string }[] } };
    expect(result.outcome).toBe('failed');
    expect(result.migrations.attempted).toMatchObject([{ file: '0002_note_and_unique_label.yaml', status: 'rolled_back' }]);
    expect(result.migrations.attempted[0]?.error).toMatch(/idx_label[\s\S]*rolled back to the previous version/);
    const table = await tablesDB.getTable(at);
    expect((table.columns as unknown as { key: string }[]).map((c) => c.key).sort()).toEqual(['label', 'qty', 'sku']);
    expect((table.indexes as unknown as { key: string }[]).map((i) => i.key).sort()).toEqual(['idx_qty', 'idx_sku']);
    const history = await tablesDB.listRows({ databaseId: 'shop', tableId: 'crm_schema_history', queries: [Query.orderAsc('version')] });
    expect(history.rows.map((r) => [r.version, r.status])).toEqual([[1, 'applied'], [2, 'rolled_back']]);
  });

  it('with --no-rollback stays as it is, and a re-run after fixing the data finishes it', async () => {
    const { project, server, tablesDB } = await prepared();
    const failed = await cliIn(project, server, ['apply'], ['--no-rollback']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('re-run apply to continue where it stopped');
    const kept = await tablesDB.getRow({ ...at, rowId: 'item5' });
    expect(kept.note).toBe('SKU-5');
    await tablesDB.updateRow({ ...at, rowId: 'item2', data: { label: 'Label 2 ✓' } });
    const finished = await cliIn(project, server, ['apply']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).not.toContain('copy sku into note');
    const history = await tablesDB.listRows({ databaseId: 'shop', tableId: 'crm_schema_history', queries: [Query.orderAsc('version')] });
    expect(history.rows.map((r) => [r.version, r.status])).toEqual([[1, 'applied'], [2, 'applied']]);
    const table = await tablesDB.getTable(at);
    expect((table.indexes as unknown as { key: string; status: string }[]).find((i) => i.key === 'idx_label')?.status).toBe('available');
  });
});
