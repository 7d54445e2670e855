import { Client, Query, TablesDB } from 'node-appwrite';
import { startLocalServer, type LocalServerOptions } from '../../src/local/index.js';

/** Where an end-to-end test runs the CLI: the local server, or a real Appwrite on explicit opt-in. */
export interface TestTarget {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  /** true when the suite was pointed at a real Appwrite. */
  readonly real: boolean;
  /** Stops the local server; on a real Appwrite, deletes the databases the test created. */
  close(): Promise<void>;
}

/**
 * The same end-to-end tests run against a real Appwrite when APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID
 * and APPWRITE_API_KEY are set AND CRM_SCHEMA_E2E_REAL=1. The second switch is a guard: the tests
 * create, change and delete databases (console-db among them), so an endpoint that happens to be set
 * in a developer's shell must never be enough. Point it at a scratch project only.
 */
export function realAppwriteFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<TestTarget, 'close' | 'real'> | undefined {
  const { APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID, APPWRITE_API_KEY, CRM_SCHEMA_E2E_REAL } = env;
  if (CRM_SCHEMA_E2E_REAL !== '1' || !APPWRITE_ENDPOINT || !APPWRITE_PROJECT_ID || !APPWRITE_API_KEY) return undefined;
  return { endpoint: APPWRITE_ENDPOINT, projectId: APPWRITE_PROJECT_ID, apiKey: APPWRITE_API_KEY };
}

export async function startTestTarget(local: Omit<LocalServerOptions, 'port' | 'memory'> = {}): Promise<TestTarget> {
  const real = realAppwriteFromEnv();
  if (real === undefined) {
    const server = await startLocalServer({ port: 0, memory: true, ...local });
    return { endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey, real: false, close: () => server.close() };
  }
  const tablesDB = new TablesDB(new Client().setEndpoint(real.endpoint).setProject(real.projectId).setKey(real.apiKey));
  const before = new Set(await databaseIds(tablesDB));
  return {
    ...real,
    real: true,
    close: async () => {
      for (const id of await databaseIds(tablesDB)) {
        if (!before.has(id)) await tablesDB.delete({ databaseId: id });
      }
    },
  };
}

async function databaseIds(tablesDB: TablesDB): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const page = await tablesDB.list({ queries: [Query.limit(100), Query.offset(ids.length)] });
    ids.push(...page.databases.map((database) => database.$id));
    if (page.databases.length < 100) return ids;
  }
}
