import path from 'node:path';
import { EXIT, type ExitCode } from '../../errors.js';
import type { CliContext } from '../context.js';
import { loadMigrations } from '../migrations-input.js';
import { rewriteSum } from './files.js';

/** `migrate hash`: accept the files as they are now (after checking they still parse and replay). */
export async function runMigrateHash(options: { readonly migrations: string }, ctx: CliContext): Promise<ExitCode> {
  const { dir, catalog } = await loadMigrations(options.migrations, ctx, { verifySum: false });
  await rewriteSum(dir.dir);
  ctx.stderr(`Rewrote ${path.join(options.migrations, 'migrations.sum')} over ${catalog.migrations.length} migration(s).\n`);
  return EXIT.ok;
}
