import type { CustomerInput, CustomerInteractionInput, InvoiceInput } from '../generated/schema-types.js';
import { SeedRandom } from './random.js';
import * as words from './vocabulary.js';

/**
 * Deterministic, realistic demo data. Everything derives from (seed, index), so the same seed gives
 * the same ids and values (a re-run adds nothing) and another seed gives a distinct set (its ids and
 * emails carry the seed). Dates are relative to a fixed anchor, not to "now", for the same reason.
 */

export interface SeedOptions {
  readonly seed: string;
  readonly customers: number;
  /** Average invoices per customer (each gets 0..2×). */
  readonly invoices: number;
}

export interface SeedUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly labels: readonly string[];
}

type WithId<T> = T & { $id: string; $permissions: string[] };

export interface SeedCustomer {
  readonly owner: SeedUser;
  readonly customer: WithId<CustomerInput>;
  readonly invoices: WithId<InvoiceInput>[];
  readonly interactions: WithId<CustomerInteractionInput>[];
}

export const SALES_REP_LABEL = 'salesrep';
const ANCHOR = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

/** Seeds name ids, so they are limited to what an Appwrite id may hold. */
export function isValidSeed(seed: string): boolean {
  return /^[A-Za-z0-9]{1,12}$/.test(seed);
}

const prefix = (seed: string) => `sd${seed}`;

/** A few admins and one sales rep per 500 customers (3..50). */
export function staffUsers(options: SeedOptions): SeedUser[] {
  const reps = Math.min(50, Math.max(3, Math.ceil(options.customers / 500)));
  const staff: SeedUser[] = [];
  for (let k = 0; k < 2; k++) staff.push(staffUser(options.seed, `admin${k}`, 'superadmin'));
  for (let k = 0; k < reps; k++) staff.push(staffUser(options.seed, `rep${k}`, SALES_REP_LABEL));
  return staff;
}

function staffUser(seed: string, role: string, label: string): SeedUser {
  const random = new SeedRandom(seed, 'staff', role);
  const first = random.pick(words.FIRST_NAMES);
  const last = random.pick(words.LAST_NAMES);
  return { id: `${prefix(seed)}-${role}`, name: `${first} ${last}`, email: `${role}.${seed}@staff.example.com`.toLowerCase(), labels: [label] };
}

const iso = (time: number) => new Date(time).toISOString().replace(/Z$/, '+00:00');
const owned = (userId: string) => [`read("user:${userId}")`, `update("user:${userId}")`, `delete("user:${userId}")`];

export function seedCustomer(options: SeedOptions, n: number, reps: readonly SeedUser[]): SeedCustomer {
  const r = new SeedRandom(options.seed, 'customer', n);
  const id = `${prefix(options.seed)}-c${n}`;
  const first = r.pick(words.FIRST_NAMES);
  const last = r.pick(words.LAST_NAMES);
  const name = `${first} ${last}`;
  const owner: SeedUser = { id: `${prefix(options.seed)}-u${n}`, name, email: `${first}.${last}.${options.seed}.${n}@example.com`.replace(/\s+/g, '').toLowerCase(), labels: [] };
  const customerType = r.weighted([['individual', 55], ['company', 35], ['non-profit', 5], ['government', 5]] as const);
  const organisation = customerType !== 'individual' || r.chance(0.3);
  const company = organisation ? `${r.pick(words.COMPANY_WORDS)} ${r.pick(words.COMPANY_KINDS)} ${r.pick(words.COMPANY_SUFFIXES)}` : null;
  const [city, state, country, timezone] = r.pick(words.PLACES);
  const invoices = seedInvoices(r, options, id, owner.id, n);
  const interactions = seedInteractions(r, options.seed, id, owner.id, n, reps);
  const paidCents = invoices.filter((invoice) => invoice.status === 'paid').reduce((sum, invoice) => sum + Math.round(invoice.total * 100), 0);
  const lastContact = interactions.reduce((latest, interaction) => Math.max(latest, Date.parse(interaction.at)), 0);
  const tags = words.TAGS.filter(() => r.chance(0.15));
  const customer: WithId<CustomerInput> = {
    $id: id,
    $permissions: owned(owner.id),
    userId: owner.id,
    name,
    email: owner.email,
    phone: `+60 1${r.int(0, 9)}-${r.int(100, 999)} ${r.int(1000, 9999)}`,
    company,
    jobTitle: organisation ? r.pick(words.JOB_TITLES) : null,
    address: `${r.int(1, 250)}, ${r.pick(words.STREETS)}`,
    city,
    state,
    zipCode: String(r.int(10000, 98999)),
    country,
    website: company === null ? null : `https://www.${company.split(' ')[0]!.toLowerCase()}${n}.example.com`,
    status: r.weighted([['active', 50], ['inactive', 10], ['lead', 20], ['prospect', 15], ['archived', 5]] as const),
    assignedTo: reps.length === 0 ? null : r.pick(reps).id,
    source: r.pick(['website', 'referral', 'social_media', 'advertising', 'trade_show', 'cold_call', 'email_campaign', 'other'] as const),
    industry: r.pick(words.INDUSTRIES),
    customerType,
    currency: r.weighted([['MYR', 80], ['SGD', 10], ['USD', 10]] as const),
    language: r.weighted([['en', 70], ['ms', 30]] as const),
    timezone,
    notes: r.chance(0.4) ? JSON.stringify({ general: `Prefers ${r.pick(['email', 'phone calls', 'WhatsApp'])}.` }) : null,
    metadata: tags.length > 0 ? JSON.stringify({ tags }) : null,
    lastContactAt: lastContact === 0 ? null : iso(lastContact),
    nextFollowUpAt: r.chance(0.6) ? iso(ANCHOR + r.int(-30, 30) * DAY + r.int(9, 17) * 3_600_000) : null,
    totalRevenue: paidCents / 100,
    totalInvoices: invoices.length,
    createdBy: owner.id,
    updatedBy: owner.id,
  };
  return { owner, customer, invoices, interactions };
}

function seedInvoices(r: SeedRandom, options: SeedOptions, customerId: string, userId: string, n: number): WithId<InvoiceInput>[] {
  const count = r.int(0, Math.max(0, Math.round(options.invoices * 2)));
  return Array.from({ length: count }, (_, k) => ({
    $id: `${prefix(options.seed)}-i${n}-${k}`,
    $permissions: [`read("user:${userId}")`],
    customerId,
    userId,
    status: r.weighted([['paid', 60], ['sent', 15], ['overdue', 10], ['draft', 10], ['void', 5]] as const),
    total: r.int(5_000, 500_000) / 100,
    issuedAt: iso(ANCHOR - r.int(1, 720) * DAY),
  }));
}

function seedInteractions(r: SeedRandom, seed: string, customerId: string, userId: string, n: number, reps: readonly SeedUser[]): WithId<CustomerInteractionInput>[] {
  return Array.from({ length: r.int(0, 3) }, (_, k) => ({
    $id: `${prefix(seed)}-x${n}-${k}`,
    $permissions: [`read("user:${userId}")`],
    customerId,
    userId,
    type: r.pick(['call', 'email', 'meeting', 'note', 'other'] as const),
    summary: r.pick(words.INTERACTION_SUMMARIES),
    at: iso(ANCHOR - r.int(0, 180) * DAY - r.int(0, 86_399) * 1000),
    createdBy: reps.length === 0 ? userId : r.pick(reps).id,
  }));
}
