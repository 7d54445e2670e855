import { EXIT, type ExitCode } from '../../errors.js';
import { migrationStatus } from '../../migrations/status.js';
import type { CliContext } from '../context.js';
import { withMigrateSession, type MigrateTargetOptions } from './session.js';

/** `migrate status`: what the target has run, against the files. */
export async function runMigrateStatus(options: MigrateTargetOptions & { readonly json?: boolean }, ctx: CliContext): Promise<ExitCode> {
  return withMigrateSession(options, ctx, async ({ catalog, target, description }) => {
    const history = (await target.store.readHistory()) ?? [];
    const rows = migrationStatus(catalog, history);
    const broken = rows.filter((r) => r.state === 'modified' || r.state === 'missing');
    const open = rows.filter((r) => r.state !== 'applied' && !broken.includes(r));
    if (options.json) {
      ctx.stdout(`${JSON.stringify({ formatVersion: 1, target: description, migrations: rows }, null, 2)}\n`);
    } else {
      ctx.stdout(`Migrations on ${description}:\n`);
      for (const row of rows) {
        const when = row.appliedAt ? `  ${row.appliedAt} by ${row.appliedBy}` : '';
        ctx.stdout(`  ${row.state.padEnd(11)} ${row.file}${when}${row.error ? `\n              ${row.error}` : ''}\n`);
      }
      if (rows.length === 0) ctx.stdout('  (no migrations)\n');
      if (broken.length > 0) ctx.stdout('Modified or missing migrations ran on the server as they were; restore the files from version control.\n');
      else if (open.length > 0) ctx.stdout(`${open.length} migration(s) to run: crm-schema apply\n`);
    }
    return broken.length > 0 ? EXIT.error : open.length > 0 ? EXIT.changes : EXIT.ok;
  });
}
