import path from 'node:path';
import type { CliContext } from './context.js';
import { EXIT, usageError, type ExitCode } from '../errors.js';
import { startLocalServer } from '../local/index.js';

export interface LocalFlags {
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
export async function runLocal(flags: LocalFlags, ctx: CliContext): Promise<ExitCode> {
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
  return EXIT.ok;
}
