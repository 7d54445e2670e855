import type { Column, Database, Table } from '../../../src/model/types.js';

/**
 * Hand-built Models for the generator's tests: small builders plus a CRM-like database that mirrors
 * the seed's customers table (required columns, defaults, enums, JSON text columns).
 */

type ColumnInit = Partial<Column> & Pick<Column, 'key' | 'type'>;

export function column(init: ColumnInit): Column {
  const base = { required: false, array: false, default: null };
  switch (init.type) {
    case 'string':
    case 'varchar':
      return { size: 255, encrypt: false, ...base, ...init } as Column;
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { encrypt: false, ...base, ...init } as Column;
    case 'enum':
      return { elements: [], ...base, ...init } as Column;
    default:
      return { ...base, ...init } as Column;
  }
}

export function table(id: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return { id, name: id, enabled: true, rowSecurity: false, permissions: [], columns, indexes: [], ...extra };
}

export function database(tables: readonly Table[], id = 'test-db'): Database {
  return { id, name: id, enabled: true, tables, removedTables: [] };
}

export const customers = table(
  'customers',
  [
    column({ key: 'userId', type: 'varchar', size: 128, required: true, description: 'Owner of this customer record' }),
    column({ key: 'name', type: 'varchar', size: 200, required: true }),
    column({ key: 'email', type: 'email', description: 'Primary email address' }),
    column({
      key: 'status',
      type: 'enum',
      default: 'active',
      description: 'Customer status',
      elements: [
        { value: 'active', description: 'Active customer' },
        { value: 'inactive', description: 'Inactive customer' },
        { value: 'lead' },
      ],
    }),
    column({
      key: 'customerType',
      type: 'enum',
      required: true,
      elements: [{ value: 'individual' }, { value: 'company' }, { value: 'non-profit' }],
    }),
    column({ key: 'currency', type: 'varchar', size: 3, default: 'MYR' }),
    column({
      key: 'notes',
      type: 'text',
      app: {
        maxLength: 5000,
        json: {
          typeName: 'CustomerNotes',
          fields: [
            { name: 'general', type: 'string', description: 'Free text' },
            { name: 'customFields', type: 'record' },
          ],
        },
      },
    }),
    column({
      key: 'metadata',
      type: 'text',
      app: {
        json: {
          typeName: 'CustomerMetadata',
          fields: [
            { name: 'tags', type: 'string[]' },
            { name: 'lastSyncAt', type: 'datetime' },
            { name: 'score', type: 'number' },
            { name: 'vip', type: 'boolean' },
          ],
        },
      },
    }),
    column({ key: 'lastContactAt', type: 'datetime' }),
    column({ key: 'totalRevenue', type: 'float', default: 0, min: 0 }),
    column({ key: 'totalInvoices', type: 'integer', required: true, min: 0 }),
    column({ key: 'active', type: 'boolean', default: false }),
    column({ key: 'tags', type: 'varchar', size: 50, array: true }),
    column({ key: 'scores', type: 'integer', array: true, required: true }),
  ],
  { typeName: 'Customer', description: 'CRM customers, one per user.' },
);

export const auditLogs = table('audit_logs', [
  column({ key: 'action', type: 'enum', required: true, elements: [{ value: 'create' }, { value: 'delete' }] }),
  column({ key: 'ip', type: 'ip' }),
  column({ key: 'url', type: 'url' }),
]);

export const crm = database([customers, auditLogs], 'console-db');
