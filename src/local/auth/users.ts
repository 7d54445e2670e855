import type { Sqlite } from '../store/open.js';
import { nowUtc } from '../datetime.js';

/**
 * The project's users, as far as databases care: identity, labels (for `label:X` roles) and the
 * fields node-appwrite's User model reads. Kept in its own SQLite table next to the metadata.
 */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  phone: string;
  labels: string[];
  emailVerification: boolean;
  phoneVerification: boolean;
  status: boolean;
  createdAt: string;
  updatedAt: string;
}

const USERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS auth_users (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  labels TEXT NOT NULL,
  email_verification INTEGER NOT NULL DEFAULT 0,
  phone_verification INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS auth_users_email ON auth_users(email) WHERE email <> '';
CREATE UNIQUE INDEX IF NOT EXISTS auth_users_phone ON auth_users(phone) WHERE phone <> '';
`;

interface UserRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  labels: string;
  email_verification: number;
  phone_verification: number;
  status: number;
  created_at: string;
  updated_at: string;
}

export class UserStore {
  /** Every JWT request reads its user (labels are evaluated per request), so this one stays prepared. */
  private readonly byId;

  constructor(private readonly db: Sqlite) {
    db.exec(USERS_SCHEMA);
    this.byId = db.prepare('SELECT * FROM auth_users WHERE id = ?');
  }

  get(id: string): UserRecord | undefined {
    const row = this.byId.get(id) as UserRow | undefined;
    return row && toRecord(row);
  }

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM auth_users ORDER BY seq').all() as UserRow[]).map(toRecord);
  }

  emailTaken(email: string): boolean {
    return email !== '' && this.db.prepare('SELECT 1 FROM auth_users WHERE email = ?').get(email) !== undefined;
  }

  phoneTaken(phone: string): boolean {
    return phone !== '' && this.db.prepare('SELECT 1 FROM auth_users WHERE phone = ?').get(phone) !== undefined;
  }

  insert(user: Pick<UserRecord, 'id' | 'name' | 'email' | 'phone'>): UserRecord {
    const now = nowUtc();
    this.db
      .prepare('INSERT INTO auth_users (id, name, email, phone, labels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(user.id, user.name, user.email, user.phone, '[]', now, now);
    return this.get(user.id)!;
  }

  setLabels(id: string, labels: readonly string[]): UserRecord | undefined {
    this.db.prepare('UPDATE auth_users SET labels = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(labels), nowUtc(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM auth_users WHERE id = ?').run(id).changes > 0;
  }
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    labels: JSON.parse(row.labels) as string[],
    emailVerification: row.email_verification === 1,
    phoneVerification: row.phone_verification === 1,
    status: row.status === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
