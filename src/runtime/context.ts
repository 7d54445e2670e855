import { type Client, TablesDB } from 'node-appwrite';
import { DATABASE_ID, TABLE_IDS, type TableId } from '../generated/schema-types.js';
import { type Caller, resolveCaller } from './caller.js';

/** What every runtime function needs: the SDK services, the database, and who is calling. */
export interface ServiceContext {
  readonly client: Client;
  readonly tables: TablesDB;
  readonly databaseId: string;
  readonly caller: Caller;
  /** Actor recorded for changes that have no actor argument (e.g. a revenue recomputation by a key). */
  readonly systemActor: string;
  readonly at: (tableId: TableId) => { databaseId: string; tableId: string };
}

export interface CustomerServiceOptions {
  readonly client: Client;
  /** Defaults to the schema's database id (`console-db`). */
  readonly databaseId?: string;
  /** Default `system`. */
  readonly systemActor?: string;
}

export function createContext(options: CustomerServiceOptions): ServiceContext {
  const databaseId = options.databaseId ?? DATABASE_ID;
  return {
    client: options.client,
    tables: new TablesDB(options.client),
    databaseId,
    caller: resolveCaller(options.client),
    systemActor: options.systemActor ?? 'system',
    at: (tableId) => ({ databaseId, tableId: TABLE_IDS[tableId] }),
  };
}
