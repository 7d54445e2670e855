import { AppwriteException, TablesDB } from 'node-appwrite';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../../src/appwrite/client.js';
import { introspectDatabase } from '../../../src/appwrite/introspect.js';
import { classifyTransportFailure } from '../../../src/appwrite/transport-error.js';
import { CrmSchemaError } from '../../../src/errors.js';
import { closedPort, HTML_404, httpServer, silentServer, type BadServer } from '../../helpers/bad-servers.js';

/** fetch's shape for a request that got no answer: a TypeError whose cause carries the code. */
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });
const withCode = (code: string): Error => Object.assign(new Error(code), { code });

describe('classifyTransportFailure: fetch errors to a cause the user can act on', () => {
  it.each([
    ['ECONNREFUSED', 'refused', true],
    ['ENOTFOUND', 'dns', false],
    ['EAI_AGAIN', 'dns', true],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', true],
    ['ETIMEDOUT', 'timeout', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', false],
    ['CERT_HAS_EXPIRED', 'tls', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', false],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', false],
    ['ECONNRESET', 'dropped', true],
    ['UND_ERR_SOCKET', 'dropped', true],
  ])('%s is %s (retryable: %s)', (code, kind, retryable) => {
    expect(classifyTransportFailure(fetchFailed(withCode(code)))).toEqual({ kind, code, retryable });
  });

  it('finds the code inside an AggregateError (one error per address tried)', () => {
    const cause = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all failed');
    expect(classifyTransportFailure(fetchFailed(cause))?.kind).toBe('refused');
  });

  it('reads our own deadline (AbortSignal.timeout) as a timeout', () => {
    expect(classifyTransportFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toMatchObject({ kind: 'timeout' });
  });

  it("reads fetch's blocked ports (9, 25, ...) as such, never retried", () => {
    expect(classifyTransportFailure(fetchFailed(new Error('bad port')))).toEqual({ kind: 'blocked-port', code: 'BAD_PORT', retryable: false });
  });

  it('leaves HTTP answers and our own errors alone', () => {
    expect(classifyTransportFailure(new AppwriteException('nope', 404, 'database_not_found'))).toBeUndefined();
    expect(classifyTransportFailure(new CrmSchemaError('config', 'x'))).toBeUndefined();
    expect(classifyTransportFailure(new TypeError('x is not a function'))).toBeUndefined();
  });
});

let server: BadServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(endpoint: string, timeoutMs = 10_000, retries: string[] = []): GatewayClient {
  return new GatewayClient({ endpoint, projectId: 'p', apiKey: 'k', timeoutMs, onRetry: (info) => retries.push(info.reason) });
}

async function failure(promise: Promise<unknown>): Promise<CrmSchemaError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmSchemaError);
  return error as CrmSchemaError;
}

describe('GatewayClient against targets that are not a working Appwrite (loopback only)', () => {
  it('a closed port: "connection refused" naming the endpoint, after a few quick attempts', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/v1`;
    const retries: string[] = [];
    const started = performance.now();
    const error = await failure(new TablesDB(client(endpoint, 10_000, retries)).get({ databaseId: 'db' }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(`cannot reach Appwrite at ${endpoint}: connection refused (is Appwrite running there, and is the port right?) [ECONNREFUSED] after 3 attempts`);
    expect(retries).toEqual(['connection failed: refused, ECONNREFUSED', 'connection failed: refused, ECONNREFUSED']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a server lost after it answered once keeps the full retry budget (a restart, not a wrong endpoint)', async () => {
    const answering = await httpServer(200, 'application/json', JSON.stringify({ total: 0, databases: [] }));
    const retries: string[] = [];
    const gateway = new GatewayClient({
      endpoint: `${answering.url}/v1`, projectId: 'p', apiKey: 'k',
      retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 10 },
      onRetry: (info) => retries.push(info.reason),
    });
    await new TablesDB(gateway).list();
    await answering.close();
    const error = await failure(new TablesDB(gateway).list());
    expect(error.details).toMatchObject({ cause: 'refused', attempts: 5 });
    expect(retries).toHaveLength(4);
  });

  it('a server that accepts and never answers: a timeout at the deadline, not undici\'s 300 s', async () => {
    server = await silentServer();
    const started = performance.now();
    const error = await failure(new TablesDB(client(`${server.url}/v1`, 800)).get({ databaseId: 'db' }));
    const elapsed = performance.now() - started;
    expect(error.message).toMatch(/: no answer in time .* \[TimeoutError\]$/);
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('https to a plain HTTP port: a TLS failure, not retried', async () => {
    server = await httpServer(200, 'text/plain', 'hello');
    const tls = `${server.url.replace('http:', 'https:')}/v1`;
    const error = await failure(new TablesDB(client(tls)).get({ databaseId: 'db' }));
    expect(error.message).toMatch(/the TLS handshake failed/);
    expect(error.details).toMatchObject({ cause: 'tls', attempts: 1 });
  });

  it('an HTML 404 (endpoint without /v1, another web server): a configuration error, sent once', async () => {
    server = await httpServer(404, 'text/html', HTML_404);
    const gateway = client(`${server.url}/v1`);
    const error = await failure(introspectDatabase(new TablesDB(gateway), 'console-db'));
    expect(error.code).toBe('config');
    expect(error.message).toContain('does not look like an Appwrite API endpoint: GET /v1/tablesdb/console-db answered 404 with text/html');
    expect(error.message).not.toContain('<html>');
    expect(server.requests).toHaveLength(1);
  });

  it('an HTML 200 for every route is not a database either', async () => {
    server = await httpServer(200, 'text/html', '<html>welcome</html>');
    const error = await failure(introspectDatabase(new TablesDB(client(`${server.url}/v1`)), 'console-db'));
    expect(error.message).toContain('answered 200 with text/html');
    expect(server.requests).toHaveLength(1);
  });

  it("a proxy's HTML 502 is retried (Appwrite behind it may be restarting), then named without the page", async () => {
    server = await httpServer(502, 'text/html', '<html>Bad Gateway</html>');
    const retries: string[] = [];
    const gateway = new GatewayClient({ endpoint: `${server.url}/v1`, projectId: 'p', apiKey: 'k', retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 }, onRetry: (info) => retries.push(info.reason) });
    const error = await failure(introspectDatabase(new TablesDB(gateway), 'console-db'));
    expect(error.message).toContain('answered 502 with text/html');
    expect(retries).toEqual(['502', '502']);
    expect(server.requests).toHaveLength(3);
  });

  it('a JSON 404 that is not database_not_found: a configuration error naming what was expected', async () => {
    server = await httpServer(404, 'application/json', JSON.stringify({ message: 'Route not found', code: 404, type: 'general_route_not_found' }));
    const error = await failure(introspectDatabase(new TablesDB(client(`${server.url}/v1`)), 'console-db'));
    expect(error.message).toMatch(/answered 404 general_route_not_found for database "console-db" .* where Appwrite says database_not_found/);
  });

  it("only Appwrite's database_not_found means the database is not there yet", async () => {
    server = await httpServer(404, 'application/json', JSON.stringify({ message: 'Database not found', code: 404, type: 'database_not_found' }));
    await expect(introspectDatabase(new TablesDB(client(`${server.url}/v1`)), 'console-db')).resolves.toEqual({ model: undefined, unsettled: [], toolTables: [] });
  });
});
