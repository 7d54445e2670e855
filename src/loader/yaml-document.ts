import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { NodePath, PathProblem, Problem } from './problem.js';

/** One parsed schema file plus what it takes to turn a path into a line and column. */
export interface ParsedFile {
  readonly path: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Plain JS value of the document; only meaningful when `syntaxProblems` is empty. */
  readonly value: unknown;
  readonly syntaxProblems: readonly Problem[];
}

const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'each key may appear once per map; remove or rename one of them',
  TAB_AS_INDENT: 'YAML indentation must use spaces, never tabs',
  BAD_INDENT: 'align the entry with its siblings (spaces only)',
  MULTIPLE_DOCS: 'put one document per file (no `---` separators)',
};

export function parseYamlFile(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntaxProblems: Problem[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(syntaxErrorOffset(text, error.code, error.message, error.pos[0]));
    const hint = /closing .?quote/.test(error.message) ? 'close the quoted string on the same value' : SYNTAX_HINTS[error.code];
    return {
      file: path,
      line,
      column: col,
      rule: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
      // The pretty message repeats the source excerpt; the first line is the statement.
      message: (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ''),
      ...(hint === undefined ? {} : { hint }),
    };
  });
  const value = syntaxProblems.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined;
  return { path, document, lineCounter, value, syntaxProblems };
}

/**
 * Where a syntax error should point: yaml reports an unclosed quote at the end of the input and an
 * indentation error at the start of the line, but the user needs the opening quote and the entry.
 */
function syntaxErrorOffset(text: string, code: string, message: string, offset: number): number {
  if (code === 'TAB_AS_INDENT') return offset;
  if (code === 'MISSING_CHAR' && /closing ["']quote/.test(message)) {
    const quote = message.includes('"quote') ? '"' : "'";
    const opening = text.lastIndexOf(quote, offset);
    if (opening >= 0) return opening;
  }
  let at = offset;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at += 1;
  return at < text.length && text[at] !== '\n' ? at : offset;
}

/**
 * Finds the node at `path`, or the deepest node on the way when the path does not exist (a missing
 * field is reported at the map that should hold it). With `atKey`, returns the map key instead.
 */
function locateNode(document: Document.Parsed, path: NodePath, atKey: boolean): Node | null {
  let current: unknown = document.contents;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      keyNode = pair.key as Node;
      current = pair.value ?? pair.key;
    } else if (isSeq(current) && typeof segment === 'number' && current.items[segment] !== undefined) {
      keyNode = null;
      current = current.items[segment];
    } else {
      break;
    }
  }
  if (atKey && keyNode) return keyNode;
  return (current as Node | null) ?? null;
}

export function locate(file: ParsedFile, found: PathProblem): Problem {
  const node = locateNode(file.document, found.path, found.atKey ?? false);
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = file.lineCounter.linePos(offset);
  return {
    file: file.path,
    line,
    column: col,
    rule: found.rule,
    message: found.message,
    ...(found.hint === undefined ? {} : { hint: found.hint }),
  };
}
