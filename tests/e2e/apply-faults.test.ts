import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gateway } from '../../src/appwrite/gateway.js';
import { introspectDatabase } from '../../src/appwrite/introspect.js';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import type { Database } from '../../src/model/index.js';
import { HISTORY_TABLE_ID } from '../../src/model/index.js';
import { allApplied, cliIn, copyShippedProject, type Project } from '../helpers/migrations-dir.js';
import { cliAgainst, loadModel, removeDir, stateFingerprint } from '../helpers/schema-dir.js';

/**
 * With 10% of requests failing (500, 503, 429 with X-RateLimit-Reset, dropped connections, before or
 * after the handler ran), every seeded run of apply (the shipped migrations from empty, with their
 * history writes and lease) converges to the same state as the schema, and the history lists every
 * migration exactly once, applied. The state is read back through the project's retrying client,
 * because the faults hit the test too.
 */

const RUNS = 20;
const FAIL_RATE = 0.1;

let project: Project;
let desired: Database;

beforeAll(async () => {
  project = copyShippedProject();
  desired = await loadModel(project.schema);
});
afterAll(() => removeDir(project.root));

async function readBack(server: LocalServer, databaseId: string): Promise<{ model: Database | undefined; history: [number, string][] }> {
  const gateway = new Gateway({ endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey }, databaseId);
  const history = await gateway.tablesDb.listRows({ databaseId, tableId: HISTORY_TABLE_ID });
  return {
    model: (await introspectDatabase(gateway.tablesDb, databaseId)).model,
    history: history.rows.map((row) => [Number(row.version), String(row.status)]),
  };
}

interface RunOutcome {
  readonly seed: number;
  readonly applies: number;
  readonly faults: number;
  readonly fingerprint: string;
  readonly history: readonly [number, string][];
  readonly planExit: number | null;
  /** Why an apply had to be re-run, if one did. */
  readonly failures: readonly string[];
}

async function faultedRun(seed: number): Promise<RunOutcome> {
  const server = await startLocalServer({ port: 0, memory: true, workerDelayMs: 1, failRate: FAIL_RATE, failSeed: seed });
  try {
    let applies = 0;
    let last = { code: null as number | null, stderr: '' };
    const failures: string[] = [];
    // A step whose retries all fail leaves the rest done; apply says so and a re-run finishes the job.
    while (applies < 3 && last.code !== 0) {
      last = await cliIn(project, server, ['apply'], [], 120_000);
      applies++;
      if (last.code !== 0) failures.push(...last.stderr.split('\n').filter((line) => /FAIL|crm-schema:/.test(line)));
    }
    expect(last.code, `seed ${seed}: ${last.stderr}`).toBe(0);
    const plan = await cliAgainst(server, 'plan', ['--schema', project.schema, '--detailed-exitcode'], 120_000);
    const state = await readBack(server, desired.id);
    return {
      seed,
      applies,
      faults: server.stats().faults,
      fingerprint: stateFingerprint(state.model),
      history: state.history,
      planExit: plan.code,
      failures,
    };
  } finally {
    await server.close();
  }
}

describe(`apply with ${FAIL_RATE * 100}% injected faults`, () => {
  it(`converges to the same final state in ${RUNS} seeded runs`, async () => {
    const outcomes: RunOutcome[] = [];
    // Two servers at a time: the machine has two cores.
    for (let seed = 1; seed <= RUNS; seed += 2) {
      outcomes.push(...(await Promise.all([faultedRun(seed), faultedRun(seed + 1)])));
    }
    const expected = stateFingerprint(desired);
    for (const outcome of outcomes) {
      expect(outcome.fingerprint, `seed ${outcome.seed}`).toBe(expected);
      expect(outcome.planExit, `seed ${outcome.seed}`).toBe(0);
      expect(outcome.history, `seed ${outcome.seed}`).toEqual(allApplied());
    }
    // The faults really happened: at 10% of ~100 requests per run, every run sees some.
    expect(outcomes.every((outcome) => outcome.faults > 0)).toBe(true);
    expect(new Set(outcomes.map((outcome) => outcome.fingerprint)).size).toBe(1);
    const reruns = outcomes.filter((outcome) => outcome.applies > 1);
    console.log(
      `faulted runs: ${RUNS}, faults injected: ${outcomes.reduce((sum, o) => sum + o.faults, 0)}, ` +
        `runs needing a re-run: ${reruns.length}\n${reruns.map((o) => `  seed ${o.seed}: ${o.failures.join(' | ')}`).join('\n')}`,
    );
  }, 600_000);
});
