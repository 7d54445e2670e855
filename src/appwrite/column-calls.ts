import type { TablesDB } from 'node-appwrite';
import type { Column } from '../model/index.js';

export interface ColumnTarget {
  readonly databaseId: string;
  readonly tableId: string;
}


/** Creates one column through the typed TablesDB route that matches its Model type (answers 202). */
export async function createColumn(tablesDb: TablesDB, at: ColumnTarget, column: Column): Promise<void> {
  const common = { ...at, key: column.key, required: column.required, array: column.array };
  const xdefault = column.default ?? undefined;
  switch (column.type) {
    case 'boolean':
      await tablesDb.createBooleanColumn({ ...common, xdefault: xdefault as boolean | undefined });
      return;
    case 'integer':
      await tablesDb.createIntegerColumn({ ...common, min: column.min, max: column.max, xdefault: xdefault as number | undefined });
      return;
    case 'bigint':
      await tablesDb.createBigIntColumn({ ...common, min: int64(column.min), max: int64(column.max), xdefault: int64(column.default) });
      return;
    case 'float':
      await tablesDb.createFloatColumn({ ...common, min: column.min, max: column.max, xdefault: xdefault as number | undefined });
      return;
    case 'datetime':
      await tablesDb.createDatetimeColumn({ ...common, xdefault: xdefault as string | undefined });
      return;
    case 'email':
      await tablesDb.createEmailColumn({ ...common, xdefault: xdefault as string | undefined });
      return;
    case 'url':
      await tablesDb.createUrlColumn({ ...common, xdefault: xdefault as string | undefined });
      return;
    case 'ip':
      await tablesDb.createIpColumn({ ...common, xdefault: xdefault as string | undefined });
      return;
    case 'enum':
      await tablesDb.createEnumColumn({
        ...common,
        elements: column.elements.map((element) => element.value),
        xdefault: xdefault as string | undefined,
      });
      return;
    case 'string':
      await tablesDb.createStringColumn({ ...common, size: column.size, encrypt: column.encrypt, xdefault: xdefault as string | undefined });
      return;
    case 'varchar':
      await tablesDb.createVarcharColumn({ ...common, size: column.size, encrypt: column.encrypt, xdefault: xdefault as string | undefined });
      return;
    case 'text':
      await tablesDb.createTextColumn({ ...common, encrypt: column.encrypt, xdefault: xdefault as string | undefined });
      return;
    case 'mediumtext':
      await tablesDb.createMediumtextColumn({ ...common, encrypt: column.encrypt, xdefault: xdefault as string | undefined });
      return;
    case 'longtext':
      await tablesDb.createLongtextColumn({ ...common, encrypt: column.encrypt, xdefault: xdefault as string | undefined });
      return;
    default:
      return assertNever(column);
  }
}

/**
 * Updates a column in place (synchronous on the server): required, default, min/max, elements,
 * size, and the key itself when `newKey` is given. `key` is the current live key.
 */
export async function updateColumn(
  tablesDb: TablesDB,
  at: ColumnTarget,
  key: string,
  column: Column,
  newKey?: string,
): Promise<void> {
  const common = { ...at, key, required: column.required, ...(newKey === undefined ? {} : { newKey }) };
  // The SDK types `xdefault` as optional, but update routes require it present: null = no default.
  const xdefault = column.default as never;
  switch (column.type) {
    case 'boolean':
      await tablesDb.updateBooleanColumn({ ...common, xdefault });
      return;
    case 'integer':
      await tablesDb.updateIntegerColumn({ ...common, xdefault, min: column.min, max: column.max });
      return;
    case 'bigint':
      await tablesDb.updateBigIntColumn({ ...common, xdefault: (column.default === null ? null : int64(column.default)) as never, min: int64(column.min), max: int64(column.max) });
      return;
    case 'float':
      await tablesDb.updateFloatColumn({ ...common, xdefault, min: column.min, max: column.max });
      return;
    case 'datetime':
      await tablesDb.updateDatetimeColumn({ ...common, xdefault });
      return;
    case 'email':
      await tablesDb.updateEmailColumn({ ...common, xdefault });
      return;
    case 'url':
      await tablesDb.updateUrlColumn({ ...common, xdefault });
      return;
    case 'ip':
      await tablesDb.updateIpColumn({ ...common, xdefault });
      return;
    case 'enum':
      await tablesDb.updateEnumColumn({ ...common, xdefault, elements: column.elements.map((element) => element.value) });
      return;
    case 'string':
      await tablesDb.updateStringColumn({ ...common, xdefault, size: column.size });
      return;
    case 'varchar':
      await tablesDb.updateVarcharColumn({ ...common, xdefault, size: column.size });
      return;
    case 'text':
      await tablesDb.updateTextColumn({ ...common, xdefault });
      return;
    case 'mediumtext':
      await tablesDb.updateMediumtextColumn({ ...common, xdefault });
      return;
    case 'longtext':
      await tablesDb.updateLongtextColumn({ ...common, xdefault });
      return;
    default:
      return assertNever(column);
  }
}

/**
 * The desired definition, sent through the route of the column's live type. Appwrite's update routes
 * check the stored type (400 column_type_invalid), and the plan keeps a legacy `string` that is
 * stored as the declared varchar or text type (src/model/limits.ts, stringStorage) instead of
 * replacing it, so such a column is updated through /string (or the other way round).
 */
export function throughLiveRoute(desired: Column, live: Column): Column {
  if (desired.type === live.type) return desired;
  const { key, required, array, default: xdefault } = desired;
  const encrypt = 'encrypt' in desired ? desired.encrypt : false;
  switch (live.type) {
    case 'string':
    case 'varchar':
      return { key, required, array, default: xdefault, encrypt, type: live.type, size: 'size' in desired ? desired.size : live.size };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { key, required, array, default: xdefault, encrypt, type: live.type };
    default:
      return desired;
  }
}

/** The Model keeps int64 values as decimal strings; the SDK sends a BigInt as a bare JSON integer. */
function int64(value: string | number | boolean | null | undefined): bigint | undefined {
  return value === null || value === undefined ? undefined : BigInt(value as string);
}

function assertNever(value: never): never {
  throw new Error(`unhandled column type: ${JSON.stringify(value)}`);
}
