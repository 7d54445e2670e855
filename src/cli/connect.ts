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
  readonly onRetry?: (text: string) => void;
  /** HTTP requests in flight at once (the client's default when omitted). */
  readonly maxInFlight?: number;
}

/**
 * Opens a gateway to the configured target. The embedded local server is started in-process on
 * LOCAL_DATA_FILE (loaded lazily, so remote runs never open SQLite) and stopped by close().
 */
export async function connect(flags: TargetFlags, ctx: CliContext, options: ConnectOptions): Promise<Connection> {
  const target = resolveTarget(flags, ctx.env);
  const onRetry = options.onRetry
    ? (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) =>
        options.onRetry?.(`retry ${info.attempt} of ${info.method} ${info.path} in ${info.delayMs} ms (${info.reason})`)
    : undefined;
  if (target.kind === 'remote') {
    const gateway = new Gateway(
      { endpoint: target.endpoint, projectId: target.projectId, apiKey: target.apiKey.reveal(), onRetry, maxInFlight: options.maxInFlight },
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
    { endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey, onRetry, maxInFlight: options.maxInFlight },
    options.databaseId,
    options.watch,
  );
  return { gateway, description: `embedded local server (${LOCAL_DATA_FILE})`, close: () => server.close() };
}
