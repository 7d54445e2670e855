import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, HTML_404, httpServer, silentServer, type BadServer } from '../helpers/bad-servers.js';
import { ROOT, runCli } from '../helpers/cli.js';

// Runs the built binary (build first). Every target is on loopback, or a name under .invalid
// (RFC 2606: it never resolves), so nothing leaves the machine.
const STACK_LINE = /\n\s+at /;
const SCHEMA = path.join(ROOT, 'schema');

let dir: string;
let keyFile: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bad-target-'));
  keyFile = path.join(dir, 'key');
  writeFileSync(keyFile, 'not-a-real-key\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: BadServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// apply checks schema/ against migrations/ offline first: give it the shipped pair so the target is reached.
const target = (endpoint: string): string[] => ['--schema', SCHEMA, '--migrations', path.join(ROOT, 'migrations'), '--endpoint', endpoint, '--project', 'p', '--api-key-file', keyFile];

async function timed(args: readonly string[]) {
  const started = performance.now();
  const result = await runCli(args, { cwd: dir });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

describe('an unreachable endpoint is one line naming it and the cause', () => {
  it('closed port: connection refused within seconds, retries shown as progress', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await timed(['plan', ...target(endpoint)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`crm-schema: cannot reach Appwrite at ${endpoint}: connection refused`);
    expect(result.stderr).toMatch(/^ {2}retry 1 of GET \/v1\/tablesdb\/console-db in \d+ ms \(connection failed: refused, ECONNREFUSED\)$/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.seconds).toBeLessThan(4);
  });

  it('--json: the error form on stdout', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await timed(['plan', '--json', ...target(endpoint)]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.objectContaining({ code: 'unreachable', endpoint, cause: 'refused', systemCode: 'ECONNREFUSED' }),
    });
  });

  it("the issue's example, port 9: fetch refuses it outright, said so at once", async () => {
    const result = await timed(['plan', ...target('http://127.0.0.1:9/v1')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('crm-schema: cannot reach Appwrite at http://127.0.0.1:9/v1: fetch refuses to connect to this port (one of the ports browsers block as unsafe; no HTTP service runs there) [BAD_PORT]\n');
  });

  it('a host that does not resolve: said so, not retried', async () => {
    const result = await timed(['plan', ...target('http://crm-schema-test.invalid/v1')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^crm-schema: cannot reach Appwrite at http:\/\/crm-schema-test\.invalid\/v1: the host name does not resolve .*\[(ENOTFOUND|EAI_AGAIN)\]/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('a server that never answers: --timeout 2 ends the wait at about 2 s', async () => {
    server = await silentServer();
    const result = await timed(['apply', '--timeout', '2', ...target(`${server.url}/v1`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach Appwrite at http:\/\/127\.0\.0\.1:\d+\/v1: no answer in time/);
    expect(result.seconds).toBeGreaterThanOrEqual(2);
    expect(result.seconds).toBeLessThan(5);
  });
});

describe('a server that is not Appwrite is a configuration error, never "create everything"', () => {
  it.each(['plan', 'apply'])('%s against an HTML 404: exit 1, names what was expected, one request', async (command) => {
    server = await httpServer(404, 'text/html', HTML_404);
    const result = await timed([command, ...target(`${server.url}/v1`)]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('create');
    // plan reads the database first, apply its migration history: either way the first request tells.
    expect(result.stderr).toMatch(/^crm-schema: http:\/\/127\.0\.0\.1:\d+\/v1 does not look like an Appwrite API endpoint: GET \/v1\/tablesdb\/console-db\S* answered 404 with text\/html/m);
    expect(result.stderr).not.toContain('<html>');
    expect(server.requests).toHaveLength(1);
  });

  it('plan against the local server at a wrong path: a JSON 404 of another type is not "no database"', async () => {
    server = await httpServer(404, 'application/json', JSON.stringify({ message: 'Route not found.', code: 404, type: 'general_route_not_found' }));
    const result = await timed(['plan', '--detailed-exitcode', ...target(`${server.url}/api/v1`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answered 404 general_route_not_found for database "console-db"');
  });
});

describe('crm-schema local cannot listen', () => {
  let holder: Server;
  afterEach(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('a port in use: one line, exit 1', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    const result = await timed(['local', '--memory', '--port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`crm-schema: cannot listen on 127.0.0.1:${port}: the port is already in use (stop the other process, or pick another --port; 0 = any free port)\n`);
  });
});

describe('CI detection', () => {
  it.each(['1', 'TRUE', 'yes'])('CI=%s with no target is the CI error, not a silent local server', async (value) => {
    const result = await runCli(['plan', '--schema', SCHEMA], {
      cwd: dir,
      env: { CI: value, APPWRITE_ENDPOINT: '', APPWRITE_PROJECT_ID: '', APPWRITE_API_KEY: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^crm-schema: no Appwrite target configured in CI/);
  });
});
