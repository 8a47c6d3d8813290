/** A planner's window tables: built once per combination of rules in force, a copy where the customer has windows. */
import { describe, expect, it } from 'vitest';
import { policyInForce } from '../src/events/index.js';
import { compileRuleSet } from '../src/plan/compile.js';
import { WindowTables } from '../src/plan/window-tables.js';
import { defaultRuleSet } from '../src/index.js';
import { validateRuleSet } from '../src/rules/validate.js';

describe('WindowTables', () => {
  const valid = validateRuleSet(defaultRuleSet);
  if (!valid.ok) throw new Error('the default rules are valid');
  const compiled = compileRuleSet(valid.ruleSet);
  const all = policyInForce(compiled.policyRules, () => true);

  it('builds the table of one combination of rules once, and another for other rules', () => {
    const tables = new WindowTables(compiled);
    const first = tables.for(all['call-window'], all.blackout, undefined);
    expect(tables.for(all['call-window'], all.blackout, [])).toBe(first);
    const fewer = tables.for(all['call-window'], all.blackout.slice(1), undefined);
    expect(fewer).not.toBe(first);
    expect(tables.for(all['call-window'], all.blackout.slice(1), undefined)).toBe(fewer);
    // Another planner's tables are its own: nothing is kept in the compiled rule set.
    expect(new WindowTables(compiled).for(all['call-window'], all.blackout, undefined)).not.toBe(first);
  });

  it("makes a customer's own preferred windows a table of that plan, leaving the shared one as it was", () => {
    const tables = new WindowTables(compiled);
    const shared = tables.for(all['call-window'], all.blackout, undefined);
    const own = tables.for(all['call-window'], all.blackout, [{ days: ['MON'], from: '08:00', to: '09:00' }]);
    expect(own).not.toBe(shared);
    expect(tables.for(all['call-window'], all.blackout, undefined)).toBe(shared);
  });
});
