import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import type { AuditLog } from '../../src/runtime/index.js';
import { ROOT } from '../helpers/cli.js';
import { startRuntimeHarness, type RuntimeHarness } from './harness.js';

/**
 * A process killed between a change and its audit entry leaves both or neither: a child process
 * writes through the built runtime and is SIGKILLed at varying moments, over several rounds; then
 * every change must have its audit row and every audit row its change.
 */

const db = 'console-db';
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(() => h.close());

function runAndKill(customerId: string, round: number, killAfterSteps: number, extraMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'tests/runtime/fixtures/change-writer.mjs')], {
      cwd: ROOT,
      env: { ...process.env, ENDPOINT: h.server.endpoint, PROJECT: h.server.projectId, KEY: h.server.apiKey, CUSTOMER: customerId, ROUND: String(round) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let steps = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      steps += chunk.toString().split('\n').length - 1;
      if (steps === killAfterSteps) setTimeout(() => child.kill('SIGKILL'), extraMs);
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

async function all<T>(tableId: string, queries: string[]): Promise<T[]> {
  return (await h.tables.listRows({ databaseId: db, tableId, queries: [...queries, Query.limit(5000)] })).rows as unknown as T[];
}

describe('kill -9 between a change and its audit entry', () => {
  it('leaves both or neither, for status changes and creates', { timeout: 90_000 }, async () => {
    const customer = await h.service.createCustomer({ name: 'Survivor' }, 'survivor');
    for (let round = 0; round < 6; round++) await runAndKill(customer.$id, round, 3 + round * 2, (round * 7) % 11);

    const final = await h.service.getCustomer(customer.$id);
    const changes = await all<AuditLog>('audit_logs', [Query.equal('customerId', customer.$id), Query.equal('action', 'customer.status_changed'), Query.orderAsc('$sequence')]);
    expect(changes.length).toBeGreaterThan(6);
    const last = changes[changes.length - 1]!;
    expect(JSON.parse(final.metadata!).statusChangeReason).toBe(last.reason);
    expect(final.status).toBe(JSON.parse(last.after!).status);
    for (let i = 1; i < changes.length; i++) expect(JSON.parse(changes[i]!.before!).status).toBe(JSON.parse(changes[i - 1]!.after!).status);

    const created = await all<{ $id: string }>('customers', [Query.startsWith('userId', 'killed-')]);
    const createdAudit = await all<AuditLog>('audit_logs', [Query.equal('action', 'customer.created'), Query.notEqual('customerId', customer.$id)]);
    expect(created.length).toBeGreaterThan(6);
    expect(createdAudit.map((entry) => entry.customerId).sort()).toEqual(created.map((row) => row.$id).sort());
  });
});
