import type { Catalog } from './catalog.js';
import { versionLabel } from './source.js';
import type { HistoryEntry } from './types.js';

export type MigrationState = 'applied' | 'pending' | 'failed' | 'running' | 'rolled_back' | 'modified' | 'missing';

export interface MigrationStatusRow {
  readonly version: number;
  readonly file: string;
  readonly state: MigrationState;
  readonly appliedAt: string | null;
  readonly appliedBy: string | null;
  readonly error: string | null;
}

/** Each migration file (and each history row without a file) with its state on the target. Pure. */
export function migrationStatus(catalog: Catalog, history: readonly HistoryEntry[]): MigrationStatusRow[] {
  const byVersion = new Map(history.map((entry) => [entry.version, entry]));
  const rows: MigrationStatusRow[] = catalog.migrations.map(({ file }) => {
    const entry = byVersion.get(file.version);
    const state: MigrationState =
      entry === undefined ? 'pending' :
      entry.status === 'applied' && entry.checksum !== file.checksum ? 'modified' :
      entry.status;
    return {
      version: file.version,
      file: file.file,
      state,
      appliedAt: entry?.status === 'applied' ? entry.finishedAt : null,
      appliedBy: entry?.appliedBy ?? null,
      error: entry?.error ?? null,
    };
  });
  const known = new Set(catalog.migrations.map((m) => m.file.version));
  for (const entry of history) {
    if (known.has(entry.version) || entry.status !== 'applied') continue;
    rows.push({ version: entry.version, file: `${versionLabel(entry.version)}_${entry.name}`, state: 'missing', appliedAt: entry.finishedAt, appliedBy: entry.appliedBy, error: null });
  }
  return rows.sort((a, b) => a.version - b.version);
}
