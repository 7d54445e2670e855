import type { AddressInfo } from 'node:net';
import { openStore, resolveApiKey } from './store/open.js';
import { LocalProject } from './project.js';
import { SchemaWorker } from './worker.js';
import { buildApp } from './http/app.js';
import { LEGACY, TABLESDB } from './http/facade.js';
import { registerSchemaRoutes } from './http/routes-schema.js';
import { registerColumnRoutes } from './http/routes-columns.js';
import { registerRowRoutes } from './http/routes-rows.js';
import { registerUserRoutes } from './http/routes-users.js';
import { AuthService } from './auth/index.js';
import { installFaults, type ServerStats } from './faults/inject.js';
import { registerTransactionRoutes } from './http/routes-transactions.js';
import { TransactionRegistry } from './transactions/registry.js';
import { DEFAULT_PROJECT_ID } from './defaults.js';
import { TransactionService } from './transactions/service.js';

/**
 * The embedded Appwrite-compatible server: Appwrite's REST API for databases over one SQLite file
 * (or memory), for the unmodified node-appwrite SDK.
 */
export interface LocalServerOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  host?: string;
  /** SQLite file; data persists across restarts. */
  file?: string;
  memory?: boolean;
  projectId?: string;
  /** Default: generated once and persisted in the data file. */
  apiKey?: string;
  /** Delay before each async schema job (Appwrite's worker), default 0. */
  workerDelayMs?: number;
  /** Added before every request is handled, default 0. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with an injected 500/503/429 or a dropped connection, default 0. */
  failRate?: number;
  /** Seed of the fault sequence; the same seed and request order give the same faults. Default: random. */
  failSeed?: number;
  /** Appwrite's abuse limits on row writes for non-key callers (120 or 60 per minute), default off. */
  rateLimits?: boolean;
  logger?: boolean;
  /** The clock transactions expire by (epoch ms); tests pass a controllable one. Default Date.now. */
  clock?: () => number;
}

export interface LocalServer {
  endpoint: string;
  projectId: string;
  apiKey: string;
  /** Requests received and faults injected so far. */
  stats(): ServerStats;
  close(): Promise<void>;
}

export { DEFAULT_PROJECT_ID };

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const db = openStore(options.memory || !options.file ? { memory: true } : { file: options.file });
  const apiKey = resolveApiKey(db, options.apiKey);
  const project = new LocalProject(db, options.projectId ?? DEFAULT_PROJECT_ID);
  const worker = new SchemaWorker(project, options.workerDelayMs ?? 0);
  const auth = new AuthService(db, apiKey, options.rateLimits ?? false, project.projectId);
  const app = buildApp({ project, apiKey, auth, logger: options.logger ?? false });
  const stats = installFaults(app, {
    latencyMs: options.latencyMs ?? 0,
    failRate: options.failRate ?? 0,
    seed: options.failSeed ?? Math.floor(Math.random() * 2 ** 31),
  });
  for (const facade of [TABLESDB, LEGACY]) {
    registerSchemaRoutes(app, project, facade);
    registerColumnRoutes(app, project, facade);
    registerRowRoutes(app, project, facade);
  }
  registerTransactionRoutes(app, new TransactionService(project, new TransactionRegistry(options.clock ?? Date.now)));
  registerUserRoutes(app, auth);
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port: options.port ?? 0, host });
  } catch (error) {
    db.close();
    throw error;
  }
  worker.resume();
  const { port } = app.server.address() as AddressInfo;
  let closed = false;
  return {
    endpoint: `http://${host}:${port}/v1`,
    projectId: project.projectId,
    apiKey,
    stats,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await worker.close();
      db.close();
    },
  };
}

export { LocalApiError } from './errors.js';
export type { ServerStats, FaultRecord } from './faults/inject.js';
