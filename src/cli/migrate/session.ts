import { appwriteMigrationTarget } from '../../appwrite/migration-target.js';
import type { MigrationTarget } from '../../migrations/target.js';
import { changeWatch, connect, type Connection } from '../connect.js';
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
  readonly connection: Connection;
  readonly description: string;
}

export interface SessionOptions {
  /** Checks that need no server, run before connecting (apply: every schema change is captured). */
  readonly offline?: (loaded: LoadedMigrations, desired: Database) => void;
  /** HTTP requests in flight at once. */
  readonly maxInFlight?: number;
}

/** schema/ and migrations/ read offline, then a migration target on the configured server. */
export async function withMigrateSession<T>(
  options: MigrateTargetOptions,
  ctx: CliContext,
  use: (session: MigrateSession) => Promise<T>,
  session: SessionOptions = {},
): Promise<T> {
  const desired = await loadDesired(options.schema, ctx);
  const loaded = await loadMigrations(options.migrations, ctx);
  session.offline?.(loaded, desired);
  const connection = await connect(options, ctx, {
    databaseId: desired.id,
    watch: changeWatch(options.timeout),
    ...(session.maxInFlight === undefined ? {} : { maxInFlight: session.maxInFlight }),
  });
  try {
    const gateway = connection.gateway;
    const target = appwriteMigrationTarget(gateway, {
      onEvent: progressReporter(ctx),
      log: (message) => ctx.stderr(`  ${message}\n`),
      progress: rowProgress(ctx),
      // The drift check comes after the history read, so the target has answered as Appwrite already.
      liveModel: async () => (await settledIntrospection(gateway, options.timeout * 1000, { parallel: true })).model,
      migrationsDir: loaded.dir.dir,
    });
    return await use({ ...loaded, desired, target, connection, description: connection.description });
  } finally {
    await connection.close();
  }
}
