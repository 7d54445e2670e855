import { SeedWriter, type WriteCounts } from '../appwrite/seed-writer.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { isValidSeed, seedCustomer, staffUsers, SALES_REP_LABEL, type SeedOptions } from '../seed/generate.js';
import { connect } from './connect.js';
import type { CliContext } from './context.js';
import { seedProgress } from './seed-progress.js';
import { loadDesired } from './schema-input.js';
import type { TargetCommandOptions } from './target-options.js';

export interface SeedCommandOptions extends TargetCommandOptions {
  readonly customers: number;
  readonly invoices: number;
  readonly seed: string;
  readonly accounts: number;
  readonly concurrency: number;
  readonly json?: boolean;
}

function checkOptions(options: SeedCommandOptions): void {
  const count = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 0) throw new CrmSchemaError('usage', `--${name} must be a whole number ≥ 0, got ${value}`);
  };
  count('customers', options.customers);
  count('accounts', options.accounts);
  if (!Number.isFinite(options.invoices) || options.invoices < 0) throw new CrmSchemaError('usage', `--invoices must be ≥ 0, got ${options.invoices}`);
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new CrmSchemaError('usage', '--concurrency must be ≥ 1');
  if (!isValidSeed(options.seed)) throw new CrmSchemaError('usage', `--seed must be 1-12 letters or digits (it becomes part of row ids), got "${options.seed}"`);
}

/** Writes staff and owner accounts, then customers with their invoices and interactions in bulk. */
export async function runSeed(options: SeedCommandOptions, ctx: CliContext): Promise<ExitCode> {
  checkOptions(options);
  const desired = await loadDesired(options.schema, ctx);
  const connection = await connect(options, ctx, { databaseId: desired.id, maxInFlight: options.concurrency + 4 });
  try {
    const spec: SeedOptions = { seed: options.seed, customers: options.customers, invoices: options.invoices };
    const staff = staffUsers(spec);
    const reps = staff.filter((user) => user.labels.includes(SALES_REP_LABEL));
    const progress = seedProgress(ctx, options.customers);
    const writer = new SeedWriter(connection.gateway, options.concurrency, progress.onBatch);
    const started = performance.now();
    const owners = Array.from({ length: Math.min(options.accounts, options.customers) }, (_, n) => seedCustomer(spec, n, reps).owner);
    await writer.users([...staff, ...owners]);
    for (let n = 0; n < options.customers; n++) {
      const { customer, invoices, interactions } = seedCustomer(spec, n, reps);
      await writer.add('customers', customer);
      for (const invoice of invoices) await writer.add('invoices', invoice);
      for (const interaction of interactions) await writer.add('customer_interactions', interaction);
    }
    await writer.finish();
    const seconds = (performance.now() - started) / 1000;
    progress.done();
    report(ctx, options, writer.counts, seconds, connection.description);
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

function report(ctx: CliContext, options: SeedCommandOptions, counts: Record<string, WriteCounts>, seconds: number, target: string): void {
  const rows = ['customers', 'invoices', 'customer_interactions'].reduce((sum, key) => sum + (counts[key]?.created ?? 0), 0);
  const lines = Object.entries(counts).map(([key, c]) => `  ${key.padEnd(22)} ${String(c.created).padStart(8)} created ${String(c.existing).padStart(8)} already there`);
  ctx.stderr(`Seed ${options.seed} on ${target} in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-9))} rows/s):\n${lines.join('\n')}\n`);
  if (options.json) ctx.stdout(`${JSON.stringify({ seed: options.seed, seconds, rowsPerSecond: rows / Math.max(seconds, 1e-9), counts }, null, 2)}\n`);
}
