/**
 * On-demand benchmark (not part of vitest): `npx tsx tests/bench/startup-bench.ts` (run
 * `npm run build` first: the CLI runs from its bundle in dist/bundle/).
 *
 * How fast the local server is ready, which used to be a timed assertion in tests/local/server.test.ts
 * (under 1,000 ms on a shared 2-core machine: a goal, not a correctness property). Prints the median
 * and range of 7 runs of:
 * - `crm-schema local --memory --port 0`, from spawn to its "Press Ctrl+C" line (Node start-up included);
 * - `startLocalServer({ file })` in-process on a fresh data file (schema creation included).
 * Goal: the process is ready in well under a second.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalServer } from '../../src/local/index.js';
import { BIN } from '../helpers/cli.js';

const RUNS = 7;

function processReadyMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'local', '--memory', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Press Ctrl\+C/.test(out)) {
        const ms = performance.now() - started;
        child.once('close', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
  });
}

async function inProcessReadyMs(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-startup-'));
  try {
    const started = performance.now();
    const server = await startLocalServer({ port: 0, file: path.join(dir, 'local.sqlite') });
    const ms = performance.now() - started;
    await server.close();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(label: string, once: () => Promise<number>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once());
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(RUNS / 2)] ?? Number.NaN;
  console.log(`${label}: median ${median.toFixed(0)} ms (${samples[0]?.toFixed(0)}–${samples.at(-1)?.toFixed(0)} ms, ${RUNS} runs)`);
}

console.log(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
await measure('crm-schema local --memory, spawn to ready', processReadyMs);
await measure('startLocalServer on a new data file, in-process', inProcessReadyMs);
