import type { Params } from '../params.js';
import { invalidParam, isKey, KEY_TEXT, queriesParam, uniqueId } from '../params.js';
import { parseRowPermissions } from '../permissions.js';
import { applyUpdate, prepareNewRow, render, withOperatorsApplied, type RowScope } from './rows.js';
import { dataObject } from './validate.js';
import { deleteBySeq, insertRow, selectById, selectBySeq } from './row-sql.js';
import { selectRows } from './list.js';

/** Bulk upsert, update-by-queries and delete-by-queries: one SQL transaction each, responses list ≤ 100 rows. */

const RESPONSE_CAP = 100;

export function upsertRows(scope: RowScope, params: Params): { total: number } & Record<string, unknown> {
  const items = params[scope.listParam];
  if (!Array.isArray(items) || items.length === 0 || items.length > 100 || !items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) {
    throw invalidParam(scope.listParam, 'Value must a valid array no longer than 100 items and Value must be a valid JSON object');
  }
  const changed = scope.project.transaction(() => {
    const out: Record<string, unknown>[] = [];
    for (const item of items as Record<string, unknown>[]) {
      const rawId = item['$id'];
      if (rawId !== undefined && rawId !== null && !isKey(rawId)) throw invalidParam('$id', KEY_TEXT);
      const id = typeof rawId === 'string' ? rawId : uniqueId();
      const permissions = parseRowPermissions(item['$permissions']);
      const existing = selectById(scope.project, scope.context, id);
      if (!existing) {
        const seq = insertRow(scope.project, scope.context, prepareNewRow(scope, withOperatorsApplied(scope, item), id, permissions));
        out.push(render(scope, selectBySeq(scope.project, scope.context, seq)!));
      } else if (applyUpdate(scope, existing, item, permissions, true)) {
        out.push(render(scope, selectBySeq(scope.project, scope.context, existing['_seq'] as bigint)!));
      }
    }
    return out;
  });
  return { total: changed.length, [scope.listParam]: changed };
}

export function updateRows(scope: RowScope, params: Params): { total: number } & Record<string, unknown> {
  const data = params['data'] === undefined || params['data'] === null ? {} : dataObject(params['data']);
  const queries = queriesParam(params);
  return scope.project.transaction(() => {
    const matched = selectRows(scope, queries);
    const rows: Record<string, unknown>[] = [];
    for (const raw of matched) {
      applyUpdate(scope, raw, data, undefined, false);
      if (rows.length < RESPONSE_CAP) rows.push(render(scope, selectBySeq(scope.project, scope.context, raw['_seq'] as bigint)!));
    }
    return { total: matched.length, [scope.listParam]: rows };
  });
}

export function deleteRows(scope: RowScope, params: Params): { total: number } & Record<string, unknown> {
  const queries = queriesParam(params);
  return scope.project.transaction(() => {
    const matched = selectRows(scope, queries);
    const rows = matched.slice(0, RESPONSE_CAP).map((raw) => render(scope, raw));
    for (const raw of matched) deleteBySeq(scope.project, scope.context, raw['_seq'] as bigint);
    return { total: matched.length, [scope.listParam]: rows };
  });
}
