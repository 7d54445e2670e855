import type { Column, Index } from '../model/index.js';
import { canonicalColumn, canonicalIndex, canonicalJson } from '../plan/fingerprint.js';

/**
 * Whether a live definition already is the desired one, comparing only what Appwrite stores (the
 * fingerprint's canonical form). Used to accept an "already exists" answer as done on a re-run.
 */
export function sameColumn(live: Column, desired: Column): boolean {
  return stored(live) === stored(desired);
}

// renamedFrom is an instruction to the diff, never stored: a live column cannot carry it.
function stored(column: Column): string {
  return canonicalJson(canonicalColumn({ ...column, renamedFrom: undefined }));
}

export function sameIndex(live: Index, desired: Index): boolean {
  return canonicalJson(canonicalIndex(live)) === canonicalJson(canonicalIndex(desired));
}
