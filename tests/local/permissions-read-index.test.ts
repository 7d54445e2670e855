import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ensureReadIndex } from '../../src/local/auth/read-index.js';
import { rowReadFilter } from '../../src/local/permissions.js';

/** The TEMP read index behind the row-security list filter: kept in sync by triggers, used by the planner. */

let db: Database.Database;
const table = 'rows_1_1';

beforeEach(() => {
  db = new Database(':memory:');
  db.exec(`CREATE TABLE ${table} (_seq INTEGER PRIMARY KEY AUTOINCREMENT, _id TEXT NOT NULL UNIQUE, _permissions TEXT NOT NULL DEFAULT '[]')`);
});
afterEach(() => db.close());

function insert(id: string, permissions: string[]): void {
  db.prepare(`INSERT INTO ${table} (_id, _permissions) VALUES (?, ?)`).run(id, JSON.stringify(permissions));
}

function visible(roles: string[]): string[] {
  const filter = rowReadFilter(roles, ensureReadIndex(db, table));
  return (db.prepare(`SELECT _id FROM ${table} WHERE ${filter.sql} ORDER BY _seq`).all(...filter.params) as { _id: string }[]).map((r) => r._id);
}

describe('read index', () => {
  it('backfills existing rows and only indexes read permissions', () => {
    insert('a', ['read("user:a")', 'update("user:b")']);
    insert('b', ['read("users")']);
    expect(visible(['any', 'user:a'])).toEqual(['a']);
    expect(visible(['any', 'user:b'])).toEqual([]);
    expect(visible(['any', 'users'])).toEqual(['b']);
  });

  it('follows inserts, permission updates and deletes after it was built', () => {
    insert('a', ['read("user:a")']);
    expect(visible(['user:a'])).toEqual(['a']);
    insert('b', ['read("user:a")', 'read("any")']);
    db.prepare(`UPDATE ${table} SET _permissions = ? WHERE _id = 'a'`).run(JSON.stringify(['read("user:z")']));
    expect(visible(['user:a'])).toEqual(['b']);
    expect(visible(['user:z'])).toEqual(['a']);
    db.prepare(`DELETE FROM ${table} WHERE _id = 'b'`).run();
    expect(visible(['any', 'user:a'])).toEqual([]);
  });

  it('a rolled-back write leaves the index as it was', () => {
    insert('a', ['read("any")']);
    expect(visible(['any'])).toEqual(['a']);
    expect(() =>
      db.transaction(() => {
        db.prepare(`DELETE FROM ${table} WHERE _id = 'a'`).run();
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(visible(['any'])).toEqual(['a']);
  });

  it('the filter is an index lookup, and nothing reaches the data file schema', () => {
    const filter = rowReadFilter(['any', 'user:a'], ensureReadIndex(db, table));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM ${table} WHERE ${filter.sql}`).all(...filter.params) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/rows_1_1__read USING (COVERING |PRIMARY )?(INDEX|KEY)/);
    expect(plan).not.toMatch(/SCAN rows_1_1__read/);
    const persistent = db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%__read%'`).all();
    expect(persistent).toEqual([]);
  });
});

describe('read index lifecycle', () => {
  it('is rebuilt for a row table that was dropped and created again under the same name', () => {
    insert('old', ['read("any")']);
    expect(visible(['any'])).toEqual(['old']);
    db.exec(`DROP TABLE ${table}`);
    db.exec(`CREATE TABLE ${table} (_seq INTEGER PRIMARY KEY AUTOINCREMENT, _id TEXT NOT NULL UNIQUE, _permissions TEXT NOT NULL DEFAULT '[]')`);
    insert('new', ['read("any")']);
    expect(visible(['any'])).toEqual(['new']);
    insert('newer', ['read("any")']);
    expect(visible(['any'])).toEqual(['new', 'newer']);
  });

  it('survives column adds, renames and drops on the row table', () => {
    db.exec(`ALTER TABLE ${table} ADD COLUMN c_a TEXT`);
    insert('a', ['read("any")']);
    expect(visible(['any'])).toEqual(['a']);
    db.exec(`ALTER TABLE ${table} RENAME COLUMN c_a TO c_b`);
    db.exec(`ALTER TABLE ${table} DROP COLUMN c_b`);
    insert('b', ['read("any")']);
    expect(visible(['any'])).toEqual(['a', 'b']);
  });
});
