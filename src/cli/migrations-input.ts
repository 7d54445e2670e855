import path from 'node:path';
import { buildCatalog, type Catalog } from '../migrations/catalog.js';
import { readMigrationsDir, type MigrationsDir } from '../migrations/source.js';
import type { CliContext } from './context.js';

export interface LoadedMigrations {
  readonly dir: MigrationsDir;
  readonly catalog: Catalog;
}

/** Reads migrations/ and checks it offline (sum file, steps, replay). */
export async function loadMigrations(dir: string, ctx: CliContext, options: { verifySum?: boolean } = {}): Promise<LoadedMigrations> {
  const read = await readMigrationsDir(path.resolve(ctx.cwd, dir));
  return { dir: read, catalog: buildCatalog(read, options) };
}
