import type { Column } from '../model/types.js';
import { alwaysPresent, columnType, jsonFieldType, requiredOnCreate } from './column-type.js';
import type { EnumNames, JsonShapeNames, TableNames } from './plan-names.js';
import {
  INDENT,
  jsdoc,
  propertyKey,
  stringLiteral,
  unionDeclaration,
  valueLiteral,
  valuesConstant,
} from './ts-syntax.js';

/**
 * One table's block of the generated file: its enum unions and value lists, its JSON shapes, the row
 * interface and the create-input interface. Returns lines; blocks are separated by one blank line.
 */
export function emitTable(names: TableNames): string[][] {
  const blocks: string[][] = [];
  for (const enumNames of names.enums.values()) blocks.push(emitEnum(names.table.id, enumNames));
  for (const shape of names.jsonShapes) blocks.push(emitJsonShape(shape));
  blocks.push(emitRow(names));
  blocks.push(emitInput(names));
  return blocks;
}

function emitEnum(tableId: string, { column, typeName, valuesName }: EnumNames): string[] {
  const literals = column.elements.map((element) => stringLiteral(element.value));
  const elementDocs = column.elements.map((element) =>
    element.description === undefined || element.description === ''
      ? `- \`${element.value}\``
      : `- \`${element.value}\`: ${element.description}`,
  );
  const intro = column.description ?? `Values of \`${tableId}.${column.key}\`.`;
  return [
    ...jsdoc([intro, '', ...elementDocs], ''),
    ...unionDeclaration(typeName, literals),
    '',
    ...jsdoc([`Every {@link ${typeName}}, in schema order (for runtime checks).`], ''),
    ...valuesConstant(valuesName, typeName, literals),
  ];
}

function emitJsonShape({ shape, usedBy }: JsonShapeNames): string[] {
  const fields = shape.fields.flatMap((field) => [
    ...jsdoc(field.description === undefined ? [] : [field.description], INDENT),
    // A stored JSON document may omit any field: documents written before a field existed do.
    `${INDENT}${propertyKey(field.name)}?: ${jsonFieldType(field.type)};`,
  ]);
  return [
    ...jsdoc([`The JSON document stored as text in ${usedBy.map((place) => `\`${place}\``).join(', ')}.`], ''),
    `export interface ${shape.typeName} {`,
    ...fields,
    '}',
  ];
}

function columnDoc(column: Column): string[] {
  const lines: string[] = [];
  if (column.description !== undefined && column.description !== '') lines.push(column.description);
  const shape = column.app?.json;
  if (shape !== undefined) lines.push(`JSON text shaped like {@link ${shape.typeName}}.`);
  if (column.default !== null) lines.push(`@default ${valueLiteral(column.default)}`);
  return lines;
}

function emitRow({ table, rowType, enums }: TableNames): string[] {
  const doc = [
    ...(table.description === undefined || table.description === '' ? [] : [table.description, '']),
    `A row of table \`${table.id}\`, as Appwrite returns it.`,
  ];
  const properties = table.columns.flatMap((column) => {
    const type = columnType(column, enums.get(column.key)?.typeName);
    const property = alwaysPresent(column)
      ? `${INDENT}${propertyKey(column.key)}: ${type};`
      : `${INDENT}${propertyKey(column.key)}?: ${type} | null;`;
    return [...jsdoc(columnDoc(column), INDENT), property];
  });
  return [...jsdoc(doc, ''), `export interface ${rowType} extends AppwriteRow {`, ...properties, '}'];
}

function emitInput({ table, inputType, enums }: TableNames): string[] {
  const properties = table.columns.flatMap((column) => {
    const type = columnType(column, enums.get(column.key)?.typeName);
    const key = propertyKey(column.key);
    let property: string;
    if (requiredOnCreate(column)) property = `${INDENT}${key}: ${type};`;
    else if (column.default !== null) property = `${INDENT}${key}?: ${type};`;
    else property = `${INDENT}${key}?: ${type} | null;`;
    return [...jsdoc(columnDoc(column), INDENT), property];
  });
  // Split so that a long table id cannot push a line past the width limit.
  const doc = [
    `The \`data\` of a create in table \`${table.id}\`:`,
    `required columns must be given, columns with a default may be left out.`,
    `\`Partial<${inputType}>\` fits an update.`,
  ];
  return [...jsdoc(doc, ''), `export interface ${inputType} {`, ...properties, '}'];
}
