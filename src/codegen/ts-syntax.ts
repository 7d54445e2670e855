/**
 * Spelling TypeScript source safely: string literals, property keys, JSDoc blocks and unions that
 * wrap at the line width. Schema text (ids, descriptions, enum values) only reaches the output
 * through these functions, so no schema content can break out of a literal or a comment.
 */

export const INDENT = '  ';
export const LINE_WIDTH = 100;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A single-quoted string literal for any string. */
export function stringLiteral(value: string): string {
  let body = '';
  for (const char of value) {
    const simple = SIMPLE_ESCAPES[char];
    if (simple !== undefined) body += simple;
    else if (char < ' ' || char === '\u2028' || char === '\u2029' || char === '\u007f') {
      body += `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else body += char;
  }
  return `'${body}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in an interface or object literal: bare when possible, else quoted. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** A JSON value (defaults) as TypeScript source, using the same quoting as everything else. */
export function valueLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? stringLiteral(value) : String(value);
}

/**
 * A JSDoc block at the given indent, or nothing when there is no text. Blank entries become blank
 * comment lines (paragraph breaks); `*\/` inside the text is defused.
 */
export function jsdoc(lines: readonly string[], indent: string): string[] {
  const text = lines
    .flatMap((line) => line.split(/\r?\n/))
    .map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  while (text.length > 0 && text[0] === '') text.shift();
  if (text.length === 0) return [];
  const only = text[0];
  if (text.length === 1 && only !== undefined && indent.length + only.length + 7 <= LINE_WIDTH) {
    return [`${indent}/** ${only} */`];
  }
  return [`${indent}/**`, ...text.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}

/**
 * `export type Name = 'a' | 'b';` on one line when it fits, otherwise one member per line, the way
 * Prettier lays out long unions.
 */
export function unionDeclaration(name: string, members: readonly string[]): string[] {
  const head = `export type ${name} =`;
  // An enum without elements (Appwrite refuses one, a hand-built Model may not) has no values at all.
  if (members.length === 0) return [`${head} never;`];
  const oneLine = `${head} ${members.join(' | ')};`;
  if (oneLine.length <= LINE_WIDTH) return [oneLine];
  return [head, ...members.map((member, i) => `${INDENT}| ${member}${i === members.length - 1 ? ';' : ''}`)];
}

/** `export const NAME: readonly Type[] = ['a', 'b'];`, wrapped like the union. */
export function valuesConstant(name: string, typeName: string, members: readonly string[]): string[] {
  const head = `export const ${name}: readonly ${typeName}[] = [`;
  const oneLine = `${head}${members.join(', ')}];`;
  if (oneLine.length <= LINE_WIDTH) return [oneLine];
  return [head, ...members.map((member) => `${INDENT}${member},`), '];'];
}
