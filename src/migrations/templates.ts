import type { CustomConversion } from './author.js';
import { describeType } from '../diff/describe.js';

/**
 * The data-migration file `migrate new --data` writes. It exports `todo`, which `apply` and
 * `migrate lint` refuse, so an unfinished template can never run.
 */
export function dataMigrationTemplate(name: string): string {
  return `import type { DataMigrationContext } from 'crm-schema';

/** ${name}: say what this migration changes and why. */
export const todo = 'write up(ctx) (and down(ctx) if it can be undone), then delete this export';

export async function up(ctx: DataMigrationContext): Promise<void> {
  // Visit every row once; return the columns to change, or undefined to leave the row alone.
  // Progress is checkpointed on the server: a killed run resumes where it stopped.
  await ctx.updateEach('customers', (row) => undefined);
}

// export async function down(ctx: DataMigrationContext): Promise<void> {}
`;
}

/** The middle of expand / copy / contract when no lossless conversion exists. */
export function conversionTemplate(conversions: readonly CustomConversion[]): string {
  const passes = conversions
    .map((c) => `  // ${c.table}.${c.from.key}: ${describeType(c.from)} → ${describeType(c.to)}, written to ${c.scratchKey}.
  await ctx.updateEach('${c.table}', (row) => ({ ${c.scratchKey}: convert${capitalize(c.from.key)}(row.${c.from.key}) }), { label: '${c.table}.${c.from.key}' });`)
    .join('\n');
  const converters = conversions
    .map((c) => `function convert${capitalize(c.from.key)}(value: unknown): unknown {
  // Return the ${describeType(c.to)} value for one stored ${describeType(c.from)} value (null stays null).
  throw new Error('convert${capitalize(c.from.key)} is not written yet: ' + JSON.stringify(value));
}`)
    .join('\n\n');
  return `import type { DataMigrationContext } from 'crm-schema';

/**
 * Converts the values of columns whose type changes, between the expand migration before this one
 * (which added the new columns) and the contract migration after it (which drops the old ones).
 * No lossless conversion exists for these types, so the conversion is yours to write.
 */
export const todo = 'write the convert functions below, then delete this export';

export async function up(ctx: DataMigrationContext): Promise<void> {
${passes}
}

${converters}
`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
