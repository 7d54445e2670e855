import { appwriteMigrationTarget } from '../../appwrite/migration-target.js';
import type { MigrationTarget } from '../../migrations/target.js';
import { connect } from '../connect.js';
import type { CliContext } from '../context.js';
import { loadMigrations, type LoadedMigrations } from '../migrations-input.js';
import { settledIntrospection } from '../planning.js';
import { progressReporter } from '../progress.js';
import { rowProgress } from '../row-progress.js';
import { loadDesired } from '../schema-input.js';
import type { TargetCommandOptions } from '../target-options.js';
import type { Database } from '../../model/index.js';

export interface MigrateTargetOptions extends TargetCommandOptions {
  readonly migrations: string;
}

export interface MigrateSession extends LoadedMigrations {
  readonly desired: Database;
  readonly target: MigrationTarget;
  readonly description: string;
}

/** schema/ and migrations/ read offline, then a migration target on the configured server. */
export async function withMigrateSession<T>(options: MigrateTargetOptions, ctx: CliContext, use: (session: MigrateSession) => Promise<T>): Promise<T> {
  const desired = await loadDesired(options.schema, ctx);
  const loaded = await loadMigrations(options.migrations, ctx);
  const connection = await connect(options, ctx, {
    databaseId: desired.id,
    watch: { timeoutMs: options.timeout * 1000, firstPollMs: 25, maxPollMs: 2_000 },
    onRetry: (text) => ctx.stderr(`  ${text}\n`),
  });
  try {
    const gateway = connection.gateway;
    const target = appwriteMigrationTarget(gateway, {
      onEvent: progressReporter(ctx),
      log: (message) => ctx.stderr(`  ${message}\n`),
      progress: rowProgress(ctx),
      liveModel: async () => (await settledIntrospection(gateway, options.timeout * 1000)).model,
      migrationsDir: loaded.dir.dir,
    });
    return await use({ ...loaded, desired, target, description: connection.description });
  } finally {
    await connection.close();
  }
}
