import { createHash, randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { CrmSchemaError, EXIT } from '../errors.js';
import type { MigrationStore } from './store.js';
import type { LeaseRecord } from './types.js';

export interface LeaseOptions {
  /** How long a lease lives without renewal; renewed every third of it while the run is alive. */
  readonly ttlMs: number;
  /** How long to wait for another run's lease before giving up (exit 4). */
  readonly lockTimeoutMs: number;
  readonly owner?: string;
  readonly pollMs?: number;
  readonly onWait?: (holder: LeaseRecord) => void;
  /**
   * Called as soon as this run's lease row exists, before the read that confirms it is the newest:
   * reads that need the lease can overlap that read. When acquire goes on waiting instead (a newer
   * generation won), it calls this again after its next create.
   */
  readonly onCreated?: () => void;
}

/**
 * `user@host:pid:tag+random`: unique per run, and says where to look for the process. The first four
 * hex digits tag the process table: containers that share the host's name (host networking) but
 * not its processes get different tags, so none mistakes another's live run for a dead one.
 */
export function runOwner(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the host and pid still identify the run.
  }
  return `${user}@${hostname()}:${process.pid}:${processTableTag()}${randomBytes(3).toString('hex')}`;
}

let tag: string | undefined;
function processTableTag(): string {
  if (tag === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid'); // e.g. `pid:[4026531836]`; absent outside Linux
    } catch {
      // No PID namespaces here: the host name alone tells processes apart.
    }
    tag = createHash('sha256').update(`${hostname()}\n${namespace}`).digest('hex').slice(0, 4);
  }
  return tag;
}

/**
 * Whether the process that holds a lease still runs: known only on the same host and in the same
 * process table (a signal-0 probe); undefined elsewhere, where only the expiry tells.
 */
export function holderAlive(owner: string): boolean | undefined {
  const match = /@([^:@]+):(\d+):([0-9a-f]{4})[0-9a-f]+$/.exec(owner);
  if (match === null || match[1] !== hostname() || match[3] !== processTableTag()) return undefined;
  try {
    process.kill(Number(match[2]), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const GENERATION_DIGITS = 9;
export const leaseId = (generation: number): string => `lease-${String(generation).padStart(GENERATION_DIGITS, '0')}`;

/**
 * The migration lock. Each acquisition creates the row of the next generation (`lease-000000042`);
 * row ids are unique, so when several runs race for an expired or released lease exactly one create
 * succeeds and the others see a conflict and go back to waiting. No compare-and-set is needed and
 * nothing is ever overwritten by a loser; a create that succeeds only because its generation was
 * already cleared away (the run stalled meanwhile) is not the newest row and is given up. The holder renews its row's expiry every ttl/3; a holder
 * that finds its own lease expired (it was paused longer than the ttl) stops before its next step.
 */
export class Lease {
  #lost: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #expiresAt: number;
  /** The renewal in flight, which release waits for so that it cannot land after the release. */
  #renewing: Promise<void> | undefined;

  private constructor(
    private readonly store: MigrationStore,
    readonly record: LeaseRecord,
    private readonly ttlMs: number,
  ) {
    this.#expiresAt = Date.parse(record.expiresAt);
    this.#timer = setInterval(() => {
      this.#renewing ??= this.#renew().finally(() => {
        this.#renewing = undefined;
      });
    }, Math.max(50, Math.floor(ttlMs / 3)));
    this.#timer.unref();
  }

  static async acquire(store: MigrationStore, options: LeaseOptions): Promise<Lease> {
    const owner = options.owner ?? runOwner();
    const deadline = Date.now() + options.lockTimeoutMs;
    const pollMs = options.pollMs ?? 500;
    let reported = '';
    for (;;) {
      const [newest] = await store.listLeases(10);
      // Our own create went through but its response was lost (and the retry saw a conflict).
      if (newest !== undefined && newest.owner === owner && Date.parse(newest.expiresAt) > Date.now()) return new Lease(store, newest, options.ttlMs);
      if (newest === undefined || isFree(newest)) {
        const now = Date.now();
        const generation = (newest?.generation ?? 0) + 1;
        const record: LeaseRecord = {
          id: leaseId(generation),
          generation,
          owner,
          acquiredAt: new Date(now).toISOString(),
          expiresAt: new Date(now + options.ttlMs).toISOString(),
        };
        if (await store.createLease(record)) {
          options.onCreated?.();
          // A run that stalled between reading and creating can create a generation that a newer holder
          // has already cleared away: it holds the lock only if its row is the newest.
          // One read answers both that and which old generations can go.
          const leases = await store.listLeases(100);
          const latest = leases[0];
          if (latest !== undefined && latest.id !== record.id) {
            await store.renewLease(record.id, new Date(0).toISOString());
            continue;
          }
          const stale = leases.filter((lease) => lease.generation < generation - 1).map((lease) => lease.id);
          if (stale.length > 0) await store.deleteLeases(stale);
          return new Lease(store, record, options.ttlMs);
        }
        continue; // Another run created that generation first: look again.
      }
      if (Date.now() >= deadline) {
        throw new CrmSchemaError(
          'lock_held',
          `another migration run holds the lock: ${newest.owner}, since ${newest.acquiredAt}, lease expires ${newest.expiresAt}; ` +
            'wait for it, raise --lock-timeout, or if that run is gone for good: crm-schema migrate unlock --owner ' + newest.owner,
          { exitCode: EXIT.locked, details: { owner: newest.owner, expiresAt: newest.expiresAt } },
        );
      }
      if (reported !== newest.id) {
        reported = newest.id;
        options.onWait?.(newest);
      }
      const jitter = Math.floor(Math.random() * pollMs * 0.5);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs + jitter, Math.max(0, deadline - Date.now()) + 1)));
    }
  }

  /** Throws when the lease was lost, so that no step runs without it. */
  assertHeld(): void {
    if (this.#lost !== undefined) throw new CrmSchemaError('lock_held', `lost the migration lock: ${this.#lost}`, { exitCode: EXIT.locked });
  }

  async release(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#renewing;
    // Released = expired in the past; the row stays so that the next generation number stays unique.
    if (this.#lost === undefined) await this.store.renewLease(this.record.id, new Date(0).toISOString());
  }

  async #renew(): Promise<void> {
    if (this.#lost !== undefined || this.#timer === undefined) return;
    const now = Date.now();
    if (now >= this.#expiresAt) {
      this.#lost = `the lease expired at ${new Date(this.#expiresAt).toISOString()} before it could be renewed (the process was paused?)`;
      return;
    }
    const next = now + this.ttlMs;
    try {
      await this.store.renewLease(this.record.id, new Date(next).toISOString());
      const [newest] = await this.store.listLeases(1);
      if (newest !== undefined && newest.id !== this.record.id) this.#lost = `${newest.owner} took it over`;
      else this.#expiresAt = next;
    } catch {
      // A failed renewal is retried on the next tick; the lease is lost only when it expires.
    }
  }
}

/** A lease that nobody holds any more: released, expired, or held by a process that no longer runs. */
function isFree(lease: LeaseRecord): boolean {
  return Date.parse(lease.expiresAt) <= Date.now() || holderAlive(lease.owner) === false;
}

/** `migrate unlock --owner`: expires the newest lease if (and only if) that owner holds it. */
export async function breakLease(store: MigrationStore, owner: string): Promise<LeaseRecord | undefined> {
  const [newest] = await store.listLeases(1);
  if (newest === undefined || newest.owner !== owner || Date.parse(newest.expiresAt) <= Date.now()) return undefined;
  await store.renewLease(newest.id, new Date(0).toISOString());
  return newest;
}
