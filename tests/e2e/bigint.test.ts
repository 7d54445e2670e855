import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestTarget, type TestTarget } from '../helpers/test-target.js';
import { runCli } from '../helpers/cli.js';
import { cliAgainst, liveModel, loadModel, removeDir, stateFingerprint, tempDir, writeSchemaDir, type RawSchema } from '../helpers/schema-dir.js';

/**
 * bigint columns through validate, apply, plan, pull and types, exact beyond 2^53: the two maxima
 * below differ by one and are the same double, so any rounding on the way shows.
 */

let server: TestTarget;
let work: string;
const schema = (max: string): RawSchema => ({
  databaseId: 'bigdb',
  tables: [{
    id: 'ledger',
    columns: [
      { key: 'amount', type: 'bigint', min: '-5', max, default: '9007199254740993' },
      { key: 'count', type: 'bigint' },
      { key: 'small', type: 'bigint', min: 0, max: 1000, default: 7 },
    ],
  }],
});

beforeAll(async () => {
  server = await startTestTarget({ workerDelayMs: 1 });
  work = tempDir();
});
afterAll(async () => {
  await server.close();
  removeDir(work);
});

describe('bigint columns end to end', () => {
  const dir = () => path.join(work, 'schema');

  it('validate accepts them; apply creates them exactly; plan right after finds nothing', async () => {
    writeSchemaDir(dir(), schema('9223372036854775806'));
    expect((await runCli(['validate', dir()])).code).toBe(0);
    const applied = await cliAgainst(server, 'push', ['--schema', dir()]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(stateFingerprint(await liveModel(server, 'bigdb'))).toBe(stateFingerprint(await loadModel(dir())));
    const live = (await liveModel(server, 'bigdb'))?.tables[0]?.columns[0];
    expect(live).toMatchObject({ type: 'bigint', min: '-5', max: '9223372036854775806', default: '9007199254740993' });
    expect((await cliAgainst(server, 'plan', ['--schema', dir(), '--detailed-exitcode'])).code).toBe(0);
  });

  it('a bound one below, beyond 2^53, is a change: max tightens, data-dependent', async () => {
    writeSchemaDir(dir(), schema('9223372036854775805'));
    const plan = await cliAgainst(server, 'plan', ['--schema', dir(), '--detailed-exitcode', '--json']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('9223372036854775805');
    const applied = await cliAgainst(server, 'push', ['--schema', dir()]);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await liveModel(server, 'bigdb'))?.tables[0]?.columns[0]).toMatchObject({ max: '9223372036854775805' });
  });

  it('pull writes them back exactly (strings beyond 2^53, numbers below), and validate and plan agree', async () => {
    const pulled = path.join(work, 'pulled');
    expect((await cliAgainst(server, 'pull', ['--database', 'bigdb', '--out', pulled])).code).toBe(0);
    const yaml = readFileSync(path.join(pulled, 'ledger.yaml'), 'utf8');
    expect(yaml).toContain('"9223372036854775805"');
    expect(yaml).toMatch(/max: 1000\b/);
    expect((await runCli(['validate', pulled])).code).toBe(0);
    expect((await cliAgainst(server, 'plan', ['--schema', pulled, '--detailed-exitcode'])).code).toBe(0);
  });

  it('types: bigint is number | bigint (node-appwrite returns a BigInt only beyond 2^53)', async () => {
    const out = path.join(work, 'types.ts');
    const result = await runCli(['types', '--schema', dir(), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/amount: number \| bigint;/);
  });

  it('validate refuses a bound YAML would round, and says to quote it', async () => {
    writeSchemaDir(dir(), schema('9223372036854775806'));
    const file = path.join(dir(), 'ledger.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"9223372036854775806"', '9223372036854775806').replace("'9223372036854775806'", '9223372036854775806'));
    const result = await runCli(['validate', dir()]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('column-range-bigint');
  });
});
