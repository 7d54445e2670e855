import { diff } from '../../../src/diff/index.js';
import { attachPrecheckResult, type Plan } from '../../../src/plan/index.js';
import { col, customers, db, idx, table } from '../diff/builders.js';

/** One plan that exercises every symbol, risk class, pre-check state and hazard. */
export function samplePlan(): Plan {
  const before = db([
    customers([col.string('phone', 32), col.string('zip', 16), col.text('fax'), col.enum('status', ['lead', 'active', 'churned'])], [
      idx('by_zip', ['zip']),
    ]),
    table('legacy', [col.text('x')]),
  ]);
  const after = db(
    [
      customers(
        [
          col.string('mobile', 16, { renamedFrom: 'phone' }),
          col.integer('zip'),
          col.enum('status', ['lead', 'active']),
          col.integer('score', { min: 0, max: 100 }),
        ],
        [idx('by_zip', ['zip']), idx('email_unique', ['email'], 'unique')],
        { rowSecurity: true },
      ),
      table('notes', [col.text('body')], [], { permissions: ['read("any")'] }),
    ],
    { name: 'CRM', removedTables: ['legacy'] },
  );
  const plan = diff(before, after);
  const enumCheck = plan.prechecks.find((check) => check.kind === 'enum_values_in_use');
  if (enumCheck === undefined) throw new Error('sample plan lost its enum pre-check');
  const withFailure = attachPrecheckResult(plan, enumCheck.id, { violatingRows: 3, sampleRowIds: ['r1', 'r7', 'r9'] });
  const tooLong = plan.prechecks.find((check) => check.kind === 'values_too_long');
  if (tooLong === undefined) throw new Error('sample plan lost its size pre-check');
  return attachPrecheckResult(withFailure, tooLong.id, { violatingRows: 0, sampleRowIds: [] });
}
