import { AppwriteException, Query, TablesDB, type Models } from 'node-appwrite';
import { isToolTable, type Database, type Table } from '../model/index.js';
import { CrmSchemaError } from '../errors.js';
import { unexpectedNotFoundError } from './not-appwrite.js';
import { toModelColumn, toModelIndex, type LiveColumn, type LiveIndex } from './live-to-model.js';

/** A column or index that is not (yet) usable: the executor waits for it or clears it first. */
export interface UnsettledItem {
  readonly table: string;
  readonly kind: 'column' | 'index';
  readonly key: string;
  readonly status: string;
  readonly error: string;
}

export interface Introspection {
  /** undefined when the database does not exist. */
  readonly model: Database | undefined;
  /** Live tables as Appwrite reports them, for exporters that need raw detail. */
  readonly unsettled: readonly UnsettledItem[];
  /** crm-schema's own tables found in the database (migration history, lock); never in `model`. */
  readonly toolTables: readonly string[];
}

const PAGE = 100;

/**
 * Reads a live database into the same Model the YAML loader produces. Cost: one request for the
 * database plus one per 100 tables, because listTables embeds every column and index.
 *
 * `failed`, `stuck`, `processing` and `deleting` items are kept out of the model and reported as
 * unsettled, so the diff only ever compares finished definitions.
 */
export interface IntrospectOptions {
  /** Read the database and its tables at once: for a target that has already answered as Appwrite. */
  readonly parallel?: boolean;
}

export async function introspectDatabase(tablesDb: TablesDB, databaseId: string, options: IntrospectOptions = {}): Promise<Introspection> {
  // With `parallel`, both at once: one round trip instead of two (a CI runner far from Appwrite
  // Cloud waits ~100 ms for each); when the database is missing, the table list fails too and is
  // not looked at. Without it, the database request goes alone, so that a target that is not
  // Appwrite at all (a wrong endpoint) gets exactly one request.
  const getting = tablesDb.get({ databaseId });
  const listing = options.parallel ? listAllTables(tablesDb, databaseId) : getting.then(() => listAllTables(tablesDb, databaseId));
  const [gotDatabase, listedTables] = await Promise.allSettled([getting, listing]);
  if (gotDatabase.status === 'rejected') {
    const error: unknown = gotDatabase.reason;
    // Only Appwrite's own "no such database" means "nothing yet"; any other 404 is a wrong target.
    if (error instanceof AppwriteException && error.code === 404) {
      if (error.type === 'database_not_found') return { model: undefined, unsettled: [], toolTables: [] };
      throw unexpectedNotFoundError(tablesDb.client.config.endpoint, databaseId, error.type, error.message);
    }
    throw error;
  }
  if (listedTables.status === 'rejected') throw listedTables.reason;
  const database: Models.Database = gotDatabase.value;
  const allTables = listedTables.value;
  const liveTables = allTables.filter((table) => !isToolTable(table.$id));
  const unsettled: UnsettledItem[] = [];
  const tables = liveTables
    .map((table) => toModelTable(table, unsettled))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    model: { id: database.$id, name: database.name, enabled: database.enabled, tables, removedTables: [] },
    unsettled,
    toolTables: allTables.filter((table) => isToolTable(table.$id)).map((table) => table.$id),
  };
}

async function listAllTables(tablesDb: TablesDB, databaseId: string): Promise<Models.Table[]> {
  const tables: Models.Table[] = [];
  for (;;) {
    const queries = [Query.limit(PAGE), Query.orderAsc('$id')];
    const last = tables.at(-1);
    if (last !== undefined) queries.push(Query.cursorAfter(last.$id));
    const page = await tablesDb.listTables({ databaseId, queries });
    tables.push(...page.tables);
    if (page.tables.length < PAGE) return tables;
  }
}

function toModelTable(table: Models.Table, unsettled: UnsettledItem[]): Table {
  const columns = [];
  for (const live of table.columns as unknown as LiveColumn[]) {
    if (live.status !== 'available') {
      unsettled.push({ table: table.$id, kind: 'column', key: live.key, status: live.status, error: live.error ?? '' });
      continue;
    }
    const column = toModelColumn(live);
    if (column === undefined) {
      throw new CrmSchemaError(
        'appwrite',
        `table "${table.$id}" has column "${live.key}" of type ${live.type}${live.format ? `/${live.format}` : ''}, ` +
          'which crm-schema does not manage (relationship, spatial and bigint columns are not supported yet)',
      );
    }
    columns.push(column);
  }
  const indexes = [];
  for (const live of table.indexes as unknown as LiveIndex[]) {
    if (live.status !== 'available') {
      unsettled.push({ table: table.$id, kind: 'index', key: live.key, status: live.status, error: live.error ?? '' });
      continue;
    }
    indexes.push(toModelIndex(live));
  }
  return {
    id: table.$id,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    permissions: [...table.$permissions].sort(),
    columns,
    indexes,
  };
}
