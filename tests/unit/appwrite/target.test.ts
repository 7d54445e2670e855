import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { normalizeEndpoint, resolveTarget } from '../../../src/appwrite/target.js';
import { Secret } from '../../../src/appwrite/secret.js';
import { CrmSchemaError } from '../../../src/errors.js';

const FULL_ENV = {
  APPWRITE_ENDPOINT: 'https://appwrite.example.test/v1',
  APPWRITE_PROJECT_ID: 'crm',
  APPWRITE_API_KEY: 'standard_0123456789abcdef',
};

describe('resolveTarget', () => {
  it('uses the APPWRITE_* variables', () => {
    const target = resolveTarget({}, FULL_ENV);
    expect(target.kind).toBe('remote');
    if (target.kind !== 'remote') return;
    expect(target.endpoint).toBe('https://appwrite.example.test/v1');
    expect(target.projectId).toBe('crm');
    expect(target.apiKey.reveal()).toBe('standard_0123456789abcdef');
  });

  it('lets flags override the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-key-'));
    const keyFile = path.join(dir, 'key');
    writeFileSync(keyFile, 'from-file\n');
    const target = resolveTarget({ endpoint: 'http://127.0.0.1:9/v1', project: 'other', apiKeyFile: keyFile }, FULL_ENV);
    expect(target).toMatchObject({ kind: 'remote', endpoint: 'http://127.0.0.1:9/v1', projectId: 'other' });
    expect(target.kind === 'remote' && target.apiKey.reveal()).toBe('from-file');
  });

  it('falls back to the embedded local server outside CI and refuses to in CI', () => {
    expect(resolveTarget({}, {})).toEqual({ kind: 'local', reason: 'default' });
    expect(() => resolveTarget({}, { CI: 'true' })).toThrow(/no Appwrite target configured in CI/);
    expect(resolveTarget({ local: true }, { CI: 'true', ...FULL_ENV })).toEqual({ kind: 'local', reason: 'flag' });
  });

  it.each(['true', 'TRUE', '1', 'yes', 'gitlab'])('treats CI=%s as CI: no silent fallback to the local server', (value) => {
    expect(() => resolveTarget({}, { CI: value })).toThrow(/no Appwrite target configured in CI/);
  });

  it.each(['', 'false', 'FALSE', '0', ' '])('treats CI=%j as not CI', (value) => {
    expect(resolveTarget({}, { CI: value })).toEqual({ kind: 'local', reason: 'default' });
  });

  it('names every missing piece of an incomplete target', () => {
    const attempt = (): unknown => resolveTarget({}, { APPWRITE_ENDPOINT: 'https://x.test' });
    expect(attempt).toThrow(CrmSchemaError);
    expect(attempt).toThrow(/missing project \(--project or APPWRITE_PROJECT_ID\), API key/);
  });

  it('reports an unreadable or empty key file without echoing anything secret', () => {
    expect(() => resolveTarget({ apiKeyFile: '/nonexistent/key' }, FULL_ENV)).toThrow(/cannot read the API key file \/nonexistent\/key \(ENOENT\)/);
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-key-'));
    writeFileSync(path.join(dir, 'empty'), '  \n');
    expect(() => resolveTarget({ apiKeyFile: path.join(dir, 'empty') }, FULL_ENV)).toThrow(/is empty/);
  });
});

describe('normalizeEndpoint', () => {
  it.each([
    ['https://cloud.appwrite.io', 'https://cloud.appwrite.io/v1'],
    ['https://cloud.appwrite.io/', 'https://cloud.appwrite.io/v1'],
    ['https://cloud.appwrite.io/v1/', 'https://cloud.appwrite.io/v1'],
    ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });

  it('rejects something that is not a URL', () => {
    expect(() => normalizeEndpoint('not a url')).toThrow(/invalid Appwrite endpoint/);
  });
});

describe('Secret', () => {
  it('never shows its value by accident', () => {
    const secret = new Secret('standard_topsecret');
    const shown = [String(secret), `${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ nested: secret })];
    for (const text of shown) expect(text).not.toContain('topsecret');
    expect(secret.reveal()).toBe('standard_topsecret');
  });
});
