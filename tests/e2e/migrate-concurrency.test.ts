import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BIN, startCliServer, type CliResult } from '../helpers/cli.js';
import { allApplied, cliIn, copyShippedProject, historyRows, SHIPPED, type Project } from '../helpers/migrations-dir.js';
import { removeDir, targetArgs, targetEnv, type ServerTarget } from '../helpers/schema-dir.js';

// Each test runs the CLI several times against real servers; a loaded 2-core machine needs the room.
vi.setConfig({ testTimeout: 120_000 });

/**
 * Several `apply` processes against one `crm-schema local` server (a separate process, as a shared
 * Appwrite would be): the lease lets one run the migrations; the others wait and find nothing to do,
 * or give up with exit 4 after --lock-timeout. A worker delay makes each run long enough to overlap.
 */

const API_KEY = 'concurrency-key';
const projects: Project[] = [];
afterAll(() => projects.forEach((p) => removeDir(p.root)));

async function withServer(workerDelayMs: number, use: (server: ServerTarget) => Promise<void>): Promise<void> {
  const cli = await startCliServer(['--memory', '--port', '0', '--api-key', API_KEY, '--worker-delay', String(workerDelayMs)]);
  try {
    await use({ endpoint: cli.endpoint, projectId: 'crm-local', apiKey: API_KEY });
  } finally {
    await cli.stop();
  }
}

function applyAll(project: Project, server: ServerTarget, count: number, lockTimeout: number): Promise<CliResult[]> {
  return Promise.all(Array.from({ length: count }, () => cliIn(project, server, ['apply'], ['--lock-timeout', String(lockTimeout)], 120_000)));
}

function expectConsistentHistory(rows: Awaited<ReturnType<typeof historyRows>>): void {
  expect(rows.map((r) => [r.version, r.status])).toEqual(allApplied());
  for (const row of rows) expect(row.finishedAt, JSON.stringify(row)).not.toBeNull();
}

describe('concurrent apply', () => {
  it('two runs: each migration runs exactly once, the other run waits and finds nothing to do', async () => {
    const project = copyShippedProject();
    projects.push(project);
    await withServer(20, async (server) => {
      const runs = await applyAll(project, server, 2, 60);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const winners = runs.filter((r) => r.stderr.includes(`Applied ${SHIPPED} migration(s)`));
      expect(winners).toHaveLength(1);
      const waiter = runs.find((r) => r !== winners[0]);
      expect(waiter?.stderr).toContain('waiting for the migration lock held by');
      expect(waiter?.stderr).toContain('No pending migrations');
      expectConsistentHistory(await historyRows(server));
    });
  });

  it('four runs with a short --lock-timeout: one applies, the rest exit 0 or 4, history stays consistent', async () => {
    const project = copyShippedProject();
    projects.push(project);
    await withServer(40, async (server) => {
      const runs = await applyAll(project, server, 4, 1);
      const codes = runs.map((r) => r.code).sort();
      expect(runs.filter((r) => r.stderr.includes(`Applied ${SHIPPED} migration(s)`))).toHaveLength(1);
      expect(codes.every((code) => code === 0 || code === 4), runs.map((r) => r.stderr).join('\n---\n')).toBe(true);
      const locked = runs.filter((r) => r.code === 4);
      expect(locked.length).toBeGreaterThan(0);
      for (const run of locked) {
        expect(run.stderr).toMatch(/another migration run holds the lock: \S+@\S+:\d+:[0-9a-f]+/);
        expect(run.stderr).toContain('crm-schema migrate unlock --owner');
      }
      expectConsistentHistory(await historyRows(server));
      const again = await cliIn(project, server, ['apply']);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('No pending migrations');
    });
  });

  it('a run started right after a killed one succeeds without a manual unlock', async () => {
    const project = copyShippedProject();
    projects.push(project);
    await withServer(60, async (server) => {
      const child = spawn(process.execPath, [BIN, 'apply', '--schema', project.schema, '--migrations', project.migrations, ...targetArgs(server)], {
        env: { ...process.env, ...targetEnv(server), NO_COLOR: '1', CI: 'true' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      // Killed while the first migration is running: it holds the lease and has recorded `running`.
      const deadline = Date.now() + 30_000;
      while (!/ok\s+create column/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await exited;
      expect(stderr).not.toContain('Applied');
      const started = Date.now();
      const next = await cliIn(project, server, ['apply'], ['--lock-timeout', '20'], 120_000);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain(`Applied ${SHIPPED} migration(s)`);
      // The holder's process is gone (same host): no waiting out the 30 s lease.
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(next.stderr).not.toContain('waiting for the migration lock');
      expectConsistentHistory(await historyRows(server));
    });
  });
});
