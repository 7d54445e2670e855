import { describe, expect, it } from 'vitest';
import kleur from 'kleur';
import { diff } from '../../../src/diff/index.js';
import { renderJson, renderMarkdown, renderText } from '../../../src/render/index.js';
import { customers, db } from '../diff/builders.js';
import { samplePlan } from './sample-plan.js';

const ESC = String.fromCharCode(27);
const empty = diff(db([customers()]), db([customers()]));

describe('renderText', () => {
  it('matches the snapshot without colour', () => {
    expect(renderText(samplePlan(), { color: false })).toMatchSnapshot();
  });

  it('groups by table, marks each risk, shows pre-check findings and ends with the summary', () => {
    const text = renderText(samplePlan(), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).toMatch(/^Table customers$/m);
    expect(text).toMatch(/^ {2}\+ create column score/m);
    expect(text).toMatch(/^ {2}! update column status/m);
    expect(text).toMatch(/^ {2}- replace column zip/m);
    expect(text).toMatch(/^ {2}~ rename column phone → mobile/m);
    expect(text).toContain('3 rows would break (rows r1, r7, r9)');
    expect(text).toContain('longer than 16 characters: none found');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 14 changes (8 safe, 3 data-dependent, 3 destructive).');
  });

  it('is quiet: a plain create has no reason line under it', () => {
    const text = renderText(samplePlan(), { color: false });
    expect(text).not.toContain('new in the schema');
    expect(text).not.toContain('not in the live project');
  });

  it('says how destructive changes run only where the flag is still to be given (plan, diff), exactly', () => {
    expect(renderText(samplePlan(), { color: false })).not.toContain('--allow-destructive');
    const hinted = renderText(samplePlan(), { color: false, gateHint: true });
    expect(hinted.trimEnd().split('\n').at(-1)).toBe('3 destructive changes lose data; `crm-schema apply` runs them only with --allow-destructive.');
  });

  it('counts in words that agree with the number, and says when a sample is only some of the rows', () => {
    const plan = samplePlan();
    const one = { ...plan, operations: plan.operations.slice(0, 1), summary: { safe: 1, data_dependent: 0, destructive: 0, total: 1 } };
    expect(renderText(one, { color: false })).toContain('Plan: 1 change (1 safe');
    const some = { ...plan, prechecks: plan.prechecks.map((check) => (check.result?.violatingRows === 3 ? { ...check, result: { ...check.result, violatingRows: 40 } } : check)) };
    expect(renderText(some, { color: false })).toContain('40 rows would break (among them r1, r7, r9)');
  });

  it('says so when there is nothing to do', () => {
    expect(renderText(empty, { color: false })).toBe('No changes: database console-db matches the schema.\n');
  });

  it('colours only when asked, and colour changes nothing but escape codes', () => {
    const previous = kleur.enabled;
    kleur.enabled = true; // kleur switches itself off when the test runner's output is not a TTY.
    const coloured = renderText(samplePlan(), { color: true });
    kleur.enabled = previous;
    expect(coloured).toContain(`${ESC}[31m-${ESC}[39m ${ESC}[31mreplace column zip`);
    const plain = renderText(samplePlan(), { color: false });
    expect(coloured.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).toBe(plain);
  });
});

describe('renderMarkdown', () => {
  it('matches the snapshot', () => {
    expect(renderMarkdown(samplePlan())).toMatchSnapshot();
  });

  it('puts the summary table first, destructive items before data-dependent ones, details last', () => {
    const markdown = renderMarkdown(samplePlan());
    const table = markdown.indexOf('| destructive | 3 |');
    const caution = markdown.indexOf('[!CAUTION]');
    const warning = markdown.indexOf('[!WARNING]');
    const details = markdown.indexOf('#### Table `customers`');
    expect(table).toBeGreaterThan(0);
    expect(caution).toBeGreaterThan(table);
    expect(warning).toBeGreaterThan(caution);
    expect(details).toBeGreaterThan(warning);
  });

  it('escapes user text that would break the markup', () => {
    const plan = diff(db([customers()]), db([customers([], [], { name: 'A|B <script>' })]));
    const markdown = renderMarkdown(plan);
    expect(markdown).toContain('A\\|B \\<script\\>');
    expect(markdown).not.toContain('<script>');
  });

  it('reports no changes in one line', () => {
    expect(renderMarkdown(empty)).toContain('No changes: database console-db matches the schema.');
  });
});

describe('renderJson', () => {
  it('matches the snapshot', () => {
    expect(renderJson(samplePlan())).toMatchSnapshot();
  });

  it('is versioned, with a fixed top-level order and sorted nested keys', () => {
    const parsed = JSON.parse(renderJson(samplePlan())) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['formatVersion', 'database', 'changes', 'summary', 'fingerprint', 'operations', 'prechecks']);
    expect(parsed.formatVersion).toBe(1);
    for (const op of parsed.operations as Record<string, unknown>[]) {
      const keys = Object.keys(op);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('round-trips every operation and pre-check of the plan', () => {
    const plan = samplePlan();
    const parsed = JSON.parse(renderJson(plan)) as { operations: unknown[]; prechecks: unknown[] };
    expect(parsed.operations).toEqual(JSON.parse(JSON.stringify(plan.operations)));
    expect(parsed.prechecks).toEqual(JSON.parse(JSON.stringify(plan.prechecks)));
  });

  it('is byte-identical for equal plans', () => {
    expect(renderJson(samplePlan())).toBe(renderJson(samplePlan()));
    expect(JSON.parse(renderJson(empty))).toMatchObject({ changes: false, operations: [], prechecks: [] });
  });
});
