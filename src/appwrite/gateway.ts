import { TablesDB } from 'node-appwrite';
import { GatewayClient, type GatewayClientOptions } from './client.js';
import { DEFAULT_WATCH, TableWatcher, type WatchOptions } from './table-watcher.js';

/**
 * Everything the tool needs to talk to one Appwrite database: the retrying client, the TablesDB
 * service and one status watcher per table. The only object that crosses from the CLI into
 * src/appwrite.
 */
export class Gateway {
  readonly client: GatewayClient;
  readonly tablesDb: TablesDB;
  readonly #watchers = new Map<string, TableWatcher>();

  constructor(
    options: GatewayClientOptions,
    readonly databaseId: string,
    readonly watch: WatchOptions = DEFAULT_WATCH,
  ) {
    this.client = new GatewayClient(options);
    this.tablesDb = new TablesDB(this.client);
  }

  get requestCount(): number {
    return this.client.requestCount;
  }

  watcher(tableId: string): TableWatcher {
    let watcher = this.#watchers.get(tableId);
    if (watcher === undefined) {
      watcher = new TableWatcher(this.tablesDb, this.databaseId, tableId, this.watch);
      this.#watchers.set(tableId, watcher);
    }
    return watcher;
  }

  at(tableId: string): { databaseId: string; tableId: string } {
    return { databaseId: this.databaseId, tableId };
  }
}
