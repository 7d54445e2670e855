/**
 * The path our README offers to appwrite-cli users: `crm-schema export --appwrite-config`, then
 * appwrite-cli 12 `push tables` into an empty server, then again (nothing to do), then
 * `crm-schema plan` against what it built (nothing destructive; in fact nothing at all). Before the
 * export carried datetime formats and both numeric bounds, the second push recreated every datetime
 * column (dropping the indexes over them) and "changed" every half-bounded number, and the plan
 * proposed replacing every varchar and text column that came back as the legacy string.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import { appwriteCli, type AppwriteCli } from '../helpers/appwrite-cli.js';
import { ROOT, runCli } from '../helpers/cli.js';

let server: LocalServer;
let root: string;
let work: string;
let cli: AppwriteCli;
let tablesDB: TablesDB;

beforeAll(async () => {
  server = await startLocalServer({ port: 0, memory: true, apiKey: 'export-key', projectId: 'export-project' });
  tablesDB = new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
  root = mkdtempSync(path.join(tmpdir(), 'crm-export-push-'));
  work = path.join(root, 'work');
  mkdirSync(work);
  writeFileSync(path.join(root, 'key'), `${server.apiKey}\n`);
  cli = appwriteCli(path.join(root, 'home'), server);
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const target = (): string[] => ['--endpoint', server.endpoint, '--project', server.projectId, '--api-key-file', path.join(root, 'key')];

describe('export -> appwrite-cli push -> push again -> crm-schema plan', () => {
  it('exports the shipped schema for the server', async () => {
    const file = path.join(work, 'appwrite.config.json');
    const result = await runCli(['export', '--appwrite-config', '--schema', path.join(ROOT, 'schema'), '--out', file, '--project', server.projectId, '--endpoint', server.endpoint]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('the first push creates all 4 tables with every column and index', { timeout: 180_000 }, async () => {
    await cli.login(work);
    const output = await cli.run(work, ['push', 'tables', '--all', '--force']);
    expect(output).toContain('Successfully pushed 4 tables');
    const customers = await tablesDB.getTable({ databaseId: 'console-db', tableId: 'customers' });
    expect(customers.columns).toHaveLength(28);
    expect(customers.indexes).toHaveLength(25);
  });

  it('the second push finds nothing to change: no recreated datetime, no changed max, no lost index', { timeout: 180_000 }, async () => {
    // getTable embeds every column; listColumns would stop at its default page of 25.
    const before = (await tablesDB.getTable({ databaseId: 'console-db', tableId: 'customers' })).columns.map((c) => [c.key, c.$createdAt]);
    const output = await cli.run(work, ['push', 'tables', '--all', '--force']);
    expect(output).not.toMatch(/recreating|changing/);
    expect(output).toContain('Successfully pushed 0 tables');
    const after = await tablesDB.getTable({ databaseId: 'console-db', tableId: 'customers' });
    expect(after.columns.map((c) => [c.key, c.$createdAt])).toEqual(before);
    expect(after.indexes).toHaveLength(25);
  });

  it('crm-schema plan against the pushed database proposes nothing (the legacy strings are the declared varchar/text)', async () => {
    const result = await runCli(['plan', '--json', '--schema', path.join(ROOT, 'schema'), ...target()], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as { operations: { id: string; risk: string }[] };
    expect(plan.operations.filter((op) => op.risk === 'destructive')).toEqual([]);
    expect(plan.operations).toEqual([]);
    // The premise: appwrite-cli did create legacy strings where schema/ declares varchar.
    const email = await tablesDB.getColumn({ databaseId: 'console-db', tableId: 'customers', key: 'email' });
    expect(email).toMatchObject({ type: 'string', size: 255 });
  });

  it('push widens such a legacy string through its own route, keeping its type and data', async () => {
    const schema = path.join(root, 'wider');
    mkdirSync(schema);
    for (const name of ['database.yaml', 'audit_logs.yaml', 'invoices.yaml']) {
      writeFileSync(path.join(schema, name), readShipped(name));
    }
    writeFileSync(path.join(schema, 'customers.yaml'), readShipped('customers.yaml').replace(/(- key: city\n(?:\s+\w+: .*\n)*?\s+size: )\d+/, '$1200'));
    await tablesDB.createRow({ databaseId: 'console-db', tableId: 'customers', rowId: 'c1', data: { userId: 'u1', name: 'Ada', email: 'ada@example.com', city: 'London' } });
    const result = await runCli(['push', '--schema', schema, ...target()], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('update column city: size');
    expect(await tablesDB.getColumn({ databaseId: 'console-db', tableId: 'customers', key: 'city' })).toMatchObject({ type: 'string', size: 200 });
    expect((await tablesDB.getRow({ databaseId: 'console-db', tableId: 'customers', rowId: 'c1' }))['city']).toBe('London');
  });
});

function readShipped(name: string): string {
  return readFileSync(path.join(ROOT, 'schema', name), 'utf8');
}
