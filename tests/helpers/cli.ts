import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/crm-schema.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a child process, exactly as a user would (requires `npm run build`). */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface CliServer {
  readonly endpoint: string;
  /** Everything the process printed on stdout so far. */
  stdout(): string;
  /** Stops the server (SIGTERM) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL: no shutdown code runs, as in a crash) and waits for the process to exit. */
  kill(): Promise<void>;
}

/** Starts `crm-schema local <args>` as a child process and resolves once it prints its endpoint. */
export async function startCliServer(args: readonly string[], timeoutMs = 15_000): Promise<CliServer> {
  const child = spawn(process.execPath, [BIN, 'local', ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await closed;
  };
  const deadline = Date.now() + timeoutMs;
  while (!/Press Ctrl\+C/.test(stdout)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`crm-schema local did not start: ${stdout}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const endpoint = /endpoint: +(\S+)/.exec(stdout)?.[1];
  if (endpoint === undefined) {
    await stop();
    throw new Error(`crm-schema local printed no endpoint: ${stdout}`);
  }
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
  };
  return { endpoint, stdout: () => stdout, stop, kill };
}
