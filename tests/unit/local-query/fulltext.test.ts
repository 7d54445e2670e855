import { describe, expect, it } from 'vitest';
import { ftsMatchExpression } from '../../../src/local/query/fulltext.js';
import { sqlRegexp } from '../../../src/local/query/index.js';

describe('ftsMatchExpression', () => {
  it.each([
    ['one word is a prefix match', 'spider', '"spider"*'],
    ['words are alternatives, the last one a prefix', 'spider man', '"spider" OR "man"*'],
    ['a quoted term is an exact phrase', '"spider man"', '"spider man"'],
    ['MariaDB operators are dropped', '+sales -lead* ~x', '"sales" OR "lead" OR "x"*'],
    ['FTS5 syntax stays literal', 'a NEAR(b) OR c:d "e', '"a" OR "NEAR" OR "b" OR "OR" OR "c" OR "d" OR "e"*'],
    ['punctuation splits words like the unicode61 tokenizer', 'spider-man.com', '"spider" OR "man" OR "com"*'],
    ['letters beyond ASCII are words', 'café Zürich', '"café" OR "Zürich"*'],
  ])('%s', (_label, term, expected) => {
    expect(ftsMatchExpression(term)).toBe(expected);
  });

  it('has no expression for a term without words', () => {
    expect(ftsMatchExpression('  *** "" ')).toBeUndefined();
  });
});

describe('sqlRegexp', () => {
  it('matches case-insensitively and propagates NULL', () => {
    expect(sqlRegexp('^ab+c$', 'ABBC')).toBe(1);
    expect(sqlRegexp('^ab+c$', 'abd')).toBe(0);
    expect(sqlRegexp('\\d', 42)).toBe(1);
    expect(sqlRegexp('x', null)).toBeNull();
  });
});
