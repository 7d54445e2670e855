/**
 * `crm-schema local --latency --fail-rate --fail-seed` (the built binary): the flags reach the server,
 * the seed replays the same faults as an in-process server with the same seed, and bad values are
 * usage errors. Requires `npx tsc` (runs dist/).
 */
import { AppwriteException, Client, TablesDB } from 'node-appwrite';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from '../helpers/cli.js';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';

const started: LocalServer[] = [];
afterAll(async () => {
  for (const server of started) await server.close();
});

async function outcomes(endpoint: string, projectId: string, apiKey: string, count: number): Promise<string[]> {
  const tablesDB = new TablesDB(new Client().setEndpoint(endpoint).setProject(projectId).setKey(apiKey));
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await tablesDB.list();
      seen.push('ok');
    } catch (error) {
      seen.push(error instanceof AppwriteException ? String(error.code) : 'dropped');
    }
  }
  return seen;
}

describe('crm-schema local with faults', () => {
  it('injects the seeded faults the flags ask for and reports them on shutdown', { timeout: 30_000 }, async () => {
    const server = await startCliServer(['--memory', '--port', '0', '--api-key', 'flag-key', '--latency', '5', '--fail-rate', '0.5', '--fail-seed', '7']);
    try {
      expect(server.stdout()).toMatch(/faults: +latency 5 ms, fail rate 0\.5, seed 7/);
      const viaCli = await outcomes(server.endpoint, 'crm-local', 'flag-key', 30);

      const inProcess = await startLocalServer({ port: 0, memory: true, apiKey: 'flag-key', failRate: 0.5, failSeed: 7 });
      started.push(inProcess);
      expect(viaCli).toEqual(await outcomes(inProcess.endpoint, inProcess.projectId, inProcess.apiKey, 30));
      expect(viaCli.filter((o) => o !== 'ok').length).toBe(inProcess.stats().faults);
    } finally {
      await server.stop();
    }
    const stdout = server.stdout();
    expect(stdout).toMatch(/Local server stopped \(30 requests, \d+ faults injected\)/);
  });

  it('refuses a fail rate outside 0..1 as a usage error', async () => {
    const result = await runCli(['local', '--memory', '--port', '0', '--fail-rate', '1.5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: option '--fail-rate <rate>' argument '1.5' is invalid. expected a number from 0 to 1.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
