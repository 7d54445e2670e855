import { EXIT, type ExitCode } from '../../errors.js';
import { breakLease } from '../../migrations/lease.js';
import type { CliContext } from '../context.js';
import { withMigrateSession, type MigrateTargetOptions } from './session.js';

/** `migrate unlock --owner`: only the named owner's live lease is broken, so a stale command cannot break a newer run's lock. */
export async function runMigrateUnlock(options: MigrateTargetOptions & { readonly owner: string }, ctx: CliContext): Promise<ExitCode> {
  return withMigrateSession(options, ctx, async ({ target }) => {
    const broken = (await target.store.readHistory()) === undefined ? undefined : await breakLease(target.store, options.owner);
    if (broken === undefined) {
      ctx.stderr(`No live lock held by ${options.owner}: nothing to do.\n`);
      return EXIT.ok;
    }
    ctx.stderr(`Broke the migration lock of ${broken.owner} (acquired ${broken.acquiredAt}). If that run is still alive it stops before its next step.\n`);
    return EXIT.ok;
  });
}
