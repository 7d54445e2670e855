import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppwriteMigrationStore } from '../appwrite/migration-store.js';
import type { Gateway } from '../appwrite/gateway.js';
import { uncaptured } from '../migrations/catalog.js';
import { pendingOf } from '../migrations/runner.js';
import type { Database } from '../model/index.js';
import type { CliContext } from './context.js';
import { loadMigrations } from './migrations-input.js';

/** What `plan` adds when the project has migrations: what apply would run, and what it would refuse. */
export interface MigrationsView {
  readonly pending: readonly string[];
  /** Summaries of schema/ changes that no migration captures (apply refuses them). */
  readonly uncaptured: readonly string[];
}

/** Costs one request (the history); undefined when the project has no migrations directory. */
export async function migrationsView(dir: string, desired: Database, gateway: Gateway, ctx: CliContext): Promise<MigrationsView | undefined> {
  if (!existsSync(path.resolve(ctx.cwd, dir))) return undefined;
  const { catalog } = await loadMigrations(dir, ctx);
  const history = (await new AppwriteMigrationStore(gateway).readHistory()) ?? [];
  return {
    pending: pendingOf(catalog, history).map((m) => m.file.file),
    uncaptured: uncaptured(catalog, desired).operations.map((op) => op.summary),
  };
}

export function renderMigrationsView(view: MigrationsView, format: 'text' | 'markdown'): string {
  const lines: string[] = [];
  const bullet = format === 'markdown' ? '- ' : '  ';
  if (view.pending.length > 0) {
    lines.push(format === 'markdown' ? `**Pending migrations (${view.pending.length})**, run by \`crm-schema apply\`:` : `Pending migrations (${view.pending.length}), run by crm-schema apply:`);
    lines.push(...view.pending.map((file) => `${bullet}${format === 'markdown' ? `\`${file}\`` : file}`));
  } else {
    lines.push('No pending migrations.');
  }
  if (view.uncaptured.length > 0) {
    lines.push(`schema/ has ${view.uncaptured.length} change(s) that no migration captures (apply refuses them; run crm-schema migrate new <name>):`);
    lines.push(...view.uncaptured.map((summary) => `${bullet}${summary}`));
  }
  return `${lines.join('\n')}\n\n`;
}
