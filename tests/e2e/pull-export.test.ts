import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestTarget, type TestTarget } from '../helpers/test-target.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { comparable, readRawState } from '../helpers/live-state.js';
import { cliAgainst, copyShippedSchema, liveModel, loadModel, removeDir, stateFingerprint, tempDir } from '../helpers/schema-dir.js';

/** `pull` adopts a live database as YAML; `export --appwrite-config` writes what appwrite-cli pushes. */

let server: TestTarget;
let schema: string;
let out: string;

beforeAll(async () => {
  server = await startTestTarget({ workerDelayMs: 1 });
  schema = copyShippedSchema();
  out = tempDir();
  const applied = await cliAgainst(server, 'push', ['--schema', schema]);
  expect(applied.code, applied.stderr).toBe(0);
});
afterAll(async () => {
  await server.close();
  removeDir(path.dirname(schema));
  removeDir(out);
});

describe('crm-schema pull', () => {
  it('writes database.yaml and one file per table that validate accepts and plan finds in sync', async () => {
    const pulled = path.join(out, 'pulled');
    const result = await cliAgainst(server, 'pull', ['--database', 'console-db', '--out', pulled]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(pulled).sort()).toEqual(['audit_logs.yaml', 'customer_interactions.yaml', 'customers.yaml', 'database.yaml', 'invoices.yaml', 'schema.json']);
    // The editor line points at the copy next to the files: it resolves wherever they are checked out.
    expect(readFileSync(path.join(pulled, 'schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'src/loader/schema.json'), 'utf8'));
    for (const name of readdirSync(pulled).filter((file) => file.endsWith('.yaml'))) {
      const text = readFileSync(path.join(pulled, name), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
      // Fields at their defaults are left out, as the README says.
      expect(text).not.toMatch(/^(enabled: true|rowSecurity: false|removedTables: \[\])$/m);
    }

    const validate = await runCli(['validate', pulled]);
    expect(validate.code, validate.stdout).toBe(0);
    const plan = await cliAgainst(server, 'plan', ['--schema', pulled, '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    expect(stateFingerprint(await loadModel(pulled))).toBe(stateFingerprint(await liveModel(server, 'console-db')));
    // And against the live state read with plain node-appwrite calls, not the tool's introspection.
    const { live, expected } = comparable(await readRawState(server, 'console-db'), await loadModel(pulled));
    expect(live).toEqual(expected);
  });

  it('takes the database id from <schema>/database.yaml and refuses to overwrite without --overwrite', async () => {
    const target = path.join(out, 'again');
    expect((await cliAgainst(server, 'pull', ['--schema', schema, '--out', target])).code).toBe(0);
    const before = readFileSync(path.join(target, 'customers.yaml'), 'utf8');
    writeFileSync(path.join(target, 'customers.yaml'), '# edited by hand\n');
    const refused = await cliAgainst(server, 'pull', ['--schema', schema, '--out', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--overwrite');
    expect(readFileSync(path.join(target, 'customers.yaml'), 'utf8')).toBe('# edited by hand\n');
    expect((await cliAgainst(server, 'pull', ['--schema', schema, '--out', target, '--overwrite'])).code).toBe(0);
    expect(readFileSync(path.join(target, 'customers.yaml'), 'utf8')).toBe(before);
  });

  it('--snapshot writes the live model that diff --from reads: no changes against the applied schema', async () => {
    const snapshot = path.join(out, 'snap', 'live.json');
    const pulled = await cliAgainst(server, 'pull', ['--schema', schema, '--snapshot', snapshot]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const diffed = await runCli(['diff', '--from', snapshot, '--to', schema, '--detailed-exitcode']);
    expect(diffed.code, diffed.stdout + diffed.stderr).toBe(0);
  });

  it('fails clearly for a database that does not exist', async () => {
    const result = await cliAgainst(server, 'pull', ['--database', 'nope', '--out', path.join(out, 'none')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('database "nope" does not exist');
    expect(existsSync(path.join(out, 'none'))).toBe(false);
  });
});

describe('crm-schema export --appwrite-config', () => {
  it('writes appwrite.config.json (mode 0600) with every table, mapping varchar/text to string and saying so', async () => {
    const file = path.join(out, 'appwrite.config.json');
    const result = await runCli(['export', '--appwrite-config', '--schema', schema, '--out', file, '--project', 'proj1']);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(file, 'utf8')) as {
      projectId: string;
      tablesDB: { $id: string }[];
      tables: { $id: string; databaseId: string; columns: { key: string; type: string; size?: number }[]; indexes: unknown[] }[];
    };
    const desired = await loadModel(schema);
    expect(config.projectId).toBe('proj1');
    expect(config.tablesDB).toEqual([{ $id: desired.id, name: desired.name, enabled: true }]);
    expect(config.tables.map((t) => t.$id)).toEqual(desired.tables.map((t) => t.id));
    const customers = config.tables.find((t) => t.$id === 'customers');
    expect(customers?.columns.find((c) => c.key === 'name')).toMatchObject({ type: 'string', size: 200 });
    expect(customers?.columns.find((c) => c.key === 'notes')).toMatchObject({ type: 'string', size: 65535 });
    expect(config.tables.flatMap((t) => t.columns.map((c) => c.type)).filter((type) => !['string', 'integer', 'double', 'boolean', 'datetime'].includes(type))).toEqual([]);
    expect(result.stderr).toContain('customers.notes: text exported as string(65535); appwrite-cli cannot push text');
  });

  it('prints to stdout without --out, and insists on a format', async () => {
    const stdout = await runCli(['export', '--appwrite-config', '--schema', schema]);
    expect(stdout.code).toBe(0);
    expect(JSON.parse(stdout.stdout)).toHaveProperty('tables');
    const none = await runCli(['export', '--schema', schema]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--appwrite-config');
  });
});
