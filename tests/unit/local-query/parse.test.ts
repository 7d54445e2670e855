import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { LocalApiError } from '../../../src/local/errors.js';
import { parseQueries } from '../../../src/local/query/index.js';

function parseError(raw: unknown[]): LocalApiError {
  try {
    parseQueries(raw as string[]);
  } catch (error) {
    if (error instanceof LocalApiError) return error;
    throw error;
  }
  throw new Error('expected parseQueries to fail');
}

describe('parseQueries', () => {
  it('parses what node-appwrite 27 sends', () => {
    expect(parseQueries([Query.equal('title', ['a', 'b']), Query.limit(25), Query.isNull('x')])).toEqual([
      { method: 'equal', attribute: 'title', values: ['a', 'b'] },
      { method: 'limit', attribute: '', values: [25] },
      { method: 'isNull', attribute: 'x', values: [] },
    ]);
  });

  it('parses nested and/or into query objects', () => {
    const [parsed] = parseQueries([Query.or([Query.equal('a', 1), Query.and([Query.isNull('b'), Query.lessThan('c', 2)])])]);
    expect(parsed).toEqual({
      method: 'or',
      attribute: '',
      values: [
        { method: 'equal', attribute: 'a', values: [1] },
        {
          method: 'and',
          attribute: '',
          values: [
            { method: 'isNull', attribute: 'b', values: [] },
            { method: 'lessThan', attribute: 'c', values: [2] },
          ],
        },
      ],
    });
  });

  it.each([
    ['not JSON', '{method:equal}', 'Invalid query: Syntax error'],
    ['empty string', '', 'Invalid query: Syntax error'],
    ['a JSON string', '"equal"', 'Invalid query. Must be an array, got string'],
    ['a JSON integer', '12', 'Invalid query. Must be an array, got integer'],
    ['a JSON float', '1.5', 'Invalid query. Must be an array, got double'],
    ['JSON null', 'null', 'Invalid query. Must be an array, got NULL'],
    ['an unknown method', '{"method":"like","attribute":"a","values":["x"]}', 'Invalid query method: like'],
    ['no method', '{"attribute":"a","values":["x"]}', 'Invalid query method: '],
    ['a JSON list', '["equal"]', 'Invalid query method: '],
    ['a numeric method', '{"method":5}', 'Invalid query method. Must be a string, got integer'],
    ['a numeric attribute', '{"method":"equal","attribute":5,"values":[1]}', 'Invalid query attribute. Must be a string, got integer'],
    ['values as a string', '{"method":"equal","attribute":"a","values":"x"}', 'Invalid query values. Must be an array, got string'],
    ['values as a number', '{"method":"equal","attribute":"a","values":3}', 'Invalid query values. Must be an array, got integer'],
    ['a nested string query', '{"method":"or","values":["{}","{}"]}', 'Invalid query. Must be an array, got string'],
    ['an unknown nested method', '{"method":"and","values":[{"method":"nope"}]}', 'Invalid query method: nope'],
  ])('rejects %s', (_label, raw, message) => {
    const error = parseError([raw]);
    expect(error.status).toBe(400);
    expect(error.type).toBe('general_query_invalid');
    expect(error.message).toBe(message);
  });

  it('defaults a missing attribute to "" and missing values to []', () => {
    expect(parseQueries(['{"method":"orderRandom"}'])).toEqual([{ method: 'orderRandom', attribute: '', values: [] }]);
  });

  it('accepts 100 queries of 4096 chars and refuses more, as a param error', () => {
    const long = JSON.stringify({ method: 'equal', attribute: 'a', values: ['x'.repeat(4096 - 48)] });
    expect(long).toHaveLength(4096);
    expect(parseQueries(Array.from({ length: 100 }, () => long))).toHaveLength(100);
    const message =
      'Invalid `queries` param: Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 4096 chars';
    for (const raw of [Array.from({ length: 101 }, () => Query.limit(1)), [`${long} `], [42]]) {
      const error = parseError(raw);
      expect(error.type).toBe('general_argument_invalid');
      expect(error.message).toBe(message);
    }
  });
});
