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
  const names = converterNames(conversions);
  const passes = conversions
    .map((c, i) => `  // ${c.table}.${c.from.key}: ${describeType(c.from)} → ${describeType(c.to)}, written to ${c.scratchKey}.
  await ctx.updateEach('${c.table}', (row) => ({ ${JSON.stringify(c.scratchKey)}: ${names[i]}(row[${JSON.stringify(c.from.key)}]) }), { label: '${c.table}.${c.from.key}' });`)
    .join('\n');
  const converters = conversions
    .map((c, i) => `function ${names[i]}(value: unknown): unknown {
  // Return the ${describeType(c.to)} value for one stored ${describeType(c.from)} value (null stays null).
  throw new Error('${names[i]} is not written yet: ' + JSON.stringify(value));
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

/**
 * `convert<Key>` per conversion, an identifier whatever the key holds (`.` and `-` are allowed in
 * keys); a key that changes type in two tables gets the table in its name too.
 */
function converterNames(conversions: readonly CustomConversion[]): string[] {
  const byKey = conversions.map((c) => `convert${pascal(c.from.key)}`);
  return byKey.map((name, i) => {
    const c = conversions[i] as CustomConversion;
    return byKey.indexOf(name) === byKey.lastIndexOf(name) ? name : `convert${pascal(c.table)}${pascal(c.from.key)}`;
  });
}

function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter((part) => part !== '').map(capitalize).join('');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
