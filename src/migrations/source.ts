import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrmSchemaError } from '../errors.js';
import type { MigrationFile, MigrationKind } from './types.js';

/** `NNNN_name.yaml` (schema steps) or `NNNN_name.ts` / `.js` (a data migration). */
const FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.(yaml|ts|js)$/;
export const SUM_FILE = 'migrations.sum';

/** A version as file names spell it: `NNNN`. */
export function versionLabel(version: number): string {
  return String(version).padStart(4, '0');
}

export function checksumOf(content: string): string {
  return `sha256:${createHash('sha256').update(content.replace(/\r\n/g, '\n')).digest('hex')}`;
}

export function kindOf(file: string): MigrationKind {
  return file.endsWith('.yaml') ? 'schema' : 'data';
}

/**
 * Turns a directory listing into ordered migrations. Files that do not follow the naming rule are
 * an error rather than silently skipped (a typo would otherwise never run), except the sum file,
 * Markdown notes and dotfiles. Two files with one version number (two branches that both added
 * 0004, say) are refused with both names.
 */
export function toMigrationFiles(entries: readonly { name: string; content: string }[]): MigrationFile[] {
  const files: MigrationFile[] = [];
  const byVersion = new Map<number, string>();
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === SUM_FILE || entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    const match = FILE_NAME.exec(entry.name);
    if (match === null) {
      throw new CrmSchemaError(
        'schema_invalid',
        `migrations/${entry.name}: not a migration file name; use NNNN_name.yaml (schema steps) or NNNN_name.ts (data), lower-case name`,
        { details: { rule: 'migration-file-name', file: entry.name } },
      );
    }
    const version = Number(match[1]);
    const clash = byVersion.get(version);
    if (clash !== undefined) {
      throw new CrmSchemaError(
        'schema_invalid',
        `migrations/${clash} and migrations/${entry.name} share version ${match[1]} (two branches added the same number?); ` +
          'renumber the newer one after the last applied migration and run `crm-schema migrate hash`',
        { details: { rule: 'migration-version-duplicate', files: [clash, entry.name] } },
      );
    }
    byVersion.set(version, entry.name);
    files.push({
      version,
      name: match[2] ?? '',
      file: entry.name,
      kind: kindOf(entry.name),
      content: entry.content,
      checksum: checksumOf(entry.content),
    });
  }
  return files;
}

export interface MigrationsDir {
  readonly dir: string;
  readonly files: readonly MigrationFile[];
  /** The sum file's text, or undefined when there is none. */
  readonly sum: string | undefined;
}

/** Reads migrations/ (an absent directory is an empty one). */
export async function readMigrationsDir(dir: string): Promise<MigrationsDir> {
  let listing: Dirent[];
  try {
    listing = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { dir, files: [], sum: undefined };
    throw new CrmSchemaError('io', `cannot read ${dir}: ${(error as Error).message}`);
  }
  // A subdirectory is not read: toMigrationFiles refuses its name like any other stray entry (dot-directories aside).
  const entries = await Promise.all(
    listing.map(async (entry) => ({
      name: entry.name,
      content: entry.isDirectory() ? '' : await readFile(path.join(dir, entry.name), 'utf8'),
    })),
  );
  const sum = entries.find((entry) => entry.name === SUM_FILE)?.content;
  return { dir, files: toMigrationFiles(entries), sum };
}
