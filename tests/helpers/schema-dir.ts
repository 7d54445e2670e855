import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, TablesDB } from 'node-appwrite';
import { stringify } from 'yaml';
import { introspectDatabase } from '../../src/appwrite/introspect.js';
import { loadSchema, readSchemaDir } from '../../src/loader/index.js';
import type { Database } from '../../src/model/index.js';
import { fingerprintModel } from '../../src/plan/index.js';
import { ROOT, runCli, type CliResult } from './cli.js';

/**
 * Schema directories for end-to-end tests, and the CLI pointed at a test server: the endpoint and
 * project as flags, the key only through the environment (never on a command line).
 */

export interface ServerTarget {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
}

export interface RawTable {
  readonly id: string;
  readonly name?: string;
  readonly rowSecurity?: boolean;
  readonly permissions?: readonly string[];
  readonly columns: readonly Record<string, unknown>[];
  readonly indexes?: readonly Record<string, unknown>[];
}

export interface RawSchema {
  readonly databaseId: string;
  readonly tables: readonly RawTable[];
  readonly removedTables?: readonly string[];
}

/** A fresh temporary directory; remove it with `removeDir`. */
export function tempDir(prefix = 'crm-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A copy of the shipped schema/ in a temporary directory. */
export function copyShippedSchema(): string {
  const dir = tempDir();
  cpSync(path.join(ROOT, 'schema'), path.join(dir, 'schema'), { recursive: true });
  return path.join(dir, 'schema');
}

/** (Re)writes dir as a schema directory: database.yaml plus one file per table, replacing older table files. */
export function writeSchemaDir(dir: string, schema: RawSchema): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const header = `# yaml-language-server: $schema=${path.join(ROOT, 'src/loader/schema.json')}\n`;
  writeFileSync(
    path.join(dir, 'database.yaml'),
    header + stringify({ kind: 'database', id: schema.databaseId, name: schema.databaseId, removedTables: schema.removedTables ?? [] }),
  );
  for (const table of schema.tables) {
    const data = {
      kind: 'table',
      id: table.id,
      name: table.name ?? table.id,
      rowSecurity: table.rowSecurity ?? false,
      permissions: table.permissions ?? [],
      columns: table.columns,
      indexes: table.indexes ?? [],
    };
    writeFileSync(path.join(dir, `${table.id}.yaml`), header + stringify(data));
  }
}

export function targetArgs(server: ServerTarget): string[] {
  return ['--endpoint', server.endpoint, '--project', server.projectId];
}

export function targetEnv(server: ServerTarget): NodeJS.ProcessEnv {
  return { APPWRITE_API_KEY: server.apiKey, APPWRITE_ENDPOINT: '', APPWRITE_PROJECT_ID: '' };
}

/** Runs `crm-schema <command> <args> --endpoint … --project …` with the key in the environment. */
export function cliAgainst(server: ServerTarget, command: string, args: readonly string[] = [], timeoutMs?: number): Promise<CliResult> {
  return runCli([command, ...args, ...targetArgs(server)], {
    env: targetEnv(server),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** The desired Model of a schema directory (fails the test on any loader problem). */
export async function loadModel(dir: string): Promise<Database> {
  const { model, problems } = loadSchema(await readSchemaDir(dir, dir));
  if (model === undefined || problems.length > 0) throw new Error(`schema ${dir} does not load: ${JSON.stringify(problems)}`);
  return model;
}

/** The live database read through node-appwrite, as the Model (undefined when it does not exist). */
export async function liveModel(server: ServerTarget, databaseId: string): Promise<Database | undefined> {
  const client = new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey);
  return (await introspectDatabase(new TablesDB(client), databaseId)).model;
}

/**
 * Fingerprint of a model as the diff sees it. Live introspection never knows `removedTables` (they
 * are an instruction, not state), so the desired side is compared without them.
 */
export function stateFingerprint(model: Database | undefined): string {
  return fingerprintModel(model === undefined ? undefined : { ...model, removedTables: [] });
}
