/**
 * On-demand benchmark of `crm-schema seed` and the runtime's queries (not part of vitest):
 * `npm run build && npx tsx tests/bench/runtime-bench.ts` (BENCH_CUSTOMERS, default 100,000).
 * 1. `crm-schema seed --customers N` (the CLI, a child process) against `crm-schema local` (its own
 *    process, a data file): rows/s, against the same server's raw bulk-write rate in the same run: the
 *    very same rows sent with plain createRows (batches of 100, as many in flight) to a second fresh
 *    server. Goal: ratio >= 0.5.
 * 2. p50/p95 of every query pattern and searchCustomers through the runtime on the seeded data, and
 *    of the bare node-appwrite call(s) the runtime makes for it, back to back in every round
 *    (BENCH_SAMPLES rounds, default 2,000). Goals: p95 < 5 ms, the runtime's overhead over the bare
 *    query < 20%. The overhead comes with a 95% interval (paired-stats.ts), so noise shows as noise.
 * BENCH_SEEDED=<data file> skips part 1 and measures part 2 on a copy of a file seeded as part 1 does
 *   (schema provisioned, `crm-schema seed --customers N --seed b1`), for iterating on the queries.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Query, TablesDB } from 'node-appwrite';
import { createCustomerService } from '../../src/runtime/index.js';
import { seedCustomer, staffUsers, SALES_REP_LABEL, type SeedOptions } from '../../src/seed/generate.js';
import { runCli, startCliServer, type CliServer } from '../helpers/cli.js';
import { provisionSchema } from '../helpers/provision.js';
import { comparePaired, quantile, sortedCopy, verdict, type Estimate } from './paired-stats.js';

const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 100_000);
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 2000);
const WARM_UP = 50;
/** A data file an earlier run seeded with the same BENCH_CUSTOMERS (copied, never changed): skips part 1. */
const SEEDED = process.env['BENCH_SEEDED'];
const IN_FLIGHT = 4;
const KEY = 'bench-key-0123456789';
const PROJECT = 'crm-local';

async function server(dir: string, name: string, provision = true): Promise<{ cli: CliServer; target: { endpoint: string; projectId: string; apiKey: string } }> {
  const cli = await startCliServer(['--port', '0', '--data', path.join(dir, name), '--api-key', KEY, '--project', PROJECT]);
  const target = { endpoint: cli.endpoint, projectId: PROJECT, apiKey: KEY };
  if (provision) await provisionSchema(target);
  return { cli, target };
}

async function seedThroughCli(target: { endpoint: string; projectId: string; apiKey: string }): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const result = await runCli(['seed', '--customers', String(CUSTOMERS), '--seed', 'b1', '--concurrency', String(IN_FLIGHT), '--json', '--endpoint', target.endpoint, '--project', target.projectId], {
    env: { APPWRITE_API_KEY: target.apiKey },
    timeoutMs: 3_600_000,
  });
  if (result.code !== 0) throw new Error(`seed failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { seconds: number; counts: Record<string, { created: number }> };
  const rows = ['customers', 'invoices', 'customer_interactions'].reduce((sum, key) => sum + report.counts[key]!.created, 0);
  const wall = (performance.now() - started) / 1000;
  console.log(`  crm-schema seed: ${rows} rows in ${report.seconds.toFixed(1)} s inside the command (${wall.toFixed(1)} s with Node start-up and schema load), accounts included`);
  return { rows, seconds: report.seconds };
}

/** The baseline: the same rows, plain createRows, batches of 100, IN_FLIGHT at once, no users. */
async function rawBulk(target: { endpoint: string; projectId: string; apiKey: string }): Promise<{ rows: number; seconds: number }> {
  const tables = new TablesDB(new Client().setEndpoint(target.endpoint).setProject(target.projectId).setKey(target.apiKey));
  const spec: SeedOptions = { seed: 'b1', customers: CUSTOMERS, invoices: 3 };
  const reps = staffUsers(spec).filter((user) => user.labels.includes(SALES_REP_LABEL));
  const buffers: Record<string, object[]> = { customers: [], invoices: [], customer_interactions: [] };
  const inFlight = new Set<Promise<unknown>>();
  let rows = 0;
  const flush = async (tableId: string) => {
    const batch = buffers[tableId]!.splice(0);
    if (batch.length === 0) return;
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    const write: Promise<unknown> = tables.createRows({ databaseId: 'console-db', tableId, rows: batch }).finally(() => inFlight.delete(write));
    inFlight.add(write);
    rows += batch.length;
  };
  const started = performance.now();
  for (let n = 0; n < CUSTOMERS; n++) {
    const { customer, invoices, interactions } = seedCustomer(spec, n, reps);
    for (const [tableId, items] of [['customers', [customer]], ['invoices', invoices], ['customer_interactions', interactions]] as const) {
      for (const item of items) {
        buffers[tableId]!.push(item);
        if (buffers[tableId]!.length >= 100) await flush(tableId);
      }
    }
  }
  for (const tableId of Object.keys(buffers)) await flush(tableId);
  await Promise.all(inFlight);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

type Timed = () => Promise<unknown>;

async function latency(target: { endpoint: string; projectId: string; apiKey: string }): Promise<void> {
  const client = new Client().setEndpoint(target.endpoint).setProject(target.projectId).setKey(target.apiKey);
  const service = createCustomerService({ client });
  const tables = new TablesDB(client);
  const list = (queries: string[]) => () => tables.listRows({ databaseId: 'console-db', tableId: 'customers', queries, total: false });
  const now = '2026-06-01T00:00:00.000+00:00';
  const some = (await tables.listRows({ databaseId: 'console-db', tableId: 'customers', queries: [Query.limit(1), Query.offset(Math.floor(CUSTOMERS / 2))] })).rows[0]!;
  const [rep, company, email, userId] = [some['assignedTo'] as string, some['company'] as string, some['email'] as string, some['userId'] as string];
  const term = String(some['name']).split(' ')[0]!;
  const pairs: [string, Timed, Timed][] = [
    ['getCustomerByUserId', () => service.getCustomerByUserId(userId), list([Query.equal('userId', userId), Query.limit(1)])],
    ['findCustomerByEmail', () => service.findCustomerByEmail(email), list([Query.equal('email', email), Query.limit(1)])],
    ['getActiveCustomers', () => service.getActiveCustomers(), list([Query.equal('status', 'active'), Query.orderDesc('lastContactAt'), Query.limit(50)])],
    ['getCustomersByAssignee', () => service.getCustomersByAssignee(rep), list([Query.equal('assignedTo', rep), Query.equal('status', 'active'), Query.orderAsc('name'), Query.limit(25)])],
    ['getCustomersByCompany', () => service.getCustomersByCompany(company ?? 'x'), list([Query.equal('company', company ?? 'x'), Query.orderAsc('name'), Query.limit(25)])],
    ['getCustomersNeedingFollowUp', () => service.getCustomersNeedingFollowUp({ now }), list([Query.lessThanEqual('nextFollowUpAt', now), Query.notEqual('status', 'archived'), Query.orderAsc('nextFollowUpAt'), Query.limit(25)])],
    ['getTopRevenueCustomers', () => service.getTopRevenueCustomers(), list([Query.greaterThan('totalRevenue', 0), Query.orderDesc('totalRevenue'), Query.limit(10)])],
    // A name: no @ and no digit, so the runtime skips the exact email and phone lookups.
    ['searchCustomers', () => service.searchCustomers(term), () => Promise.all(['name', 'email', 'company'].map((column) => list([Query.search(column, term), Query.limit(25)])()))],
    // An email: the exact email or phone lookup (the term has digits) and the local part's words.
    ['searchCustomers (email)', () => service.searchCustomers(email), () => Promise.all([
      list([Query.or([Query.equal('email', email), Query.equal('phone', email)]), Query.limit(25)])(),
      ...['name', 'email', 'company'].map((column) => list([Query.search(column, email.slice(0, email.indexOf('@'))), Query.limit(25)])()),
    ])],
  ];
  const samples = new Map(pairs.map(([name]) => [name, { runtime: [] as number[], bare: [] as number[] }]));
  const time = async (fn: Timed): Promise<number> => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const started = performance.now();
  for (let round = -WARM_UP; round < SAMPLES; round++) {
    // Each round starts at another pattern, so no pattern always runs right after the same one.
    for (let k = 0; k < pairs.length; k++) {
      const [name, runtime, bare] = pairs[(k + round + WARM_UP) % pairs.length]!;
      // Alternate which of the pair goes first, so neither always runs warm or right after another pattern.
      const runtimeFirst = round % 2 === 0;
      const first = await time(runtimeFirst ? runtime : bare);
      const second = await time(runtimeFirst ? bare : runtime);
      if (round < 0) continue;
      const into = samples.get(name)!;
      into.runtime.push(runtimeFirst ? first : second);
      into.bare.push(runtimeFirst ? second : first);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const ms = (value: number) => value.toFixed(2).padStart(6);
  const signed = (rounded: string) => (Number(rounded) === 0 ? `±${rounded.replace('-', '')}` : Number(rounded) > 0 ? `+${rounded}` : `−${rounded.slice(1)}`);
  const pct = (value: number) => `${signed((value * 100).toFixed(0))}%`;
  const interval = (e: Estimate, show: (value: number) => string) => `${show(e.value)} [${show(e.low)}, ${show(e.high)}]`;
  const delta = (value: number) => `${signed((value * 1000).toFixed(0))} µs`;
  console.log(`query latency on ${CUSTOMERS} seeded customers: ${SAMPLES} pairs per pattern after ${WARM_UP} warm-up rounds, runtime and bare node-appwrite`);
  console.log(`back to back in every round (alternating which goes first, rotating the pattern order), ${seconds.toFixed(0)} s; ms, [95% interval from a paired bootstrap]:`);
  console.log(`  ${'pattern'.padEnd(28)} runtime p50    p95 |  bare p50    p95 | overhead p50 [95%]       | overhead p95 [95%]       | median paired difference [95%]`);
  const verdicts: string[] = [];
  for (const [name] of pairs) {
    const { runtime, bare } = samples.get(name)!;
    const [r, b] = [sortedCopy(runtime), sortedCopy(bare)];
    const compared = comparePaired(runtime, bare);
    console.log(
      `  ${name.padEnd(28)} ${ms(quantile(r, 0.5))} ${ms(quantile(r, 0.95))} |  ${ms(quantile(b, 0.5))} ${ms(quantile(b, 0.95))} | ` +
        `${interval(compared.ratioP50, pct).padEnd(24)} | ${interval(compared.ratioP95, pct).padEnd(24)} | ${interval(compared.medianDifference, delta)}`,
    );
    verdicts.push(`  ${name.padEnd(28)} p95 < 5 ms: ${quantile(r, 0.95) < 5 ? 'met' : 'not met'}; overhead < 20%: p50 ${verdict(compared.ratioP50, 0.2)}, p95 ${verdict(compared.ratioP95, 0.2)}`);
  }
  console.log('goals (an overhead is "met" only when its whole 95% interval is below 20%):');
  for (const line of verdicts) console.log(line);
}

async function main(): Promise<void> {
  console.log(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(path.join(process.env['BENCH_DIR'] ?? tmpdir(), 'crm-runtime-bench-'));
  try {
    if (SEEDED !== undefined) {
      // Iterating on part 2 only: a copy of a data file seeded with the same BENCH_CUSTOMERS.
      copyFileSync(SEEDED, path.join(dir, 'seeded.sqlite'));
      const seeded = await server(dir, 'seeded.sqlite', false);
      try {
        await latency(seeded.target);
      } finally {
        await seeded.cli.stop();
      }
    } else {
      await seedAndMeasure(dir);
    }
    console.log(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedAndMeasure(dir: string): Promise<void> {
  const seeded = await server(dir, 'seeded.sqlite');
  const raw = await server(dir, 'raw.sqlite');
  try {
    console.log(`seed ${CUSTOMERS} customers (about 3 invoices and 1.5 interactions each), ${IN_FLIGHT} batches in flight:`);
    const seed = await seedThroughCli(seeded.target);
    const bulk = await rawBulk(raw.target);
    await raw.cli.stop();
    console.log(`  seed: ${(seed.rows / seed.seconds).toFixed(0)} rows/s; raw createRows: ${(bulk.rows / bulk.seconds).toFixed(0)} rows/s (${bulk.rows} rows in ${bulk.seconds.toFixed(1)} s)`);
    console.log(`  ratio: ${((seed.rows / seed.seconds) / (bulk.rows / bulk.seconds)).toFixed(2)} (goal >= 0.5)`);
    await latency(seeded.target);
  } finally {
    await seeded.cli.stop();
    await raw.cli.stop();
  }
}

await main();
