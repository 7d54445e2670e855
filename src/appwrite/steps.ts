import { AppwriteException } from 'node-appwrite';
import type { Column, Index } from '../model/index.js';
import type { Operation } from '../plan/index.js';
import { CrmSchemaError } from '../errors.js';
import { createColumn, throughLiveRoute, updateColumn } from './column-calls.js';
import { sameColumn, sameIndex } from './equivalence.js';
import type { Gateway } from './gateway.js';
import { toModelColumn, toModelIndex, type LiveColumn, type LiveIndex } from './live-to-model.js';

/**
 * Carries out one operation and returns once its effect is in place (created items available,
 * deleted items gone). Every step is idempotent: a re-run that finds the work already done, for
 * example after a lost response or a killed process, counts it as done.
 */
export async function runOperation(gateway: Gateway, op: Operation): Promise<void> {
  const { tablesDb, databaseId } = gateway;
  switch (op.kind) {
    case 'create_database':
      await ignoreStatus(409, () => tablesDb.create({ databaseId, name: op.name, enabled: op.enabled }));
      return;
    case 'update_database':
      await tablesDb.update({ databaseId, name: op.name, enabled: op.enabled });
      return;
    case 'create_table': {
      const table = { ...gateway.at(op.table), name: op.name, permissions: [...op.permissions], rowSecurity: op.rowSecurity, enabled: op.enabled };
      const created = await ignoreStatus(409, () => tablesDb.createTable(table));
      // Already there from an earlier, interrupted run: make its settings the desired ones.
      if (!created) await tablesDb.updateTable(table);
      return;
    }
    case 'update_table':
      await tablesDb.updateTable({
        ...gateway.at(op.table),
        name: op.name,
        permissions: [...op.permissions],
        rowSecurity: op.rowSecurity,
        enabled: op.enabled,
      });
      return;
    case 'delete_table':
      await ignoreStatus(404, () => tablesDb.deleteTable(gateway.at(op.table)));
      return;
    case 'create_column':
      await ensureColumn(gateway, op.table, op.column);
      return;
    case 'update_column':
      await updateColumn(tablesDb, gateway.at(op.table), op.key, throughLiveRoute(op.column, op.previous));
      return;
    case 'rename_column':
      await renameColumn(gateway, op.table, op.from, op.to, op.current);
      return;
    case 'delete_column':
      await dropColumn(gateway, op.table, op.key);
      return;
    case 'replace_column':
      await dropColumn(gateway, op.table, op.key);
      await ensureColumn(gateway, op.table, op.column);
      return;
    case 'create_index':
      await ensureIndex(gateway, op.table, op.index);
      return;
    case 'delete_index':
      await ignoreStatus(404, () => tablesDb.deleteIndex({ ...gateway.at(op.table), key: op.key }));
      await gateway.watcher(op.table).waitFor('index', op.key, 'gone');
      return;
    default:
      assertNever(op);
  }
}

async function ensureColumn(gateway: Gateway, tableId: string, column: Column): Promise<void> {
  const created = await ignoreStatus(409, () => createColumn(gateway.tablesDb, gateway.at(tableId), column));
  if (!created) {
    const live = (await gateway.tablesDb.getColumn({ ...gateway.at(tableId), key: column.key })) as unknown as LiveColumn;
    if (live.status === 'failed' || live.status === 'stuck') {
      // A failed attempt blocks its key until deleted; clear it and try once more.
      await dropColumn(gateway, tableId, column.key);
      await createColumn(gateway.tablesDb, gateway.at(tableId), column);
    } else {
      const model = toModelColumn(live);
      if (model === undefined || !sameColumn(model, column)) {
        throw new CrmSchemaError(
          'conflict',
          `column "${tableId}.${column.key}" already exists with a different definition (${describe(live)}); ` +
            're-run plan to see the difference',
        );
      }
    }
  }
  await gateway.watcher(tableId).waitFor('column', column.key, 'available');
}

async function ensureIndex(gateway: Gateway, tableId: string, index: Index): Promise<void> {
  const request = {
    ...gateway.at(tableId),
    key: index.key,
    type: index.type as never,
    columns: [...index.columns],
    orders: index.orders.map((order) => order) as never,
    lengths: index.lengths.some((length) => length !== null) ? (index.lengths as never) : undefined,
  };
  const created = await ignoreStatus(409, () => gateway.tablesDb.createIndex(request));
  if (!created) {
    const live = (await gateway.tablesDb.getIndex({ ...gateway.at(tableId), key: index.key })) as unknown as LiveIndex;
    if (live.status === 'failed' || live.status === 'stuck') {
      await ignoreStatus(404, () => gateway.tablesDb.deleteIndex({ ...gateway.at(tableId), key: index.key }));
      await gateway.watcher(tableId).waitFor('index', index.key, 'gone');
      await gateway.tablesDb.createIndex(request);
    } else if (!sameIndex(toModelIndex(live), index)) {
      throw new CrmSchemaError(
        'conflict',
        `index "${tableId}.${index.key}" already exists with a different definition; re-run plan to see the difference`,
      );
    }
  }
  await gateway.watcher(tableId).waitFor('index', index.key, 'available');
}

async function dropColumn(gateway: Gateway, tableId: string, key: string): Promise<void> {
  await ignoreStatus(404, () => gateway.tablesDb.deleteColumn({ ...gateway.at(tableId), key }));
  // Appwrite deletes asynchronously; re-creating the key before it is gone answers 409.
  await gateway.watcher(tableId).waitFor('column', key, 'gone');
}

async function renameColumn(gateway: Gateway, tableId: string, from: string, to: string, current: Column): Promise<void> {
  try {
    await updateColumn(gateway.tablesDb, gateway.at(tableId), from, current, to);
  } catch (error) {
    // The rename happened in an earlier run whose response was lost: `from` is gone and `to` exists.
    if (error instanceof AppwriteException && error.code === 404) {
      await gateway.tablesDb.getColumn({ ...gateway.at(tableId), key: to });
      return;
    }
    throw error;
  }
}

/** Runs a call; an answer with `status` means "already in the desired state" and returns false. */
async function ignoreStatus(status: number, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (error instanceof AppwriteException && error.code === status) return false;
    throw error;
  }
}

function describe(live: LiveColumn): string {
  const parts = [`type ${live.format ? `${live.type}/${live.format}` : live.type}`, live.required ? 'required' : 'optional'];
  if (live.size !== undefined) parts.push(`size ${live.size}`);
  return parts.join(', ');
}

function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}
