import { describe, expect, it } from 'vitest';
import { jsdoc, propertyKey, stringLiteral, unionDeclaration, valuesConstant } from '../../../src/codegen/ts-syntax.js';

/** Evaluates a generated literal the way a JS engine would, to prove it round-trips. */
function evaluate(literal: string): unknown {
  return new Function(`return ${literal};`)();
}

describe('TypeScript syntax helpers', () => {
  it.each(['plain', "it's", 'back\\slash', 'line\nbreak', 'tab\there', '\u0000nul', 'quote"double', '\u2028sep', 'ünïcødé'])(
    'stringLiteral round-trips %j',
    (value) => {
      const literal = stringLiteral(value);
      expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
      expect(literal).not.toMatch(/[\n\r\u2028]/);
      expect(evaluate(literal)).toBe(value);
    },
  );

  it('quotes property keys only when they are not identifiers', () => {
    expect(propertyKey('userId')).toBe('userId');
    expect(propertyKey('$id')).toBe('$id');
    expect(propertyKey('first-name')).toBe("'first-name'");
    expect(propertyKey('2fa')).toBe("'2fa'");
  });

  it('keeps comment terminators in schema text from closing the JSDoc', () => {
    const lines = jsdoc(['evil */ export const x = 1; /*'], '');
    expect(lines.join('\n')).toBe('/** evil *\\/ export const x = 1; /* */');
    expect(lines.join('\n').indexOf('*/')).toBe(lines.join('\n').length - 2);
  });

  it('writes a multi-line JSDoc with paragraph breaks and no trailing blank lines', () => {
    expect(jsdoc(['First.', '', 'Second\nthird', ''], '  ')).toEqual([
      '  /**',
      '   * First.',
      '   *',
      '   * Second',
      '   * third',
      '   */',
    ]);
    expect(jsdoc(['', ''], '')).toEqual([]);
  });

  it('puts a short union on one line and wraps a long one member per line', () => {
    expect(unionDeclaration('Short', ["'a'", "'b'"])).toEqual(["export type Short = 'a' | 'b';"]);
    const members = Array.from({ length: 12 }, (_, i) => `'value_number_${i}'`);
    const lines = unionDeclaration('Long', members);
    expect(lines[0]).toBe('export type Long =');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe("  | 'value_number_0'");
    expect(lines[12]).toBe("  | 'value_number_11';");
    expect(lines.every((line) => line.length <= 100)).toBe(true);
  });

  it('spells an empty union as never, so the file still compiles', () => {
    expect(unionDeclaration('Nothing', [])).toEqual(['export type Nothing = never;']);
    expect(valuesConstant('NOTHING_VALUES', 'Nothing', [])).toEqual(['export const NOTHING_VALUES: readonly Nothing[] = [];']);
  });

  it('wraps a long values constant one member per line', () => {
    const members = Array.from({ length: 12 }, (_, i) => `'value_number_${i}'`);
    const lines = valuesConstant('LONG_VALUES', 'Long', members);
    expect(lines[0]).toBe('export const LONG_VALUES: readonly Long[] = [');
    expect(lines.at(-1)).toBe('];');
    expect(lines[1]).toBe("  'value_number_0',");
  });
});
