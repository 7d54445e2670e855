import { LocalApiError } from '../errors.js';

/**
 * The two REST façades over one store. TablesDB names (tables/columns/rows) are canonical inside
 * src/local; the legacy Databases API renames params, model fields and error types.
 */
export interface Facade {
  readonly name: 'tablesdb' | 'legacy';
  readonly prefix: '/v1/tablesdb' | '/v1/databases';
  readonly tableSegment: 'tables' | 'collections';
  readonly columnSegment: 'columns' | 'attributes';
  readonly rowSegment: 'rows' | 'documents';
  readonly tableIdParam: 'tableId' | 'collectionId';
  readonly rowIdParam: 'rowId' | 'documentId';
  readonly securityField: 'rowSecurity' | 'documentSecurity';
  readonly columnsField: 'columns' | 'attributes';
  readonly tableField: '$tableId' | '$collectionId';
}

export const TABLESDB: Facade = {
  name: 'tablesdb',
  prefix: '/v1/tablesdb',
  tableSegment: 'tables',
  columnSegment: 'columns',
  rowSegment: 'rows',
  tableIdParam: 'tableId',
  rowIdParam: 'rowId',
  securityField: 'rowSecurity',
  columnsField: 'columns',
  tableField: '$tableId',
};

export const LEGACY: Facade = {
  name: 'legacy',
  prefix: '/v1/databases',
  tableSegment: 'collections',
  columnSegment: 'attributes',
  rowSegment: 'documents',
  tableIdParam: 'collectionId',
  rowIdParam: 'documentId',
  securityField: 'documentSecurity',
  columnsField: 'attributes',
  tableField: '$collectionId',
};

const LEGACY_TYPE_PREFIXES: readonly [string, string][] = [
  ['column_index_', 'index_'],
  ['table_', 'collection_'],
  ['column_', 'attribute_'],
  ['row_', 'document_'],
];

const LEGACY_WORDS: readonly [RegExp, string][] = [
  [/\bTables\b/g, 'Collections'],
  [/\bTable\b/g, 'Collection'],
  [/\btables\b/g, 'collections'],
  [/\btable\b/g, 'collection'],
  [/\bColumns\b/g, 'Attributes'],
  [/\bColumn\b/g, 'Attribute'],
  [/\bcolumns\b/g, 'attributes'],
  [/\bcolumn\b/g, 'attribute'],
  [/\bRows\b/g, 'Documents'],
  [/\bRow\b/g, 'Document'],
  [/\brows\b/g, 'documents'],
  [/\brow\b/g, 'document'],
];

/** Legacy routes answer with the legacy error vocabulary (`collection_not_found`, ...). */
export function toLegacyError(error: LocalApiError): LocalApiError {
  let type = error.type;
  for (const [from, to] of LEGACY_TYPE_PREFIXES) {
    if (type.startsWith(from)) {
      type = to + type.slice(from.length);
      break;
    }
  }
  let message = error.message;
  for (const [pattern, replacement] of LEGACY_WORDS) message = message.replace(pattern, replacement);
  return new LocalApiError(error.status, type, message);
}
