import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
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
  if (syntaxProblems.length === 0) syntaxProblems.push(...aliasProblems(path, document, lineCounter));
  if (syntaxProblems.length > 0) return { path, document, lineCounter, value: undefined, syntaxProblems };
  const converted = toPlainValue(path, document, lineCounter);
  return { path, document, lineCounter, value: converted.value, syntaxProblems: converted.problems };
}

/** yaml's limit on alias expansion: far above what a schema file needs, far below a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/**
 * The parser accepts aliases that cannot be turned into data: one whose anchor is not defined
 * before it, and one inside the node it refers to (a cycle, which would make every later check
 * recurse forever). Both are found on the syntax tree so they can be located.
 */
function aliasProblems(path: string, document: Document.Parsed, lineCounter: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node, rule: string, message: string, hint: string): void => {
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    problems.push({ file: path, line, column: col, rule, message, hint });
  };
  visit(document, {
    Alias(_key, alias, ancestors) {
      const source = alias.resolve(document);
      if (source === undefined) {
        const message = `alias *${alias.source} refers to no anchor &${alias.source} defined before it`;
        at(alias, 'yaml-alias-unresolved', message, 'define the anchor (&name) before its first use, or write the value out');
      } else if (ancestors.includes(source as never)) {
        const message = `alias *${alias.source} is inside the node its anchor names (a cycle)`;
        at(alias, 'yaml-alias-cycle', message, 'an alias may only refer to a node that does not contain it');
      }
    },
  });
  return problems;
}

/** The document as plain data; an alias expansion past MAX_ALIAS_COUNT is a located problem, not a hang. */
function toPlainValue(path: string, document: Document.Parsed, lineCounter: LineCounter): { value: unknown; problems: Problem[] } {
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (error) {
    let firstAlias: Node | undefined;
    visit(document, {
      Alias(_key, alias) {
        firstAlias = alias;
        return visit.BREAK;
      },
    });
    const { line, col } = lineCounter.linePos(firstAlias?.range?.[0] ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    const problem: Problem = /alias count/i.test(reason)
      ? {
          file: path,
          line,
          column: col,
          rule: 'yaml-alias-limit',
          message: `aliases expand to more than ${MAX_ALIAS_COUNT} nodes (the "billion laughs" pattern)`,
          hint: 'write the repeated values out, or alias fewer levels deep',
        }
      : { file: path, line, column: col, rule: 'yaml-unconvertible', message: `the YAML cannot be turned into data: ${reason}` };
    return { value: undefined, problems: [problem] };
  }
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
