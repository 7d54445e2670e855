import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppwriteException, TablesDB } from 'node-appwrite';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../../src/appwrite/client.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server that answers each request with the next scripted reply. */
async function scriptedServer(replies: Reply[]): Promise<{ endpoint: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const reply = replies.shift() ?? ok;
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/v1`, server, seen };
}

const ok: Reply = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ total: 0, databases: [] }));
};

function error(status: number, type: string, headers: Record<string, string> = {}): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ message: type, code: status, type, version: '1.9.6' }));
  };
}

const dropConnection: Reply = (req) => req.socket.destroy();

let current: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (current ? current.close(() => resolve()) : resolve()));
  current = undefined;
});

function client(endpoint: string, retries: { method: string; delayMs: number; reason: string }[] = []): GatewayClient {
  return new GatewayClient({
    endpoint,
    projectId: 'p',
    apiKey: 'secret-key',
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    onRetry: (info) => retries.push(info),
  });
}

describe('GatewayClient retries through the real SDK', () => {
  it('retries 503 and a dropped connection, then succeeds, counting every request', async () => {
    const { endpoint, server, seen } = await scriptedServer([error(503, 'general_server_error'), dropConnection, ok]);
    current = server;
    const retries: { method: string; delayMs: number; reason: string }[] = [];
    const gateway = client(endpoint, retries);
    const list = await new TablesDB(gateway).list({ queries: ['{"method":"limit","values":[1]}'] });
    expect(list.total).toBe(0);
    expect(gateway.requestCount).toBe(3);
    expect(retries.map((retry) => retry.reason)).toEqual(['503 general_server_error', 'connection failed: dropped, UND_ERR_SOCKET']);
    // Each attempt sends the query string once: the URL is not mutated across retries.
    expect(seen.every((line) => (line.match(/queries/g) ?? []).length === 1)).toBe(true);
  });

  it('waits for X-RateLimit-Reset after a 429', async () => {
    const resetInOneSecond = String(Math.ceil(Date.now() / 1000) + 1);
    const { endpoint, server } = await scriptedServer([
      error(429, 'general_rate_limit_exceeded', { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': resetInOneSecond }),
      ok,
    ]);
    current = server;
    const retries: { method: string; delayMs: number; reason: string }[] = [];
    const started = Date.now();
    await new TablesDB(client(endpoint, retries)).list();
    expect(retries).toHaveLength(1);
    // The backoff alone would be at most 20 ms; the reset header asks for up to a second.
    expect(retries[0]?.delayMs).toBeGreaterThan(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual((retries[0]?.delayMs ?? 0) - 5);
  });

  it('never retries a 4xx answer and surfaces its type', async () => {
    const { endpoint, server } = await scriptedServer([error(404, 'database_not_found')]);
    current = server;
    const gateway = client(endpoint);
    const failure = await new TablesDB(gateway).get({ databaseId: 'nope' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppwriteException);
    expect((failure as AppwriteException).type).toBe('database_not_found');
    expect(gateway.requestCount).toBe(1);
  });

  it('gives up after the configured attempts', async () => {
    const { endpoint, server } = await scriptedServer(Array.from({ length: 10 }, () => error(500, 'general_unknown')));
    current = server;
    const gateway = client(endpoint);
    await expect(new TablesDB(gateway).list()).rejects.toMatchObject({ code: 500 });
    expect(gateway.requestCount).toBe(4);
  });
});
