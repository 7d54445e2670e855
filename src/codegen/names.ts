/**
 * How schema ids become TypeScript names: `audit_logs` -> `AuditLog`, `customerType` ->
 * `CustomerType`, `CustomerStatus` -> `CUSTOMER_STATUS`. Pure string functions, no knowledge of the
 * Model.
 */

/** Splits an id on anything that is not a letter or digit and on camelCase boundaries. */
function words(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `customer_type` and `customerType` both give `CustomerType`; a leading digit gets a `T` prefix. */
export function pascalCase(id: string): string {
  const name = words(id).map(capitalize).join('');
  if (name === '') return 'Unnamed';
  return /^[0-9]/.test(name) ? `T${name}` : name;
}

/** `CustomerStatus` -> `CUSTOMER_STATUS`. */
export function constantCase(name: string): string {
  return words(name)
    .map((word) => word.toUpperCase())
    .join('_');
}

/**
 * English singular of the last word only, good enough for table ids (`customers`, `audit_logs`,
 * `categories`, `addresses`). Words that do not look plural are returned unchanged; irregular plurals
 * are what `typeName:` in the schema is for.
 */
export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (lower.endsWith('ies') && word.length > 3) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(lower)) return word.slice(0, -2);
  if (/(us|is|ss)$/.test(lower)) return word;
  if (lower.endsWith('s') && word.length > 1) return word.slice(0, -1);
  return word;
}

/** The row type name for a table id when the schema does not name one: `audit_logs` -> `AuditLog`. */
export function rowTypeNameFor(tableId: string): string {
  const parts = words(tableId);
  const last = parts.pop();
  if (last === undefined) return 'Row';
  return pascalCase([...parts, singular(last)].join('_'));
}

/**
 * Name of an enum column's union type. The row type prefixes the column's name unless the column
 * already starts with it, so `customers.customerType` gives `CustomerType`, not
 * `CustomerCustomerType`.
 */
export function enumTypeName(rowTypeName: string, columnKey: string): string {
  const column = pascalCase(columnKey);
  return column.startsWith(rowTypeName) ? column : `${rowTypeName}${column}`;
}
