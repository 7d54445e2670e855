/**
 * Tables crm-schema keeps in the target database for its own bookkeeping (migration history and the
 * lease lock). They are not part of anyone's schema: introspection leaves them out, so `plan`,
 * `pull`, the drift check and fingerprints never see them.
 */
export const HISTORY_TABLE_ID = 'crm_schema_history';
export const LOCK_TABLE_ID = 'crm_schema_lock';

export const TOOL_TABLE_IDS: ReadonlySet<string> = new Set([HISTORY_TABLE_ID, LOCK_TABLE_ID]);

export function isToolTable(tableId: string): boolean {
  return TOOL_TABLE_IDS.has(tableId);
}
