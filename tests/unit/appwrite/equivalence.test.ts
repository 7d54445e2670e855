import { describe, expect, it } from 'vitest';
import { sameColumn, sameIndex } from '../../../src/appwrite/equivalence.js';
import type { Column, Index } from '../../../src/model/index.js';

const live: Column = { key: 'status', type: 'enum', required: false, array: false, default: 'a', elements: [{ value: 'a' }, { value: 'b' }] };

describe('sameColumn', () => {
  it('ignores documentation and the rename instruction', () => {
    const desired: Column = {
      ...live,
      description: 'Status',
      renamedFrom: 'state',
      elements: [{ value: 'a', description: 'A' }, { value: 'b' }],
    };
    expect(sameColumn(live, desired)).toBe(true);
  });

  it('treats an absent bound and an explicit undefined one alike', () => {
    const a: Column = { key: 'n', type: 'integer', required: false, array: false, default: null, min: 0 };
    expect(sameColumn(a, { ...a, max: undefined })).toBe(true);
    expect(sameColumn(a, { ...a, max: 10 })).toBe(false);
  });

  it('tells stored differences apart', () => {
    expect(sameColumn(live, { ...live, default: 'b' })).toBe(false);
    expect(sameColumn(live, { ...live, elements: [{ value: 'a' }] })).toBe(false);
    expect(sameColumn(live, { ...live, required: true, default: null })).toBe(false);
  });
});

describe('sameIndex', () => {
  const index: Index = { key: 'i', type: 'key', columns: ['a', 'b'], orders: ['asc', 'desc'], lengths: [null, null] };
  it('compares type, columns, orders and lengths but not the description', () => {
    expect(sameIndex(index, { ...index, description: 'doc' })).toBe(true);
    expect(sameIndex(index, { ...index, orders: ['asc', 'asc'] })).toBe(false);
    expect(sameIndex(index, { ...index, type: 'unique' })).toBe(false);
  });
});
