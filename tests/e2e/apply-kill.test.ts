import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { seededRandom as prng } from '../../src/local/faults/prng.js';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import type { Database } from '../../src/model/index.js';
import { BIN } from '../helpers/cli.js';
import { cliAgainst, copyShippedSchema, liveModel, loadModel, removeDir, stateFingerprint, targetArgs, targetEnv } from '../helpers/schema-dir.js';

/**
 * apply killed with SIGKILL at seeded random moments (after a random number of finished steps, so the
 * moment does not depend on how loaded the machine is), then run again: it converges. The server
 * keeps the half-finished work (columns still processing, indexes missing) between the runs.
 */

const ROUNDS = 5;

interface KillOutcome {
  /** SIGKILL was sent. */
  readonly killSent: boolean;
  /** The kill ended a run that had not finished: the process died of SIGKILL before its summary. */
  readonly cutShort: boolean;
  readonly stepsSeen: number;
}

/** Runs apply and SIGKILLs it once `afterSteps` steps have reported done (or lets it finish). */
function applyAndKill(server: LocalServer, schema: string, afterSteps: number): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'push', '--schema', schema, ...targetArgs(server)], {
      env: { ...process.env, NO_COLOR: '1', CI: 'true', ...targetEnv(server) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let steps = 0;
    let killSent = false;
    let finished = false;
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().split('\n');
      steps += lines.filter((line) => line.startsWith('  ok ')).length;
      // The summary (or "No changes") is printed once every step is done: a kill after it cut nothing.
      if (lines.some((line) => line.startsWith('Apply: ') || line.startsWith('No changes'))) finished = true;
      if (!killSent && steps >= afterSteps) {
        killSent = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ killSent, cutShort: killSent && signal === 'SIGKILL' && !finished, stepsSeen: steps }));
  });
}

let schema: string;
let desired: Database;

beforeAll(async () => {
  schema = copyShippedSchema();
  desired = await loadModel(schema);
});
afterAll(() => removeDir(path.dirname(schema)));

describe('apply killed with SIGKILL', () => {
  it(`converges when re-run, in ${ROUNDS} seeded rounds of two kills each`, async () => {
    const random = prng(20260);
    const steps = desired.tables.reduce((sum, t) => sum + 1 + t.columns.length + t.indexes.length, 1);
    let killsSent = 0;
    let cutShort = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // A worker delay long enough that columns are still processing when the kill lands.
      const server = await startLocalServer({ port: 0, memory: true, workerDelayMs: 5 });
      try {
        for (let attempt = 0; attempt < 2; attempt++) {
          const outcome = await applyAndKill(server, schema, Math.floor(random() * steps));
          if (outcome.killSent) killsSent++;
          if (outcome.cutShort) cutShort++;
        }
        const final = await cliAgainst(server, 'push', ['--schema', schema]);
        expect(final.code, `round ${round}: ${final.stderr}`).toBe(0);
        const plan = await cliAgainst(server, 'plan', ['--schema', schema, '--detailed-exitcode']);
        expect(plan.code, `round ${round}: ${plan.stdout}`).toBe(0);
        expect(stateFingerprint(await liveModel(server, desired.id))).toBe(stateFingerprint(desired));
      } finally {
        await server.close();
      }
    }
    // Most kills must really have interrupted a run (a run that finished first proves nothing): at
    // least one per round, and more than half of those sent.
    expect(cutShort).toBeGreaterThanOrEqual(ROUNDS);
    expect(cutShort).toBeGreaterThan(killsSent / 2);
    console.info(`apply-kill: ${cutShort} of ${killsSent} kills cut a run short`);
  }, 300_000);
});
