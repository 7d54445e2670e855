import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { ConflictError, ValidationError, type AuditLog } from '../../src/runtime/index.js';
import { startRuntimeHarness, thrown, type RuntimeHarness } from './harness.js';

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(() => h.close());

async function auditOf(customerId: string): Promise<AuditLog[]> {
  const page = await h.tables.listRows({ databaseId: 'console-db', tableId: 'audit_logs', queries: [Query.equal('customerId', customerId), Query.limit(1000)] });
  return page.rows as unknown as AuditLog[];
}

async function countRows(tableId: string): Promise<number> {
  return (await h.tables.listRows({ databaseId: 'console-db', tableId, queries: [Query.limit(1)] })).total;
}

describe('createCustomer with an API key', () => {
  it('creates the row with defaults, a normalised email and its audit entry, in at most 3 requests', async () => {
    const before = h.server.stats().requests;
    const created = await h.service.createCustomer({ name: 'Ada Lovelace', email: '  Ada@Example.COM ', phone: '+60 12 345' }, 'u-ada');
    const requests = h.server.stats().requests - before;
    expect(requests).toBeLessThanOrEqual(3);
    const stored = await h.service.getCustomer(created.$id);
    expect(stored).toMatchObject({ userId: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com', status: 'active', customerType: 'individual', totalRevenue: 0, totalInvoices: 0, createdBy: 'u-ada', currency: 'MYR' });
    expect(stored.$permissions.sort()).toEqual(['delete("user:u-ada")', 'read("user:u-ada")', 'update("user:u-ada")']);
    const { $sequence: _s, ...storedWithoutSequence } = stored;
    expect(created).toEqual(storedWithoutSequence);
    const audit = await auditOf(created.$id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'u-ada', action: 'customer.created', customerId: created.$id });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('also takes at most 3 requests through a JWT when name and email are given (the user id comes from the token)', async () => {
    const { service } = await h.userService('jwt-creator');
    const before = h.server.stats().requests;
    const created = await service.createCustomer({ name: 'Jay Doe', email: 'jay@example.com' }, 'jwt-creator');
    expect(h.server.stats().requests - before).toBeLessThanOrEqual(3);
    expect(await h.service.getCustomer(created.$id)).toMatchObject({ userId: 'jwt-creator', createdBy: 'jwt-creator', email: 'jay@example.com' });
    const audit = await auditOf(created.$id);
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['customer.created', 'jwt-creator']]);
  });

  it('takes name and email from the Users API when omitted', async () => {
    await h.users.create({ userId: 'u-grace', email: 'Grace@Navy.mil', name: 'Grace Hopper' });
    const created = await h.service.createCustomer({}, 'u-grace');
    expect(created).toMatchObject({ name: 'Grace Hopper', email: 'grace@navy.mil' });
  });

  it('refuses a second customer for the same user and a second one with the same email in any case', async () => {
    await h.service.createCustomer({ name: 'One', email: 'one@example.com' }, 'u-one');
    const sameUser = await thrown(() => h.service.createCustomer({ name: 'One again' }, 'u-one'));
    expect(sameUser).toBeInstanceOf(ConflictError);
    expect(sameUser).toMatchObject({ reason: 'duplicate', field: 'userId' });
    const sameEmail = await thrown(() => h.service.createCustomer({ name: 'Two', email: ' ONE@example.com' }, 'u-two'));
    expect(sameEmail).toMatchObject({ reason: 'duplicate', field: 'email' });
    expect(await h.service.getCustomerByUserId('u-two')).toBeNull();
  });
});

describe('validation: every rule refuses with a typed error, all problems at once, nothing written', () => {
  const cases: [string, Record<string, unknown>, { field: string; rule: string }[]][] = [
    ['name missing', { email: 'x@example.com' }, [{ field: 'name', rule: 'required' }]],
    ['name too long', { name: 'n'.repeat(201) }, [{ field: 'name', rule: 'max_length' }]],
    ['bad email', { name: 'A', email: 'not-an-email' }, [{ field: 'email', rule: 'email_format' }]],
    ['bad url', { name: 'A', website: 'not a url' }, [{ field: 'website', rule: 'url_format' }]],
    ['bad enum', { name: 'A', source: 'tv' }, [{ field: 'source', rule: 'enum' }]],
    ['company required for companies', { name: 'A', customerType: 'company' }, [{ field: 'company', rule: 'required_when' }]],
    ['company required for government', { name: 'A', customerType: 'government', company: ' ' }, [{ field: 'company', rule: 'required_when' }]],
    ['notes not JSON', { name: 'A', notes: 'hello' }, [{ field: 'notes', rule: 'json' }]],
    ['notes field of the wrong type', { name: 'A', notes: JSON.stringify({ general: 5 }) }, [{ field: 'notes.general', rule: 'json_type' }]],
    ['metadata unknown field', { name: 'A', metadata: JSON.stringify({ colour: 'red' }) }, [{ field: 'metadata.colour', rule: 'json_unknown_field' }]],
    ['metadata over 5000 characters', { name: 'A', metadata: JSON.stringify({ tags: ['x'.repeat(5000)] }) }, [{ field: 'metadata', rule: 'max_length' }]],
    ['bad datetime', { name: 'A', nextFollowUpAt: 'tomorrow' }, [{ field: 'nextFollowUpAt', rule: 'datetime' }]],
    ['currency too long', { name: 'A', currency: 'EURO' }, [{ field: 'currency', rule: 'max_length' }]],
    ['unknown column', { name: 'A', shoeSize: 42 }, [{ field: 'shoeSize', rule: 'unknown_field' }]],
    ['null status', { name: 'A', status: null }, [{ field: 'status', rule: 'required' }]],
    ['several at once', { name: '', email: 'bad', customerType: 'non-profit', language: 'fr' }, [
      { field: 'email', rule: 'email_format' },
      { field: 'language', rule: 'enum' },
      { field: 'name', rule: 'required' },
      { field: 'company', rule: 'required_when' },
    ]],
  ];
  it.each(cases)('%s', async (_name, data, expected) => {
    const customersBefore = await countRows('customers');
    const auditBefore = await countRows('audit_logs');
    const error = await thrown(() => h.service.createCustomer(data as never, `u-invalid-${Math.random()}`));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map(({ field, rule }) => ({ field, rule }))).toEqual(expected);
    expect(await countRows('customers')).toBe(customersBefore);
    expect(await countRows('audit_logs')).toBe(auditBefore);
  });

  it('totals may not go below 0 and userId cannot change', async () => {
    const created = await h.service.createCustomer({ name: 'Totals' }, 'u-totals');
    const negative = await thrown(() => h.service.updateCustomer(created.$id, { totalRevenue: -1, totalInvoices: 1.5 }, 'admin'));
    expect((negative as ValidationError).problems.map((p) => [p.field, p.rule])).toEqual([['totalRevenue', 'min'], ['totalInvoices', 'type']]);
    const moved = await thrown(() => h.service.updateCustomer(created.$id, { userId: 'someone-else' }, 'admin'));
    expect((moved as ValidationError).problems.map((p) => [p.field, p.rule])).toEqual([['userId', 'immutable']]);
    expect((await h.service.getCustomer(created.$id)).userId).toBe('u-totals');
    expect(await auditOf(created.$id)).toHaveLength(1);
  });
});
