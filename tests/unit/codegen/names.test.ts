import { describe, expect, it } from 'vitest';
import { constantCase, enumTypeName, pascalCase, rowTypeNameFor, singular } from '../../../src/codegen/names.js';

describe('codegen names', () => {
  it.each([
    ['customers', 'Customer'],
    ['audit_logs', 'AuditLog'],
    ['invoices', 'Invoice'],
    ['categories', 'Category'],
    ['addresses', 'Address'],
    ['boxes', 'Box'],
    ['status', 'Status'],
    ['invoice-line-items', 'InvoiceLineItem'],
    ['userSessions', 'UserSession'],
    ['2fa_codes', 'T2faCode'],
  ])('names the rows of table %s %s', (tableId, expected) => {
    expect(rowTypeNameFor(tableId)).toBe(expected);
  });

  it.each([
    ['customer_type', 'CustomerType'],
    ['customerType', 'CustomerType'],
    ['non-profit', 'NonProfit'],
    ['HTTPStatus', 'HTTPStatus'],
    ['', 'Unnamed'],
  ])('pascalCase(%j) is %s', (input, expected) => {
    expect(pascalCase(input)).toBe(expected);
  });

  it.each([
    ['CustomerStatus', 'CUSTOMER_STATUS'],
    ['AuditLogAction', 'AUDIT_LOG_ACTION'],
    ['HTTPStatus', 'HTTP_STATUS'],
    ['Invoice2Line', 'INVOICE2_LINE'],
  ])('constantCase(%s) is %s', (input, expected) => {
    expect(constantCase(input)).toBe(expected);
  });

  it.each([
    ['Customer', 'status', 'CustomerStatus'],
    ['Customer', 'customerType', 'CustomerType'],
    ['Customer', 'lead_source', 'CustomerLeadSource'],
    ['AuditLog', 'action', 'AuditLogAction'],
  ])('the enum of %s.%s is %s', (rowType, key, expected) => {
    expect(enumTypeName(rowType, key)).toBe(expected);
  });

  it('leaves words that are not plural alone', () => {
    expect(singular('status')).toBe('status');
    expect(singular('analysis')).toBe('analysis');
    expect(singular('data')).toBe('data');
  });
});
