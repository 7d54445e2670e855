import path from 'node:path';
import { EXIT, usageError, type ExitCode } from '../../errors.js';
import { authorMigration } from '../../migrations/author.js';
import { formatSchemaMigration } from '../../migrations/schema-file.js';
import { conversionTemplate, dataMigrationTemplate } from '../../migrations/templates.js';
import type { SchemaMigration } from '../../migrations/types.js';
import type { CliContext } from '../context.js';
import { loadMigrations } from '../migrations-input.js';
import { loadDesired } from '../schema-input.js';
import { versionLabel } from '../../migrations/source.js';
import { writeMigrationFiles } from './files.js';

export interface MigrateNewOptions {
  readonly migrations: string;
  readonly schema: string;
  readonly data?: boolean;
}

const NAME = /^[a-z0-9][a-z0-9_]{0,79}$/;

/** `migrate new`: pure (schema/ and migrations/ in, files out); never talks to a server. */
export async function runMigrateNew(name: string, options: MigrateNewOptions, ctx: CliContext): Promise<ExitCode> {
  if (!NAME.test(name)) throw usageError(`migration name "${name}": use lower-case letters, digits and _ (e.g. add_customer_phone), at most 80 characters`);
  const { dir, catalog } = await loadMigrations(options.migrations, ctx);
  const next = (catalog.migrations.at(-1)?.file.version ?? 0) + 1;
  const command = `crm-schema migrate new ${name}${options.data ? ' --data' : ''}`;
  const rel = (file: string): string => path.join(options.migrations, file);

  if (options.data) {
    const file = `${versionLabel(next)}_${name}.ts`;
    await writeMigrationFiles(dir.dir, [{ name: file, content: dataMigrationTemplate(name) }]);
    ctx.stderr(`Wrote ${rel(file)} (a data migration template: write up(ctx), then delete its \`todo\` export) and updated migrations.sum.\n`);
    return EXIT.ok;
  }

  const desired = await loadDesired(options.schema, ctx);
  const authored = authorMigration(catalog.replayed, desired);
  if (authored.kind === 'nothing') {
    ctx.stderr(`Nothing to write: the ${catalog.migrations.length} migration(s) in ${options.migrations}/ already produce schema/.\n`);
    return EXIT.ok;
  }
  const schemaFile = (version: number, suffix: string, migration: SchemaMigration) => ({
    name: `${versionLabel(version)}_${name}${suffix}.yaml`,
    content: formatSchemaMigration(versionLabel(version), `${name}${suffix}`, command, migration),
    migration,
  });
  if (authored.kind === 'schema') {
    const file = schemaFile(next, '', authored.migration);
    await writeMigrationFiles(dir.dir, [file]);
    ctx.stderr(`Wrote ${rel(file.name)}: ${describeSteps(authored.migration)}; updated migrations.sum.\n${reviewHint(authored.migration)}`);
    return EXIT.ok;
  }
  const expand = schemaFile(next, '_expand', authored.expand);
  const convert = { name: `${versionLabel(next + 1)}_${name}_convert.ts`, content: conversionTemplate(authored.conversions) };
  const contract = schemaFile(next + 2, '_contract', authored.contract);
  await writeMigrationFiles(dir.dir, [expand, convert, contract]);
  ctx.stderr(
    `A column changes type with no lossless conversion, so the change takes three migrations:\n` +
      `  ${rel(expand.name)}: ${describeSteps(authored.expand)} (adds the new columns)\n` +
      `  ${rel(convert.name)}: converts the values; write its convert functions and delete its \`todo\` export\n` +
      `  ${rel(contract.name)}: ${describeSteps(authored.contract)} (drops the old columns, renames the new ones)\n` +
      `Updated migrations.sum.\n${reviewHint(authored.contract)}`,
  );
  return EXIT.ok;
}

function describeSteps(migration: SchemaMigration): string {
  const count = (risk: string): number => migration.steps.filter((s) => s.risk === risk).length;
  return `${migration.steps.length} step(s): ${count('safe')} safe, ${count('data_dependent')} data-dependent, ${count('destructive')} destructive`;
}

function reviewHint(migration: SchemaMigration): string {
  const unacknowledged = migration.steps.filter((s) => s.risk !== 'safe' && !('acknowledged' in s && s.acknowledged));
  if (unacknowledged.length === 0) return 'Review it, then commit it with the schema change.\n';
  return `Review it: ${unacknowledged.length} step(s) are destructive or data-dependent; add an \`acknowledged: <why>\` line to each (\`crm-schema migrate lint\` checks).\n`;
}
