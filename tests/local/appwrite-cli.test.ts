/**
 * The real appwrite-cli 12 (a foreign client) against the local server: `client`, `push tables --all
 * --force` with a written appwrite.config.json, then `pull tables --all` into another directory. The CLI
 * runs with its own HOME and cwd in a temp dir, so it touches nothing outside the test; a decoy
 * appwrite.config.json in the parent directory proves the result does not depend on configs above it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import { appwriteCli, type AppwriteCli } from '../helpers/appwrite-cli.js';

const DB = 'crm';

type Json = Record<string, unknown>;

const TABLES: Json[] = [
  {
    $id: 'things',
    $permissions: ['read("any")', 'create("users")'],
    databaseId: DB,
    name: 'Things',
    enabled: true,
    rowSecurity: false,
    columns: [
      { key: 'title', type: 'string', required: true, array: false, size: 128, default: null, encrypt: false },
      { key: 'contact', type: 'string', format: 'email', required: false, array: false, default: null },
      { key: 'kind', type: 'string', format: 'enum', elements: ['a', 'b', 'c'], required: false, array: false, default: 'a' },
      { key: 'count', type: 'integer', required: false, array: false, min: 0, max: 100, default: 0 },
      { key: 'price', type: 'double', required: false, array: false, min: 0, max: 1000.5, default: null },
      { key: 'active', type: 'boolean', required: false, array: false, default: false },
      { key: 'seenAt', type: 'datetime', required: false, array: false, default: null },
    ],
    indexes: [
      { key: 'title_idx', type: 'key', status: 'available', columns: ['title'], orders: ['ASC'] },
      { key: 'contact_unique', type: 'unique', status: 'available', columns: ['contact'], orders: ['ASC'] },
    ],
  },
  {
    $id: 'contacts',
    $permissions: [],
    databaseId: DB,
    name: 'Contacts',
    enabled: true,
    rowSecurity: true,
    columns: [
      { key: 'name', type: 'string', required: true, array: false, size: 255, default: null, encrypt: false },
      { key: 'site', type: 'string', format: 'url', required: false, array: false, default: null },
      { key: 'tags', type: 'string', required: false, array: true, size: 32, default: null, encrypt: false },
      { key: 'score', type: 'double', required: false, array: false, min: -10, max: 10, default: 1.5 },
    ],
    indexes: [
      { key: 'name_unique', type: 'unique', status: 'available', columns: ['name'], orders: ['ASC'] },
      { key: 'score_name', type: 'key', status: 'available', columns: ['score', 'name'], orders: ['DESC', 'ASC'] },
    ],
  },
];

let server: LocalServer;
let root: string;
let tablesDB: TablesDB;
let cli: AppwriteCli;
const DECOY = { projectId: 'decoy-project', endpoint: 'http://127.0.0.1:9/v1', tablesDB: [{ $id: 'decoy', name: 'Decoy', enabled: true }], tables: [] };

beforeAll(async () => {
  server = await startLocalServer({ port: 0, memory: true, apiKey: 'cli-secret', projectId: 'cli-project' });
  tablesDB = new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
  root = mkdtempSync(path.join(tmpdir(), 'crm-appwrite-cli-'));
  for (const dir of ['push', 'pull']) mkdirSync(path.join(root, dir));
  // What a developer's machine may hold above the temp directory; appwrite-cli searches upward.
  writeFileSync(path.join(root, 'appwrite.config.json'), JSON.stringify(DECOY, null, 4));
  cli = appwriteCli(path.join(root, 'home'), server);
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const appwrite = (dir: string, args: string[]): Promise<string> => cli.run(path.join(root, dir), args);
const connect = (dir: string): Promise<void> => cli.login(path.join(root, dir));

function readConfig(dir: string): Json {
  return JSON.parse(readFileSync(path.join(root, dir, 'appwrite.config.json'), 'utf8')) as Json;
}

/** Keys the CLI adds on pull that a hand-written config need not carry. */
function withoutAddedKeys(pulled: Json, pushed: Json): Json {
  const added = Object.keys(pulled).filter((key) => !(key in pushed));
  for (const key of added) expect(`${String(pulled['type'])}.${key}=${JSON.stringify(pulled[key])}`).toBe('datetime.format="datetime"');
  return Object.fromEntries(Object.entries(pulled).filter(([key]) => key in pushed));
}

describe('appwrite-cli 12 against the local server', () => {
  it('pushes tables, columns and indexes from appwrite.config.json', { timeout: 180_000 }, async () => {
    const config = { projectId: server.projectId, endpoint: server.endpoint, tablesDB: [{ $id: DB, name: 'CRM', enabled: true }], tables: TABLES };
    writeFileSync(path.join(root, 'push', 'appwrite.config.json'), JSON.stringify(config, null, 4));
    await connect('push');
    const output = await appwrite('push', ['push', 'tables', '--all', '--force']);
    expect(output).toContain('Successfully pushed 2 tables');

    for (const table of TABLES) {
      const remote = await tablesDB.getTable({ databaseId: DB, tableId: String(table['$id']) });
      expect(remote).toMatchObject({ name: table['name'], rowSecurity: table['rowSecurity'], enabled: true, $permissions: table['$permissions'] });
      const columns = (await tablesDB.listColumns({ databaseId: DB, tableId: remote.$id })).columns as unknown as Json[];
      for (const column of table['columns'] as Json[]) {
        const found = columns.find((c) => c['key'] === column['key']);
        const { encrypt: _encrypt, ...expected } = column;
        expect(found, String(column['key'])).toMatchObject({ ...expected, status: 'available' });
      }
      const indexes = (await tablesDB.listIndexes({ databaseId: DB, tableId: remote.$id })).indexes;
      for (const index of table['indexes'] as Json[]) {
        expect(indexes.find((i) => i.key === index['key'])).toMatchObject(index);
      }
    }
  });

  it('pulls the same config back into another directory', { timeout: 120_000 }, async () => {
    await connect('pull');
    const output = await appwrite('pull', ['pull', 'tables', '--all']);
    expect(output).toContain('Successfully pulled 2 tables');
    const pulled = readConfig('pull');
    expect(pulled['tablesDB']).toEqual([{ $id: DB, name: 'CRM', enabled: true }]);
    const pulledTables = pulled['tables'] as Json[];
    expect(pulledTables.map((t) => t['$id']).sort()).toEqual(TABLES.map((t) => t['$id']).sort());
    for (const pushed of TABLES) {
      const table = pulledTables.find((t) => t['$id'] === pushed['$id'])!;
      const { columns, indexes, ...rest } = table;
      const { columns: pushedColumns, indexes: pushedIndexes, ...pushedRest } = pushed;
      expect(rest).toEqual(pushedRest);
      expect(indexes).toEqual(pushedIndexes);
      const pushedList = pushedColumns as Json[];
      expect((columns as Json[]).map((c) => c['key'])).toEqual(pushedList.map((c) => c['key']));
      (columns as Json[]).forEach((column, i) => expect(withoutAddedKeys(column, pushedList[i]!)).toEqual(pushedList[i]));
    }
  });

  // Appwrite answers `format: "datetime"` for datetime columns and the CLI diffs every key it keeps, so a
  // hand-written config without it recreates the column on each push; the pulled config carries it.
  it('finds nothing to change when the pulled config is pushed', { timeout: 120_000 }, async () => {
    const before = (await tablesDB.listColumns({ databaseId: DB, tableId: 'things' })).columns.map((c) => [c.key, c.$createdAt]);
    const output = await appwrite('pull', ['push', 'tables', '--all', '--force']);
    expect(output).toContain('Successfully pushed 0 tables');
    const after = (await tablesDB.listColumns({ databaseId: DB, tableId: 'things' })).columns.map((c) => [c.key, c.$createdAt]);
    expect(after).toEqual(before);
  });

  it('left the decoy config in the parent directory untouched', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'appwrite.config.json'), 'utf8'))).toEqual(DECOY);
  });
});
