import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { computeSum } from '../../migrations/sum.js';
import { readMigrationsDir, SUM_FILE } from '../../migrations/source.js';

/** Writes new migration files, then the sum file over everything now in the directory. */
export async function writeMigrationFiles(dir: string, files: readonly { name: string; content: string }[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(path.join(dir, file.name), file.content, { flag: 'wx' });
  await rewriteSum(dir);
}

export async function rewriteSum(dir: string): Promise<string> {
  const read = await readMigrationsDir(dir);
  const sum = computeSum(read.files);
  await writeFile(path.join(dir, SUM_FILE), sum, 'utf8');
  return sum;
}
