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
export async function provisionSchema(target: { endpoint: string; projectId: string; apiKey: string }): Promise<void> {
  const { model, problems } = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
  if (model === undefined || problems.length > 0) throw new Error(`schema/ is invalid: ${JSON.stringify(problems)}`);
  const dir = await readMigrationsDir(path.join(ROOT, 'migrations'));
  const catalog = buildCatalog(dir);
  assertCaptured(catalog, model);
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
