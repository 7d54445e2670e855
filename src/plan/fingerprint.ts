import { createHash } from 'node:crypto';
import type { Column, Database, Index, Table } from '../model/index.js';
import { compareText } from './compare-text.js';

/**
 * `sha256:<hex>` of a Model's canonical JSON. Two models that the diff treats as equal get the same
 * fingerprint: documentation-only fields (descriptions, typeName, app rules, rowPermissions) are left
 * out, and lists whose order carries no meaning (tables, columns, indexes, permissions) are sorted.
 * `undefined` (no database yet) has a fingerprint of its own.
 */
export function fingerprintModel(model: Database | undefined): string {
  const canonical = model === undefined ? null : canonicalDatabase(model);
  return `sha256:${createHash('sha256').update(canonicalJson(canonical)).digest('hex')}`;
}

/** JSON with object keys sorted at every level and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** A deep copy with object keys sorted at every level and `undefined` members dropped; arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return Object.fromEntries(entries.map(([key, member]) => [key, sortKeys(member)]));
  }
  return value;
}

function canonicalDatabase(db: Database): unknown {
  return {
    id: db.id,
    name: db.name,
    enabled: db.enabled,
    tables: [...db.tables].sort((a, b) => compareText(a.id, b.id)).map(canonicalTable),
    removedTables: [...db.removedTables].sort(compareText),
  };
}

function canonicalTable(table: Table): unknown {
  return {
    id: table.id,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    permissions: [...table.permissions].sort(compareText),
    columns: [...table.columns].sort((a, b) => compareText(a.key, b.key)).map(canonicalColumn),
    indexes: [...table.indexes].sort((a, b) => compareText(a.key, b.key)).map(canonicalIndex),
  };
}

/** What Appwrite stores of a column: documentation fields dropped, enum elements as their values. */
export function canonicalColumn(column: Column): unknown {
  // Spread keeps the type-specific members (size, min, max, encrypt); the documentation ones go.
  const { description: _description, app: _app, ...rest } = column;
  if (rest.type === 'enum') return { ...rest, elements: rest.elements.map((element) => element.value) };
  return rest;
}

export function canonicalIndex(index: Index): unknown {
  const { description: _description, ...rest } = index;
  return rest;
}
