import path from 'node:path';
import { Gateway } from '../../src/appwrite/gateway.js';
import { introspectDatabase } from '../../src/appwrite/introspect.js';
import { appwriteMigrationTarget } from '../../src/appwrite/migration-target.js';
import { loadSchema, readSchemaDir } from '../../src/loader/index.js';
import { assertCaptured, buildCatalog } from '../../src/migrations/catalog.js';
import { applyMigrations } from '../../src/migrations/runner.js';
import { readMigrationsDir } from '../../src/migrations/source.js';
import { ROOT } from './cli.js';

/**
 * The ONE place tests provision the shipped schema on a server: the shipped migrations/, run in-process
 * by the migration runner exactly as `crm-schema apply` runs them (history, lease, drift check), so
 * every runtime test also proves that the migrations produce what the runtime needs.
 */
export async function provisionSchema(target: { endpoint: string; projectId: string; apiKey: string }, options: { upTo?: number } = {}): Promise<void> {
  const { model: schema, problems } = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
  if (schema === undefined || problems.length > 0) throw new Error(`schema/ is invalid: ${JSON.stringify(problems)}`);
  const all = await readMigrationsDir(path.join(ROOT, 'migrations'));
  assertCaptured(buildCatalog(all), schema);
  // Up to a version: the database as it stood then (what those migrations produce), for tests that
  // put data in before a later migration runs.
  const dir = options.upTo === undefined ? all : { ...all, files: all.files.filter((file) => file.version <= (options.upTo ?? 0)) };
  const catalog = buildCatalog(dir, { verifySum: options.upTo === undefined });
  const model = options.upTo === undefined ? schema : catalog.replayed;
  if (model === undefined) throw new Error(`no migrations up to ${String(options.upTo)}`);
  const gateway = new Gateway(target, model.id);
  const report = await applyMigrations(catalog, model, appwriteMigrationTarget(gateway, {
    log: () => {},
    progress: () => {},
    liveModel: async () => (await introspectDatabase(gateway.tablesDb, model.id)).model,
    migrationsDir: dir.dir,
  }), {
    rollback: true,
    allowDestructive: false,
    lease: { ttlMs: 30_000, lockTimeoutMs: 60_000 },
    toolVersion: 'test',
    appliedBy: 'tests@provision:0:0',
  });
  const failed = report.outcomes.find((outcome) => outcome.status !== 'applied');
  if (failed !== undefined) throw new Error(`provisioning failed: ${JSON.stringify(failed)}`);
  if (report.drift !== undefined) throw new Error(`the migrations do not produce schema/: ${report.drift.operations.map((op) => op.summary).join('; ')}`);
}
