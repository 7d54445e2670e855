import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Query, TablesDB, type Models } from 'node-appwrite';
import { HISTORY_TABLE_ID } from '../../src/model/index.js';
import { versionLabel } from '../../src/migrations/source.js';
import { ROOT, type CliResult } from './cli.js';
import { afterAll } from 'vitest';
import { startLocalServer, type LocalServer } from '../../src/local/index.js';
import { cliAgainst, removeDir, tempDir, type ServerTarget } from './schema-dir.js';

/** A project directory for migration tests: copies of the shipped schema/ and migrations/. */
export interface Project {
  readonly root: string;
  readonly schema: string;
  readonly migrations: string;
}

/** Copies schema/ and (a subset of) migrations/ into a fresh temporary project. */
export function copyShippedProject(keep: (file: string) => boolean = () => true): Project {
  const root = tempDir('crm-migrate-');
  const schema = path.join(root, 'schema');
  const migrations = path.join(root, 'migrations');
  cpSync(path.join(ROOT, 'schema'), schema, { recursive: true });
  cpSync(path.join(ROOT, 'migrations'), migrations, { recursive: true, filter: (src) => src.endsWith('migrations') || keep(path.basename(src)) });
  return { root, schema, migrations };
}

export function migrationFiles(project: Project): string[] {
  return readdirSync(project.migrations).filter((name) => /^\d{4}_/.test(name)).sort();
}

/** `crm-schema <command>` with the project's --schema and --migrations, against a server. */
export function cliIn(project: Project, server: ServerTarget, command: readonly string[], args: readonly string[] = [], timeoutMs?: number): Promise<CliResult> {
  const [head, ...rest] = command;
  return cliAgainst(server, head ?? '', [...rest, '--schema', project.schema, '--migrations', project.migrations, ...args], timeoutMs);
}

export function tablesDbOf(server: ServerTarget): TablesDB {
  return new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
}

/** The history rows as plain node-appwrite returns them (not through the tool's own store). */
export async function historyRows(server: ServerTarget, databaseId = 'console-db'): Promise<Models.DefaultRow[]> {
  const page = await tablesDbOf(server).listRows({ databaseId, tableId: HISTORY_TABLE_ID, queries: [Query.limit(1000), Query.orderAsc('version')] });
  return page.rows;
}

/** Local servers and project directories for one test file, closed and removed after its tests. */
export function scratch(): { server(): Promise<LocalServer>; project(keep?: (file: string) => boolean): Project; track(project: Project): Project } {
  const servers: LocalServer[] = [];
  const projects: Project[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    projects.forEach((p) => removeDir(p.root));
  });
  const track = (project: Project): Project => {
    projects.push(project);
    return project;
  };
  return {
    server: async () => {
      const started = await startLocalServer({ port: 0, memory: true });
      servers.push(started);
      return started;
    },
    project: (keep) => track(copyShippedProject(keep)),
    track,
  };
}

/** How many migrations ship in migrations/, and their file names in order. */
export const SHIPPED_FILES: readonly string[] = readdirSync(path.join(ROOT, 'migrations')).filter((name) => /^\d{4}_/.test(name)).sort();
export const SHIPPED = SHIPPED_FILES.length;

/** `NNNN` for a version number, as migration file names spell it. */
export const pad4 = versionLabel;

/** History rows `[version, status]` for versions 1..count, all applied. */
export function allApplied(count = SHIPPED): [number, string][] {
  return Array.from({ length: count }, (_, i) => [i + 1, 'applied']);
}
