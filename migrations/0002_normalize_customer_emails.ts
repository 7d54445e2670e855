import type { DataMigrationContext } from 'crm-schema';

/**
 * Stores every customers.email trimmed and lower-case, so that the unique index idx_email means
 * "one customer per address" the way people read it (`Ann@Example.com ` and `ann@example.com` are
 * one address). The runtime writes emails normalised from now on; this brings existing rows in line.
 *
 * Rows whose addresses become equal once normalised cannot all keep them: they are reported with
 * their ids and nothing is changed until they are resolved (merge the customers or correct an
 * address), then `crm-schema apply` runs this again. A run killed halfway resumes from its
 * checkpoint; normalising is idempotent besides, so no row can end up changed twice.
 */
export async function up(ctx: DataMigrationContext): Promise<void> {
  const owners = new Map<string, string[]>();
  let rows = 0;
  for await (const page of ctx.scan('customers', { select: ['email'] })) {
    for (const row of page) {
      rows += 1;
      const email = row.email;
      if (typeof email !== 'string') continue;
      const key = normalize(email);
      owners.set(key, [...(owners.get(key) ?? []), row.$id]);
    }
  }
  const collisions = [...owners].filter(([, ids]) => ids.length > 1);
  if (collisions.length > 0) {
    const shown = collisions.slice(0, 20).map(([email, ids]) => `${email}: ${ids.join(', ')}`).join('; ');
    const more = collisions.length > 20 ? ` … and ${collisions.length - 20} more` : '';
    throw new Error(
      `${collisions.length} email address(es) would belong to several customers once normalised (${shown}${more}); ` +
        'merge those customers or correct their addresses, then run apply again. No row was changed.',
    );
  }
  const result = await ctx.updateEach(
    'customers',
    (row) => {
      const email = row.email;
      return typeof email === 'string' && normalize(email) !== email ? { email: normalize(email) } : undefined;
    },
    { total: rows, label: 'customers.email' },
  );
  ctx.log(`normalised ${result.changed} of ${result.processed} customer email(s)`);
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
