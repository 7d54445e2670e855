/**
 * A row table built by hand after src/local/sql-names.ts (system columns, c_<key> columns, NOCASE
 * text, JSON arrays, an external-content FTS5 table with triggers), filled with generated rows that
 * the reference evaluator (reference.ts) also sees as plain JS objects.
 */
import Database from 'better-sqlite3';
import { formatUtc } from '../../../src/local/datetime.js';
import { sqlRegexp, type QueryColumn, type QueryTable } from '../../../src/local/query/index.js';
import { seededRandom } from '../../../src/local/faults/prng.js';

export const SQL_TABLE = 'rows_1_1';
export const FTS_TABLE = 'rows_1_1__fts_bio';

export interface FixtureRow {
  $id: string;
  $sequence: number;
  $createdAt: string;
  $updatedAt: string;
  name: string;
  email: string | null;
  status: string;
  city: string | null;
  score: number;
  revenue: number | null;
  active: boolean | null;
  lastContactAt: string | null;
  tags: string[] | null;
  numbers: number[] | null;
  bio: string | null;
  secret: string | null;
}

const column = (key: string, type: QueryColumn['type'], extra: Partial<QueryColumn> = {}): [string, QueryColumn] => [
  key,
  { key, type, array: false, encrypt: false, ...extra },
];

export const TABLE: QueryTable = {
  sqlTable: SQL_TABLE,
  columns: new Map([
    column('name', 'varchar'),
    column('email', 'varchar', { format: 'email' }),
    column('status', 'varchar', { format: 'enum', elements: ['active', 'inactive', 'lead', 'prospect', 'archived'] }),
    column('city', 'string'),
    column('score', 'integer'),
    column('revenue', 'double'),
    column('active', 'boolean'),
    column('lastContactAt', 'datetime'),
    column('tags', 'varchar', { array: true }),
    column('numbers', 'integer', { array: true }),
    column('bio', 'text'),
    column('secret', 'varchar', { encrypt: true }),
  ]),
  fulltext: new Map([['bio', FTS_TABLE]]),
};

const STATUSES = ['active', 'inactive', 'lead', 'prospect', 'archived'];
const CITIES = ['Kuala Lumpur', 'Penang', 'ipoh', 'IPOH', 'Johor Bahru', 'Malacca'];
const FIRST = ['alice', 'Bob', 'carol', 'Dave', 'eve', 'Frank', 'grace', 'Heidi', 'ivan', 'Judy'];
const SPECIAL_NAMES = ['100% Pure', '100 Pure', 'snake_case', 'snakeXcase', 'back\\slash', 'Percent%Sign'];
const TAGS = ['vip', 'VIP', 'new', 'churn-risk', 'b2b', 'b2c'];
const WORDS = ['spider', 'man', 'spiderman', 'manager', 'sales', 'lead', 'invoice', 'Malaysia', 'renewal', 'urgent'];

export function generateRows(count: number): FixtureRow[] {
  const rand = seededRandom(42); // mulberry32: failures reproduce
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const maybe = <T>(value: T, nullRate = 0.2): T | null => (rand() < nullRate ? null : value);
  const base = Date.UTC(2024, 0, 1);
  const rows: FixtureRow[] = [];
  for (let i = 0; i < count; i++) {
    const name = i < SPECIAL_NAMES.length ? (SPECIAL_NAMES[i] as string) : `${pick(FIRST)} ${pick(FIRST)}${i % 7}`;
    // Created timestamps repeat (10 rows share each) so that tie-breaking is visible.
    const createdAt = formatUtc(base + Math.floor(i / 10) * 3_600_000);
    rows.push({
      $id: `row${String(i).padStart(4, '0')}`,
      $sequence: i + 1,
      $createdAt: createdAt,
      $updatedAt: formatUtc(base + (count - i) * 60_000),
      name,
      email: maybe(`${(name.split(' ')[0] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')}${i}@example.com`),
      status: pick(STATUSES),
      city: maybe(pick(CITIES), 0.25),
      score: Math.floor(rand() * 50) - 10,
      revenue: maybe(Math.round(rand() * 100_000) / 100),
      active: maybe(rand() < 0.5),
      lastContactAt: maybe(formatUtc(base + Math.floor(rand() * 400) * 86_400_000 + Math.floor(rand() * 86_400_000)), 0.3),
      tags: maybe(Array.from({ length: Math.floor(rand() * 3) }, () => pick(TAGS))),
      numbers: maybe(Array.from({ length: Math.floor(rand() * 4) }, () => Math.floor(rand() * 10))),
      bio: maybe(Array.from({ length: 2 + Math.floor(rand() * 5) }, () => pick(WORDS)).join(rand() < 0.3 ? '-' : ' ')),
      secret: maybe('s3cret'),
    });
  }
  return rows;
}

/**
 * ftsPrefix: the FTS5 `prefix` option, as the server now creates fulltext indexes ('1 2 3'); without
 * it the FTS table is one created before that option existed, which must answer the same.
 */
export function createFixtureDb(rows: readonly FixtureRow[], options: { ftsPrefix?: string } = {}): Database.Database {
  const db = new Database(':memory:');
  // What the server registers on its connection (see src/local/query/regexp.ts).
  db.function('regexp', { deterministic: true }, sqlRegexp);
  db.exec(`CREATE TABLE ${SQL_TABLE} (
    _seq INTEGER PRIMARY KEY AUTOINCREMENT,
    _id TEXT NOT NULL,
    _createdAt TEXT NOT NULL,
    _updatedAt TEXT NOT NULL,
    _permissions TEXT NOT NULL DEFAULT '[]',
    c_name TEXT COLLATE NOCASE, c_email TEXT COLLATE NOCASE, c_status TEXT COLLATE NOCASE,
    c_city TEXT COLLATE NOCASE, c_score INTEGER, c_revenue REAL, c_active INTEGER,
    c_lastContactAt TEXT, c_tags TEXT, c_numbers TEXT, c_bio TEXT COLLATE NOCASE, c_secret TEXT COLLATE NOCASE
  )`);
  db.exec(`CREATE UNIQUE INDEX ${SQL_TABLE}___id ON ${SQL_TABLE} (_id)`);
  db.exec(`CREATE INDEX ${SQL_TABLE}___createdAt ON ${SQL_TABLE} (_createdAt)`);
  db.exec(`CREATE INDEX ${SQL_TABLE}__i_name ON ${SQL_TABLE} (c_name)`);
  db.exec(`CREATE INDEX ${SQL_TABLE}__i_status ON ${SQL_TABLE} (c_status)`);
  db.exec(`CREATE INDEX ${SQL_TABLE}__i_score ON ${SQL_TABLE} (c_score)`);
  db.exec(`CREATE INDEX ${SQL_TABLE}__i_last ON ${SQL_TABLE} (c_lastContactAt)`);
  const prefix = options.ftsPrefix === undefined ? '' : `, prefix='${options.ftsPrefix}'`;
  db.exec(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(c_bio, content='${SQL_TABLE}', content_rowid='_seq'${prefix})`);
  db.exec(`CREATE TRIGGER ${FTS_TABLE}__ai AFTER INSERT ON ${SQL_TABLE} BEGIN
    INSERT INTO ${FTS_TABLE}(rowid, c_bio) VALUES (new._seq, new.c_bio); END`);
  const insert = db.prepare(`INSERT INTO ${SQL_TABLE} (_seq, _id, _createdAt, _updatedAt, c_name, c_email, c_status,
    c_city, c_score, c_revenue, c_active, c_lastContactAt, c_tags, c_numbers, c_bio, c_secret)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const r of rows) {
      insert.run(
        r.$sequence, r.$id, r.$createdAt, r.$updatedAt, r.name, r.email, r.status, r.city, r.score, r.revenue,
        r.active === null ? null : Number(r.active), r.lastContactAt,
        r.tags === null ? null : JSON.stringify(r.tags), r.numbers === null ? null : JSON.stringify(r.numbers),
        r.bio, r.secret,
      );
    }
  })();
  return db;
}
