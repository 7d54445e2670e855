import { createHash } from 'node:crypto';
import { CrmSchemaError } from '../errors.js';
import type { MigrationFile } from './types.js';

/**
 * migrations.sum, in the spirit of atlas.sum: a first line with the total, then one line per file
 * whose hash covers the file and every line before it. An edited, deleted, inserted or reordered
 * file changes its own line and every later one; two branches that each add a migration both
 * change the total on line 1, so git reports a merge conflict instead of letting both through.
 */
export function computeSum(files: readonly MigrationFile[]): string {
  let chain = '';
  const lines: string[] = [];
  for (const file of files) {
    chain = hash(`${chain}\n${file.file}\n${file.checksum}`);
    lines.push(`${file.file} h1:${chain}`);
  }
  return `h1:${hash(lines.join('\n'))}\n${lines.map((line) => `${line}\n`).join('')}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Checks the sum file against the files; the error names the first file that differs and the repair. */
export function verifySum(files: readonly MigrationFile[], sum: string | undefined): void {
  if (files.length === 0 && sum === undefined) return;
  const repair = 'if the change is deliberate (and the migration is not applied anywhere yet), run `crm-schema migrate hash`';
  if (sum === undefined) {
    throw new CrmSchemaError('schema_invalid', `migrations/migrations.sum is missing; ${repair}`, {
      details: { rule: 'migration-sum-missing' },
    });
  }
  const expected = computeSum(files).split('\n');
  const actual = sum.replace(/\r\n/g, '\n').split('\n');
  const present = new Set(files.map((file) => file.file));
  const listed = new Set(actual.slice(1).map((line) => line.split(' ')[0] ?? ''));
  for (let i = 1; i < Math.max(expected.length, actual.length); i += 1) {
    const want = expected[i] ?? '';
    const have = actual[i] ?? '';
    if (want === have) continue;
    const wantFile = want.split(' ')[0] ?? '';
    const haveFile = have.split(' ')[0] ?? '';
    // Name every file involved: a deleted file and the one that now stands in its place.
    const problems: string[] = [];
    if (haveFile !== '' && !present.has(haveFile)) problems.push(`migrations/${haveFile} is listed but the file is gone (deleted or renumbered?)`);
    if (wantFile !== '' && !listed.has(wantFile)) problems.push(`migrations/${wantFile} is not listed (added or renumbered?)`);
    if (problems.length === 0 && wantFile !== haveFile) problems.push(`migrations/${wantFile} is not where the sum file expects it (reordered?)`);
    const what = problems.length > 0 ? problems.join('; ') : `migrations/${wantFile} (or a file before it) was edited`;
    throw new CrmSchemaError('schema_invalid', `migrations.sum does not match: ${what}; ${repair}`, {
      details: { rule: 'migration-sum-mismatch', line: i + 1 },
    });
  }
  if (actual[0] !== expected[0]) {
    throw new CrmSchemaError('schema_invalid', `migrations.sum does not match: its total (line 1) is wrong; ${repair}`, {
      details: { rule: 'migration-sum-mismatch', line: 1 },
    });
  }
}
