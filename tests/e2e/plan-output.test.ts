import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, TablesDB } from 'node-appwrite';
import { startTestTarget, type TestTarget } from '../helpers/test-target.js';
import { cliAgainst, liveModel, removeDir, stateFingerprint, tempDir, writeSchemaDir, type RawSchema } from '../helpers/schema-dir.js';

/** Plan output formats and saved plans (`plan --out` then `push plan.json`) through the real CLI. */

const schemaV1: RawSchema = {
  databaseId: 'saved',
  tables: [
    {
      id: 'things',
      permissions: ['read("any")'],
      columns: [
        { key: 'title', type: 'varchar', size: 40, required: true },
        { key: 'kind', type: 'enum', elements: [{ value: 'x' }, { value: 'y' }] },
      ],
      indexes: [{ key: 'idx_title', type: 'key', columns: ['title'] }],
    },
  ],
};

const schemaV2: RawSchema = {
  databaseId: 'saved',
  tables: [
    {
      id: 'things',
      permissions: ['read("any")'],
      columns: [
        { key: 'title', type: 'varchar', size: 80, required: true },
        { key: 'kind', type: 'enum', elements: [{ value: 'x' }] },
        { key: 'count', type: 'integer', min: 0 },
      ],
    },
  ],
};

let server: TestTarget;
let tablesDB: TablesDB;
let dir: string;
const schema = (): string => path.join(dir, 'schema');

beforeAll(async () => {
  server = await startTestTarget({ workerDelayMs: 1 });
  tablesDB = new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
  dir = tempDir();
  writeSchemaDir(schema(), schemaV1);
  const applied = await cliAgainst(server, 'push', ['--schema', schema()]);
  expect(applied.code, applied.stderr).toBe(0);
  await tablesDB.createRow({ databaseId: 'saved', tableId: 'things', rowId: 'r1', data: { title: 't', kind: 'y' } });
  writeSchemaDir(schema(), schemaV2);
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('plan output', () => {
  it('--json is versioned, lists every operation with its risk, and carries the pre-check results', async () => {
    const result = await cliAgainst(server, 'plan', ['--schema', schema(), '--json', '--detailed-exitcode']);
    expect(result.code).toBe(2);
    const plan = JSON.parse(result.stdout) as {
      formatVersion: number;
      database: string;
      changes: boolean;
      fingerprint: { actual: string };
      operations: { id: string; kind: string; risk: string }[];
      prechecks: { kind: string; result?: { violatingRows: number; sampleRowIds: string[] } }[];
    };
    expect(plan).toMatchObject({ formatVersion: 1, database: 'saved', changes: true });
    expect(plan.fingerprint.actual).toBe(stateFingerprint(await liveModel(server, 'saved')));
    const risks = Object.fromEntries(plan.operations.map((op) => [op.id, op.risk]));
    expect(risks).toMatchObject({
      'create_column:things.count': 'safe',
      'delete_index:things.idx_title': 'destructive',
    });
    expect(Object.values(risks)).toContain('data_dependent');
    expect(plan.prechecks).toContainEqual(expect.objectContaining({ kind: 'enum_values_in_use', result: { violatingRows: 1, sampleRowIds: ['r1'] } }));
  });

  it('--json output is byte-identical across runs (stable ordering)', async () => {
    const [a, b] = await Promise.all([
      cliAgainst(server, 'plan', ['--schema', schema(), '--json']),
      cliAgainst(server, 'plan', ['--schema', schema(), '--format', 'json']),
    ]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--format markdown summarises by risk class, then the details', async () => {
    const result = await cliAgainst(server, 'plan', ['--schema', schema(), '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#/m);
    expect(result.stdout).toMatch(/destructive/i);
    expect(result.stdout).toMatch(/data.dependent/i);
    expect(result.stdout).toContain('idx_title');
    expect(result.stdout.indexOf('|')).toBeGreaterThan(-1);
  });
});

describe('saved plans', () => {
  it('applies exactly the saved plan (and its gates), then refuses a plan the database has moved past', async () => {
    const planFile = path.join(dir, 'plan.json');
    // Only the safe and destructive parts: the enum shrink would be blocked by row r1.
    await tablesDB.updateRow({ databaseId: 'saved', tableId: 'things', rowId: 'r1', data: { kind: 'x' } });
    const planned = await cliAgainst(server, 'plan', ['--schema', schema(), '--out', planFile]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stderr).toContain(`push ${planFile}`);
    const saved = JSON.parse(readFileSync(planFile, 'utf8')) as { operations: unknown[] };
    expect(saved.operations.length).toBeGreaterThan(0);

    // The schema directory changes after planning: apply plan.json must still do what was reviewed.
    writeSchemaDir(schema(), schemaV1);

    const gated = await cliAgainst(server, 'push', [planFile]);
    expect(gated.code).toBe(3);
    const applied = await cliAgainst(server, 'push', [planFile, '--allow-destructive']);
    expect(applied.code, applied.stderr).toBe(0);
    const live = await liveModel(server, 'saved');
    const table = live?.tables[0];
    expect(table?.columns.map((c) => c.key).sort()).toEqual(['count', 'kind', 'title']);
    expect(table?.indexes).toEqual([]);

    // Re-applying the same plan: the live database no longer matches the fingerprint it was made from.
    const stale = await cliAgainst(server, 'push', [planFile, '--allow-destructive']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('changed since');
    expect(await liveModel(server, 'saved')).toEqual(live);
  });

  it('refuses a saved plan when someone changed the database in between', async () => {
    writeSchemaDir(schema(), { ...schemaV2, tables: [{ ...schemaV2.tables[0]!, columns: [...schemaV2.tables[0]!.columns, { key: 'extra', type: 'boolean' }] }] });
    const planFile = path.join(dir, 'plan2.json');
    expect((await cliAgainst(server, 'plan', ['--schema', schema(), '--out', planFile])).code).toBe(0);
    await tablesDB.createBooleanColumn({ databaseId: 'saved', tableId: 'things', key: 'sneaky', required: false });
    const result = await cliAgainst(server, 'push', [planFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/live database changed since .*plan2\.json was planned/);
    const keys = (await liveModel(server, 'saved'))?.tables[0]?.columns.map((c) => c.key) ?? [];
    expect(keys).not.toContain('extra');
  });

  it('rejects a file that is not a plan', async () => {
    const result = await cliAgainst(server, 'push', [path.join(dir, 'schema', 'database.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the plan file|not a crm-schema plan/);
  });
});
