import { Client, TablesDB, Users } from 'node-appwrite';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/index.js';
import { createCustomerService, type CustomerService } from '../../src/runtime/index.js';
import { provisionSchema } from '../helpers/provision.js';

/**
 * A local server with schema/ provisioned, an API-key client, and JWT clients for users made
 * through the Users API, as an application would have them.
 */
export interface RuntimeHarness {
  readonly server: LocalServer;
  readonly key: Client;
  /** TablesDB over the key client, for looking at what the runtime wrote. */
  readonly tables: TablesDB;
  readonly service: CustomerService;
  readonly users: Users;
  /** Creates the user (idempotent per id) and returns a service acting as them through a JWT. */
  userService(userId: string, options?: { labels?: string[]; name?: string; email?: string }): Promise<{ client: Client; service: CustomerService }>;
  close(): Promise<void>;
}

export async function startRuntimeHarness(options: LocalServerOptions = {}): Promise<RuntimeHarness> {
  const server = await startLocalServer({ port: 0, memory: true, workerDelayMs: 0, ...options });
  await provisionSchema(server);
  const key = new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey);
  const users = new Users(key);
  const made = new Set<string>();
  return {
    server,
    key,
    tables: new TablesDB(key),
    service: createCustomerService({ client: key }),
    users,
    async userService(userId, opts = {}) {
      if (!made.has(userId)) {
        await users.create({ userId, email: opts.email ?? `${userId}@example.com`, name: opts.name ?? `User ${userId}` });
        if (opts.labels !== undefined) await users.updateLabels({ userId, labels: opts.labels });
        made.add(userId);
      }
      const { jwt } = await users.createJWT({ userId });
      const client = new Client().setEndpoint(server.endpoint).setProject(server.projectId).setJWT(jwt);
      return { client, service: createCustomerService({ client }) };
    },
    close: () => server.close(),
  };
}

/** Runs fn and returns what it threw (fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got success');
}
