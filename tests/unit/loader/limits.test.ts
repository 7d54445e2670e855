import { describe, expect, it } from 'vitest';
import { columnRowBytes, estimateRowBytes, indexColumnKeyLength } from '../../../src/model/limits.js';
import type { Column } from '../../../src/model/types.js';

const base = { required: false, array: false, default: null } as const;
const varchar = (size: number): Column => ({ ...base, key: 'v', type: 'varchar', size, encrypt: false });

describe('row width arithmetic (api-facts §4.3)', () => {
  it.each([
    ['varchar(255)', varchar(255), 1021],
    ['varchar(256)', varchar(256), 1026],
    // api-facts' table says 1018, but its own formula (254*4+1, as utopia-php computes it) gives 1017.
    ['email', { ...base, key: 'e', type: 'email' } as Column, 1017],
    ['url', { ...base, key: 'u', type: 'url' } as Column, 8002],
    ['ip', { ...base, key: 'i', type: 'ip' } as Column, 157],
    ['enum', { ...base, key: 'n', type: 'enum', elements: [{ value: 'a' }] } as Column, 1021],
    ['text', { ...base, key: 't', type: 'text', encrypt: false } as Column, 20],
    ['string(20000) becomes TEXT', { ...base, key: 's', type: 'string', size: 20000, encrypt: false } as Column, 20],
    ['array varchar', { ...varchar(100), array: true } as Column, 20],
    ['integer without max (int64)', { ...base, key: 'n', type: 'integer' } as Column, 8],
    ['integer max 1000', { ...base, key: 'n', type: 'integer', max: 1000 } as Column, 4],
    ['float', { ...base, key: 'f', type: 'float' } as Column, 8],
    ['datetime', { ...base, key: 'd', type: 'datetime' } as Column, 7],
    ['boolean', { ...base, key: 'b', type: 'boolean' } as Column, 1],
  ])('%s', (_name, column, bytes) => {
    expect(columnRowBytes(column)).toBe(bytes);
  });

  it('fits one varchar(16116) on an empty table but not varchar(16117)', () => {
    expect(estimateRowBytes({ columns: [varchar(16116)] })).toBe(65533);
    expect(estimateRowBytes({ columns: [varchar(16117)] })).toBe(65537);
  });

  it('counts index key length per column type', () => {
    expect(indexColumnKeyLength(varchar(200), null)).toBe(200);
    expect(indexColumnKeyLength(varchar(200), 50)).toBe(50);
    expect(indexColumnKeyLength({ ...base, key: 'f', type: 'float' }, null)).toBe(2);
    expect(indexColumnKeyLength(undefined, null, '$createdAt')).toBe(1);
  });
});
