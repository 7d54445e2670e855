import { describe, expect, it } from 'vitest';
import { AppwriteException } from 'node-appwrite';
import { ConflictError, ForbiddenError, mapAppwriteError, NotFoundError, ValidationError } from '../../src/runtime/index.js';

/** Appwrite's error types (api-facts §1.6), including the legacy names commits report, to ours. */
describe('mapAppwriteError', () => {
  const cases: [string, number, unknown, Record<string, unknown>][] = [
    ['row_not_found', 404, NotFoundError, { code: 'not_found' }],
    ['document_not_found', 404, NotFoundError, { code: 'not_found' }],
    ['user_not_found', 404, NotFoundError, { code: 'not_found' }],
    ['row_unique_constraint_violation', 409, ConflictError, { reason: 'duplicate' }],
    ['document_unique_constraint_violation', 409, ConflictError, { reason: 'duplicate' }],
    ['row_already_exists', 409, ConflictError, { reason: 'duplicate' }],
    ['transaction_conflict', 409, ConflictError, { reason: 'concurrent_change' }],
    ['row_update_conflict', 409, ConflictError, { reason: 'concurrent_change' }],
    ['user_unauthorized', 401, ForbiddenError, { code: 'forbidden' }],
    ['general_unauthorized_scope', 401, ForbiddenError, { code: 'forbidden' }],
    ['user_jwt_invalid', 401, ForbiddenError, { code: 'forbidden' }],
    ['row_invalid_structure', 400, ValidationError, { field: 'email', rule: 'appwrite' }],
  ];
  it.each(cases)('%s -> %o', (type, code, expected, fields) => {
    const message = 'Invalid document structure: Attribute "email" has invalid format.';
    const mapped = mapAppwriteError(new AppwriteException(message, code, type, '{}'));
    expect(mapped).toBeInstanceOf(expected as new (...args: never[]) => unknown);
    expect(mapped).toMatchObject({ appwriteType: type, ...fields });
  });

  it('leaves server trouble and non-Appwrite errors alone', () => {
    const outage = new AppwriteException('Server Error', 500, 'general_unknown', '');
    expect(mapAppwriteError(outage)).toBe(outage);
    const plain = new TypeError('x');
    expect(mapAppwriteError(plain)).toBe(plain);
  });
});
