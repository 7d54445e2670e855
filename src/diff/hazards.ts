import type { Column, Index } from '../model/index.js';
import type { Hazard } from '../plan/types.js';

/** The advice that comes with every destructive operation: what is lost and how to keep it. */

export function replacedColumnHazard(table: string, previous: Column, column: Column): Hazard {
  const scratch = `${column.key}_new`;
  return {
    code: 'column_data_loss',
    message: `Replacing ${table}.${previous.key} deletes the column and every value stored in it, then creates it empty.`,
    advice:
      `\`crm-schema migrate new\` writes this change as expand / copy / contract, which keeps every value: a new ` +
      `column under a scratch key (\`${scratch}\`), every row copied and converted, then \`${previous.key}\` dropped and ` +
      `the new column renamed to \`${column.key}\`, all inside one migration.`,
  };
}

export function deletedColumnHazard(table: string, previous: Column): Hazard {
  return {
    code: 'column_data_loss',
    message: `Deleting ${table}.${previous.key} drops its value in every row.`,
    advice:
      `If you meant to rename it, declare \`renamedFrom: ${previous.key}\` on the new column instead: a rename keeps ` +
      `the data. To keep the values elsewhere, copy them in a data migration before removing the column.`,
  };
}

export function deletedTableHazard(table: string): Hazard {
  return {
    code: 'table_data_loss',
    message: `Deleting table ${table} drops all its rows, columns and indexes.`,
    advice: `Export the rows first if you may need them; remove ${table} from removedTables to keep the table.`,
  };
}

export function deletedIndexHazard(table: string, index: Index): Hazard {
  const effect =
    index.type === 'unique'
      ? 'duplicates become possible'
      : index.type === 'fulltext'
        ? 'Query.search on its columns starts failing'
        : 'queries that filter or sort on its columns may become slow';
  return {
    code: 'index_removed',
    message: `Deleting index ${table}.${index.key}: no row data is lost, but ${effect}.`,
    advice: 'Keep the index in the schema if any query still relies on it.',
  };
}
