import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Gateway } from '../appwrite/gateway.js';
import { resolveTarget, type TargetFlags } from '../appwrite/target.js';
import type { WatchOptions } from '../appwrite/table-watcher.js';
import type { CliContext } from './context.js';

/** Where `--local` and the no-configuration default keep their data, relative to the working directory. */
export const LOCAL_DATA_FILE = '.crm-schema/local.sqlite';

export interface Connection {
  readonly gateway: Gateway;
  /** For messages; never contains the key. */
  readonly description: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly databaseId: string;
  readonly watch?: WatchOptions;
  /** Progress line for each retry; by default printed on stderr, so a retrying run is never silent. */
  readonly onRetry?: (text: string) => void;
  /** HTTP requests in flight at once (the client's default when omitted). */
  readonly maxInFlight?: number;
}

/** How commands that change the database wait for Appwrite's worker: first poll soon, then back off to 2 s. */
export function changeWatch(timeoutSeconds: number): WatchOptions {
  return { timeoutMs: timeoutSeconds * 1000, firstPollMs: 25, maxPollMs: 2_000 };
}

/**
 * Opens a gateway to the configured target. The embedded local server is started in-process on
 * LOCAL_DATA_FILE (loaded lazily, so remote runs never open SQLite) and stopped by close().
 */
export async function connect(flags: TargetFlags & { readonly timeout?: number }, ctx: CliContext, options: ConnectOptions): Promise<Connection> {
  const target = resolveTarget(flags, ctx.env);
  const report = options.onRetry ?? ((text: string) => ctx.stderr(`  ${text}\n`));
  const onRetry = (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }): void =>
    report(`retry ${info.attempt} of ${info.method.toUpperCase()} ${info.path} in ${info.delayMs} ms (${info.reason})`);
  // --timeout bounds every request, connection attempts and retries included.
  const timeoutMs = flags.timeout === undefined ? undefined : flags.timeout * 1000;
  if (target.kind === 'remote') {
    const gateway = new Gateway(
      { endpoint: target.endpoint, projectId: target.projectId, apiKey: target.apiKey.reveal(), onRetry, maxInFlight: options.maxInFlight, timeoutMs },
      options.databaseId,
      options.watch,
    );
    return { gateway, description: `${target.endpoint} (project ${target.projectId})`, close: async () => {} };
  }
  const file = path.resolve(ctx.cwd, LOCAL_DATA_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  if (target.reason === 'default') {
    ctx.stderr(
      `note: no Appwrite target configured; using the embedded local server (${LOCAL_DATA_FILE}). ` +
        'Set APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID and APPWRITE_API_KEY to target a real Appwrite.\n',
    );
  }
  const { startLocalServer } = await import('../local/index.js');
  const server = await startLocalServer({ port: 0, file });
  const gateway = new Gateway(
    { endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey, onRetry, maxInFlight: options.maxInFlight, timeoutMs },
    options.databaseId,
    options.watch,
  );
  return { gateway, description: `embedded local server (${LOCAL_DATA_FILE})`, close: () => server.close() };
}
