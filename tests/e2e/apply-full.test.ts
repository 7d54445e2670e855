import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestTarget, type TestTarget } from '../helpers/test-target.js';
import { canonicalJson } from '../../src/plan/index.js';
import type { Database } from '../../src/model/index.js';
import { runCli } from '../helpers/cli.js';
import { cliAgainst, copyShippedSchema, liveModel, loadModel, removeDir, stateFingerprint, tempDir } from '../helpers/schema-dir.js';
import { comparable, readRawState } from '../helpers/live-state.js';

/**
 * The model without documentation-only fields, which Appwrite does not store, and with columns and
 * indexes by key: apply creates columns concurrently, so the live order is creation order.
 */
function withoutDocs(model: Database): unknown {
  const byKey = <T extends { key: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.key < b.key ? -1 : 1));
  const tables = model.tables.map((table) => ({ ...table, columns: byKey(table.columns), indexes: byKey(table.indexes) }));
  return JSON.parse(
    canonicalJson({ ...model, tables, removedTables: [] }),
    (key, value: unknown) => (['description', 'typeName', 'app', 'rowPermissions', 'renamedFrom'].includes(key) ? undefined : value),
  );
}

describe('crm-schema apply: empty to the full shipped schema', () => {
  let server: TestTarget;
  let schema: string;
  let desired: Database;

  beforeAll(async () => {
    server = await startTestTarget({ workerDelayMs: 1 });
    schema = copyShippedSchema();
    desired = await loadModel(schema);
  });
  afterAll(async () => {
    await server.close();
    removeDir(path.dirname(schema));
  });

  it('plans changes with --detailed-exitcode 2 against the empty server', async () => {
    const result = await cliAgainst(server, 'plan', ['--schema', schema, '--detailed-exitcode']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('create table customers');
  });

  it('applies everything, then plan reports no changes and introspection equals the desired model', async () => {
    const applied = await cliAgainst(server, 'push', ['--schema', schema]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/Apply: \d+ done in [\d.]+ s with \d+ requests\./);
    expect(applied.stderr).not.toMatch(/failed|skipped/);

    const plan = await cliAgainst(server, 'plan', ['--schema', schema, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');

    const live = await liveModel(server, desired.id);
    expect(live).toBeDefined();
    expect(stateFingerprint(live)).toBe(stateFingerprint(desired));
    expect(withoutDocs(live as Database)).toEqual(withoutDocs(desired));
  });

  it('the live tables, columns and indexes, read with plain node-appwrite calls, are what schema/ declares', async () => {
    const state = await readRawState(server, desired.id);
    expect([...state.keys()].sort()).toEqual(desired.tables.map((t) => t.id).sort());
    const { live, expected } = comparable(state, desired);
    expect(live).toEqual(expected);
  });

  it('costs at most 2 requests per table for a plan with no changes', async () => {
    const result = await cliAgainst(server, 'plan', ['--schema', schema, '--stats', '--detailed-exitcode']);
    expect(result.code).toBe(0);
    const stats = /stats: requests=(\d+) tables=(\d+) operations=(\d+)/.exec(result.stderr);
    expect(stats, result.stderr).not.toBeNull();
    const [requests, tables, operations] = (stats ?? []).slice(1).map(Number) as [number, number, number];
    expect(tables).toBe(desired.tables.length);
    expect(operations).toBe(0);
    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThanOrEqual(2 * tables);
  });

  it('a second push is a no-op', async () => {
    const result = await cliAgainst(server, 'push', ['--schema', schema, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No changes');
    expect(JSON.parse(result.stdout)).toMatchObject({ formatVersion: 1, command: 'push', outcome: 'no_changes', error: null });
  });

  it('never prints the API key, in any output', async () => {
    const runs = await Promise.all([
      cliAgainst(server, 'plan', ['--schema', schema, '--json']),
      cliAgainst(server, 'plan', ['--schema', schema, '--format', 'markdown', '--stats']),
      cliAgainst(server, 'push', ['--schema', schema]),
      cliAgainst(server, 'plan', ['--schema', path.join(schema, 'missing')]),
      // A wrong project makes the server refuse: the error path must not echo the key either.
      runCli(['plan', '--schema', schema, '--endpoint', server.endpoint, '--project', 'nope'], { env: { APPWRITE_API_KEY: server.apiKey } }),
    ]);
    for (const run of runs) expect(`${run.stdout}\n${run.stderr}`).not.toContain(server.apiKey);
    expect(runs[4]?.code).toBe(1);
    expect(runs[4]?.stderr).toContain('404 project_not_found');
    expect(runs[4]?.stderr).not.toContain('internal error');
  });

  it('reports a wrong key as a configuration error without echoing it or a stack', async () => {
    const wrongKey = 'standard_wrong_key_0123456789';
    const result = await runCli(['plan', '--schema', schema, '--endpoint', server.endpoint, '--project', server.projectId], {
      env: { APPWRITE_API_KEY: wrongKey },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^crm-schema: Appwrite refused the request \(401 /);
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrongKey);
    expect(result.stderr).not.toContain('    at ');
  });

  it('with CI=true and nothing configured, fails with exit 1 and says what to set', async () => {
    const cwd = tempDir();
    try {
      const result = await runCli(['plan', '--schema', schema], {
        cwd,
        env: { CI: 'true', APPWRITE_ENDPOINT: '', APPWRITE_PROJECT_ID: '', APPWRITE_API_KEY: '' },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('no Appwrite target configured in CI');
      expect(result.stderr).not.toContain('    at ');
    } finally {
      removeDir(cwd);
    }
  });

  it('reads the key from --api-key-file as well', async () => {
    const dir = tempDir();
    try {
      const keyFile = path.join(dir, 'key');
      writeFileSync(keyFile, `${server.apiKey}\n`);
      const result = await runCli(
        ['plan', '--schema', schema, '--endpoint', server.endpoint, '--project', server.projectId, '--api-key-file', keyFile, '--detailed-exitcode'],
        { env: { APPWRITE_API_KEY: '' } },
      );
      expect(result.code, result.stderr).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});
