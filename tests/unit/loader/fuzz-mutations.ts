import fc from 'fast-check';

/**
 * Mutations a person (or a bad merge) makes to a schema file, as fast-check arbitraries: lines
 * deleted, duplicated or swapped, character noise (YAML's indicator characters included, so
 * anchors, aliases, flow collections and quotes appear), values swapped between lines, column
 * types changed, numbers replaced with edge values, and anchor/alias pairs, some of them dangling,
 * cyclic or exponential.
 */
export type Mutation =
  | { readonly kind: 'delete'; readonly line: number }
  | { readonly kind: 'duplicate'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly a: number; readonly b: number }
  | { readonly kind: 'noise'; readonly line: number; readonly at: number; readonly text: string }
  | { readonly kind: 'swap-values'; readonly a: number; readonly b: number }
  | { readonly kind: 'type'; readonly line: number; readonly type: string }
  | { readonly kind: 'number'; readonly nth: number; readonly value: string }
  | { readonly kind: 'alias'; readonly line: number; readonly text: string };

const TYPES = ['boolean', 'integer', 'float', 'datetime', 'email', 'url', 'ip', 'enum', 'string', 'varchar', 'text', 'longtext', 'relationship', ''];
const NUMBERS = ['0', '-1', '1', '255', '256', '16117', '65535', '1e309', '-0', '9007199254740993', '0.5', 'NaN', '.inf', '0x10', '1_000'];
const NOISE = [...'*&:-[]{}"\'#|>!%@,?`\t\\ ', 'a', 'Z', '0', '9', '\u00e9', '\u0000', '\n', '  '];
// Alias lines: a dangling alias, a self-referencing anchor, and the exponential "billion laughs".
const ALIASES = [
  'name: *missing',
  'description: &loop [*loop]',
  'x: &l0 [a, a, a, a, a, a, a, a, a]\ny: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nz: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nw: [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]',
  '  - &col { key: aliased, type: boolean }\n  - *col',
  '    default: *nowhere',
];

const index = fc.nat({ max: 10_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: index }),
  fc.record({ kind: fc.constant('duplicate' as const), line: index }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: index, b: index }),
  fc.record({
    kind: fc.constant('noise' as const),
    line: index,
    at: index,
    text: fc.array(fc.constantFrom(...NOISE), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  }),
  fc.record({ kind: fc.constant('swap-values' as const), a: index, b: index }),
  fc.record({ kind: fc.constant('type' as const), line: index, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('number' as const), nth: index, value: fc.constantFrom(...NUMBERS) }),
  fc.record({ kind: fc.constant('alias' as const), line: index, text: fc.constantFrom(...ALIASES) }),
);

const KEY_VALUE = /^(\s*(?:- )?[\w$]+:\s*)(\S.*)$/;

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const pick = (n: number): number => n % lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(pick(m.line), 1);
      break;
    case 'duplicate':
      lines.splice(pick(m.line), 0, lines[pick(m.line)] ?? '');
      break;
    case 'swap-lines': {
      const [a, b] = [pick(m.a), pick(m.b)];
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      break;
    }
    case 'noise': {
      const line = lines[pick(m.line)] ?? '';
      const at = m.at % (line.length + 1);
      lines[pick(m.line)] = line.slice(0, at) + m.text + line.slice(at);
      break;
    }
    case 'swap-values':
      swapValues(lines, m.a, m.b);
      break;
    case 'type': {
      const typed = lines.map((line, i) => (/^\s*type: /.test(line) ? i : -1)).filter((i) => i >= 0);
      const target = typed[m.line % Math.max(1, typed.length)];
      if (target !== undefined) lines[target] = (lines[target] ?? '').replace(/type: .*/, `type: ${m.type}`);
      break;
    }
    case 'number':
      return replaceNthNumber(lines.join('\n'), m.nth, m.value);
    case 'alias':
      lines.splice(pick(m.line), 0, m.text);
      break;
  }
  return lines.join('\n');
}

function swapValues(lines: string[], a: number, b: number): void {
  const candidates = lines.map((line, i) => (KEY_VALUE.test(line) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length < 2) return;
  const i = candidates[a % candidates.length] ?? 0;
  const j = candidates[b % candidates.length] ?? 0;
  const mi = KEY_VALUE.exec(lines[i] ?? '');
  const mj = KEY_VALUE.exec(lines[j] ?? '');
  if (!mi || !mj) return;
  lines[i] = `${mi[1]}${mj[2]}`;
  lines[j] = `${mj[1]}${mi[2]}`;
}

function replaceNthNumber(text: string, nth: number, value: string): string {
  const numbers = [...text.matchAll(/\b\d+\b/g)];
  const target = numbers[nth % Math.max(1, numbers.length)];
  if (target?.index === undefined) return text;
  return text.slice(0, target.index) + value + text.slice(target.index + target[0].length);
}
