import type { Column, Database, EnumColumn, JsonShape, Table } from '../model/types.js';
import { TypeNameError } from './errors.js';
import { constantCase, enumTypeName, rowTypeNameFor } from './names.js';

/**
 * Every exported name of the generated file, decided up front so that collisions are found before
 * any text is written, and so the emitters never invent names themselves.
 */

export interface EnumNames {
  readonly column: EnumColumn;
  readonly typeName: string;
  readonly valuesName: string;
}

export interface TableNames {
  readonly table: Table;
  readonly rowType: string;
  readonly inputType: string;
  /** Keyed by column key. */
  readonly enums: ReadonlyMap<string, EnumNames>;
  /** JSON shapes first declared by this table (a shape shared with an earlier table is not repeated). */
  readonly jsonShapes: readonly JsonShapeNames[];
}

export interface JsonShapeNames {
  readonly shape: JsonShape;
  /** `table.column` of every column holding this shape. */
  readonly usedBy: readonly string[];
}

/** Names the file itself exports, reserved before any table is named. */
export const FIXED_NAMES = ['DATABASE_ID', 'TABLE_IDS', 'TableId', 'AppwriteRow', 'TableRows', 'TableInputs', 'ColumnRules', 'TableRules', 'TABLE_RULES', 'JsonFieldRule'];

const TYPE_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isEnum(column: Column): column is EnumColumn {
  return column.type === 'enum';
}

function sameShape(a: JsonShape, b: JsonShape): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Tables sorted by id (the model promises it; sorting again keeps the output deterministic anyway). */
export function sortedTables(db: Database): Table[] {
  return [...db.tables].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function planNames(db: Database): TableNames[] {
  const claims = new Map<string, string[]>();
  const claim = (name: string, by: string): void => {
    const list = claims.get(name) ?? [];
    list.push(by);
    claims.set(name, list);
  };
  for (const name of FIXED_NAMES) claim(name, 'generated file');

  const shapesSeen = new Map<string, JsonShape>();
  const shapeUsers = new Map<string, string[]>();
  const plans = sortedTables(db).map((table): TableNames => {
    const rowType = table.typeName ?? rowTypeNameFor(table.id);
    const inputType = `${rowType}Input`;
    claim(rowType, `table ${table.id}`);
    claim(inputType, `table ${table.id}`);

    const enums = new Map<string, EnumNames>();
    const jsonShapes: JsonShapeNames[] = [];
    for (const column of table.columns) {
      const place = `${table.id}.${column.key}`;
      if (isEnum(column)) {
        const typeName = enumTypeName(rowType, column.key);
        const valuesName = `${constantCase(typeName)}_VALUES`;
        claim(typeName, place);
        claim(valuesName, place);
        enums.set(column.key, { column, typeName, valuesName });
      }
      const shape = column.app?.json;
      if (shape === undefined) continue;
      const earlier = shapesSeen.get(shape.typeName);
      if (earlier !== undefined && sameShape(earlier, shape)) {
        shapeUsers.get(shape.typeName)?.push(place);
        continue;
      }
      const usedBy = [place];
      shapesSeen.set(shape.typeName, shape);
      shapeUsers.set(shape.typeName, usedBy);
      claim(shape.typeName, `${place} JSON shape`);
      jsonShapes.push({ shape, usedBy });
    }
    return { table, rowType, inputType, enums, jsonShapes };
  });

  const problems = [...claims].flatMap(([name, claimedBy]) => {
    const found: string[] = [];
    if (!TYPE_IDENTIFIER.test(name)) found.push(`${name} (${claimedBy.join(', ')}) is not a TypeScript identifier`);
    if (claimedBy.length > 1) found.push(`${name} is claimed by ${claimedBy.join(' and ')}; set typeName or rename`);
    return found;
  });
  if (problems.length > 0) throw new TypeNameError(problems);
  return plans;
}
