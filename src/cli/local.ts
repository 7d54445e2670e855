import path from 'node:path';
import type { CliContext } from './context.js';
import { CrmSchemaError, EXIT, type ExitCode } from '../errors.js';
import { startLocalServer } from '../local/index.js';

/** Numeric flags arrive parsed and range-checked (src/cli/numeric-options.ts). */
export interface LocalFlags {
  port: number;
  data: string;
  memory?: boolean;
  project?: string;
  apiKey?: string;
  workerDelay: number;
  host: string;
  latency: number;
  failRate: number;
  failSeed?: number;
  rateLimits?: boolean;
}

/** `crm-schema local`: the embedded Appwrite-compatible server, until SIGINT/SIGTERM. */
export async function runLocal(flags: LocalFlags, ctx: CliContext): Promise<ExitCode> {
  const server = await startLocalServer({
    port: flags.port,
    host: flags.host,
    ...(flags.memory ? { memory: true } : { file: path.resolve(ctx.cwd, flags.data) }),
    ...(flags.project ? { projectId: flags.project } : {}),
    ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
    workerDelayMs: flags.workerDelay,
    latencyMs: flags.latency,
    failRate: flags.failRate,
    ...(flags.failSeed === undefined ? {} : { failSeed: flags.failSeed }),
    rateLimits: flags.rateLimits ?? false,
  }).catch((error: unknown) => {
    throw listenError(error, flags.host, flags.port);
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

/** Why the server could not listen, as one line; anything else is a bug and keeps its stack. */
const LISTEN_FAILURES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use (stop the other process, or pick another --port; 0 = any free port)',
  EACCES: 'permission denied (ports below 1024 need privileges; pick another --port)',
  EADDRNOTAVAIL: 'the address is not one of this machine\'s interfaces (check --host)',
  ENOTFOUND: 'the host name does not resolve (check --host)',
  EAI_AGAIN: 'the host name could not be resolved right now (check --host)',
};

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : LISTEN_FAILURES[code];
  if (reason === undefined) return error;
  return new CrmSchemaError('config', `cannot listen on ${host}:${port}: ${reason}`, { details: { host, port, cause: code }, cause: error });
}
