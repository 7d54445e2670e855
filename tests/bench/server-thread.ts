import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../helpers/cli.js';

export interface BenchServer {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  stats(): Promise<{ requests: number }>;
}

/**
 * The local server (built, from dist/) in a worker thread, with an event loop of its own, as
 * Appwrite runs in a process of its own: in the benchmark's thread its timers and request handling
 * would queue behind the client's work and everything would look slower than it is.
 */
const SERVER_THREAD = `
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.module).then(async ({ startLocalServer }) => {
    const server = await startLocalServer(workerData.options);
    parentPort.on('message', async (message) => {
      if (message === 'stats') parentPort.postMessage({ stats: server.stats() });
      if (message === 'close') { await server.close(); parentPort.postMessage({ closed: true }); }
    });
    parentPort.postMessage({ endpoint: server.endpoint, projectId: server.projectId, apiKey: server.apiKey });
  });
`;

export async function withServerThread<T>(options: Record<string, unknown>, body: (server: BenchServer) => Promise<T>): Promise<T> {
  const thread = new Worker(SERVER_THREAD, {
    eval: true,
    workerData: { module: pathToFileURL(path.join(ROOT, 'dist/local/index.js')).href, options: { port: 0, memory: true, ...options } },
  });
  const next = <M>(): Promise<M> => new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
  const started = await next<{ endpoint: string; projectId: string; apiKey: string }>();
  const server: BenchServer = {
    ...started,
    stats: async () => {
      const reply = next<{ stats: { requests: number } }>();
      thread.postMessage('stats');
      return (await reply).stats;
    },
  };
  try {
    return await body(server);
  } finally {
    const closed = next();
    thread.postMessage('close');
    await closed;
    await thread.terminate();
  }
}
