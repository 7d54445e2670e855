import type { Command } from 'commander';
import path from 'node:path';
import type { CliContext } from './context.js';
import type { SetExitCode } from './commands.js';
import { EXIT, usageError } from '../errors.js';
import { startLocalServer } from '../local/index.js';

interface LocalFlags {
  port: string;
  data: string;
  memory?: boolean;
  project?: string;
  apiKey?: string;
  workerDelay: string;
  host: string;
  latency: string;
  failRate: string;
  failSeed?: string;
  rateLimits?: boolean;
}

function parseNonNegative(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw usageError(`${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw usageError(`--fail-rate must be a number from 0 to 1, got "${value}"`);
  return n;
}

/** `crm-schema local`: the embedded Appwrite-compatible server, until SIGINT/SIGTERM. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('local')
    .description('Run a local Appwrite-compatible server (databases API over SQLite) for node-appwrite.')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data <file>', 'SQLite data file; data persists across restarts', '.crm-schema/local.sqlite')
    .option('--memory', 'keep everything in memory (nothing is written to disk)')
    .option('--project <id>', 'project ID the server answers to', 'crm-local')
    .option('--api-key <key>', 'API key to accept (default: generated once, kept in the data file)')
    .option('--worker-delay <ms>', 'delay before each async column/index job', '0')
    .option('--latency <ms>', 'delay added to every request', '0')
    .option('--fail-rate <rate>', 'share of requests (0..1) answered with an injected 500/503/429 or a dropped connection', '0')
    .option('--fail-seed <n>', 'seed of the fault sequence (same seed + same requests = same faults; default random)')
    .option('--rate-limits', "enforce Appwrite's abuse limits on row writes for non-key callers (120/min, deletes 60/min)")
    .addHelpText('after', '\nExample:\n  crm-schema local --port 8080 --data .crm-schema/local.sqlite\n  crm-schema local --memory --api-key secret\n  crm-schema local --memory --latency 25 --worker-delay 200 --fail-rate 0.1 --fail-seed 7')
    .action(async (flags: LocalFlags) => {
      const server = await startLocalServer({
        port: parseNonNegative(flags.port, '--port'),
        host: flags.host,
        ...(flags.memory ? { memory: true } : { file: path.resolve(ctx.cwd, flags.data) }),
        ...(flags.project ? { projectId: flags.project } : {}),
        ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
        workerDelayMs: parseNonNegative(flags.workerDelay, '--worker-delay'),
        latencyMs: parseNonNegative(flags.latency, '--latency'),
        failRate: parseRate(flags.failRate),
        ...(flags.failSeed === undefined ? {} : { failSeed: parseNonNegative(flags.failSeed, '--fail-seed') }),
        rateLimits: flags.rateLimits ?? false,
      });
      const stats = server.stats();
      ctx.stdout(
        [
          `Local Appwrite-compatible server ready (${flags.memory ? 'in memory' : path.resolve(ctx.cwd, flags.data)})`,
          `  endpoint:   ${server.endpoint}`,
          `  project id: ${server.projectId}`,
          `  api key:    ${server.apiKey}`,
          ...(stats.failRate > 0 || stats.latencyMs > 0
            ? [`  faults:     latency ${stats.latencyMs} ms, fail rate ${stats.failRate}, seed ${stats.seed} (reuse --fail-seed ${stats.seed} to replay)`]
            : []),
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const final = server.stats();
      await server.close();
      const faultSummary = final.failRate > 0 ? `, ${final.faults} faults injected` : '';
      ctx.stdout(`Local server stopped (${final.requests} requests${faultSummary}).\n`);
      setExitCode(EXIT.ok);
    });
}
