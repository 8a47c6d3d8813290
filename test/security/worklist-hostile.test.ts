import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, InputError, type FollowUpPlan } from '../../src/index.js';
import { regular } from '../worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });

describe('worklists with hostile or extreme data', () => {
  it('one person with 20,000 calls planned on one day: levelled or overflowed, each once, no quadratic stall', async () => {
    const [plan] = await Promise.all([planner.plan(regular(1))]);
    const base = plan as FollowUpPlan;
    // 20,000 copies of one plan under other ids (as an ERP could send them): every call on Tue 03-10 15:00.
    const plans = Array.from({ length: 20_000 }, (_, i) => ({
      ...base,
      customerId: `C${i}`,
      purchaseId: `P${i}`,
      touchpoints: base.touchpoints.map((t) => ({ ...t, id: `${t.id}-${i}` })),
    }));
    const list = planner.worklist(plans, { from: '2026-03-09', days: 7, staff: [{ id: 'D1', calls: 1_000 }] });
    const assigned = list.days.reduce((n, d) => n + d.assignments.length, 0);
    expect(assigned + list.overflow.length).toBe(20_000);
    // Mon 10:00 to the next Mon 10:00 (its tolerance): six days with call windows (no Sunday), 1,000 a day.
    expect(assigned).toBe(6_000);
    expect(Math.max(...list.days.map((d) => d.assignments.length))).toBe(1_000);
  }, 60_000);

  it('customer ids and owners named like Object.prototype keys are plain keys', async () => {
    const input = regular(1);
    const plan = await planner.plan({
      ...input,
      customer: { ...input.customer, id: 'constructor' },
      purchase: { ...input.purchase, customerId: 'constructor' },
    });
    const owners = JSON.parse('{"__proto__": "S2", "toString": "S2"}') as Record<string, string>;
    const list = planner.worklist([plan], {
      from: '2026-03-09',
      days: 7,
      staff: [
        { id: 'S1', calls: 5 },
        { id: 'S2', calls: 5 },
      ],
      owners,
    });
    expect(list.days.flatMap((d) => d.assignments).map((a) => a.customerId)).toEqual(['constructor']);
    expect(list.warnings).toEqual([]);
    expect(({} as Record<string, unknown>)['S2']).toBeUndefined();
  });

  it('refuses what is over the bounds, with paths', () => {
    const bad = (options: unknown, plans: unknown = []): string[] => {
      try {
        planner.worklist(plans as FollowUpPlan[], options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(bad({ from: '2026-03-09', days: 63, staff: [{ id: 'S', calls: 1 }] })).toEqual([
      'options.days: must be at most 62',
    ]);
    expect(bad({ from: '2026-03-09', days: 1, staff: [{ id: 'S', calls: 1_001 }] })).toEqual([
      'options.staff[0].calls: must be at most 1000',
    ]);
    expect(bad({ from: '2026-03-09', days: 1, staff: [] })).toEqual([
      'options.staff: must name at least one staff member',
    ]);
    expect(bad({ from: '2026-03-09', days: 1, staff: [{ id: 'S', calls: 1 }] }, { plans: [] })).toEqual([
      'plans: must be a list of plans',
    ]);
    expect(bad(null)[0]).toMatch(/^options: /);
  });
});

describe('workbooks with hostile staff ids (issue 35)', () => {
  it('sheet names are made safe and unique as Excel compares them', async () => {
    const { sheetNames } = await import('../../src/cli/worklist-rows.js');
    const long = 'x'.repeat(40);
    expect(sheetNames(['A/B', "'q'", 'History', 'history', 'a1', 'A1', long, `${long}y`, '', 'overflow'])).toEqual([
      'A_B',
      'q',
      'History_',
      'history_ (2)',
      'a1',
      'A1 (2)',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      'sheet_',
      'overflow',
    ]);
  });

  it('--sheets staff with ids such as A/B, History, case twins, 31-character twins and overflow: a workbook with a sheet each', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Writable } = await import('node:stream');
    const ExcelJS = (await import('exceljs')).default;
    const { runWorklistCommand } = await import('../../src/cli/worklist-command.js');
    const ids = ['A/B', "'q'", 'History', 'a1', 'A1', `${'s'.repeat(31)}1`, `${'s'.repeat(31)}2`, 'overflow'];
    const plans = await Promise.all(ids.map((_, i) => planner.plan(regular(i + 1))));
    const dir = mkdtempSync(join(tmpdir(), 'rx-sheets-'));
    writeFileSync(join(dir, 'plans.ndjson'), plans.map((p) => JSON.stringify(p)).join('\n'));
    // One call each, and each customer with their own person: every id gets a sheet.
    const owners = Object.fromEntries(plans.map((p, i) => [p.customerId, ids[i]]));
    writeFileSync(
      join(dir, 'staff.json'),
      JSON.stringify({ staff: ids.map((id) => ({ id, storeId: 'A', calls: 1 })), owners }),
    );
    const out = join(dir, 'list.xlsx');
    const args = [
      '--rules',
      'rules',
      '--input',
      join(dir, 'plans.ndjson'),
      '--staff',
      join(dir, 'staff.json'),
      '--from',
      '2026-03-09',
    ];
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    expect(
      await runWorklistCommand([...args, '--format', 'xlsx', '--sheets', 'staff', '--output', out, '--no-level'], {
        stdin: process.stdin,
        stdout: sink,
        stderr: sink,
        env: {},
      }),
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const names = workbook.worksheets.map((s) => s.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.every((n) => n.length <= 31 && !/[:\\/?*[\]]/.test(n))).toBe(true);
    // Each sheet holds its own person's rows: the staff column names the id as the roster has it.
    const staffOf = (name: string): string[] =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).slice(2).map((row) => String((row as unknown[])[3])); // staff: the third column
    expect(names).toHaveLength(ids.length);
    expect(staffOf('A_B')).toEqual(['A/B']);
    expect(staffOf('A1')).toEqual(['A1']);
    expect(staffOf('a1 (2)')).toEqual(['a1']);
    expect(staffOf('History_')).toEqual(['History']);
    expect(staffOf('q')).toEqual(["'q'"]);
    expect(staffOf(`${'s'.repeat(27)} (2)`)).toEqual([`${'s'.repeat(31)}2`]);
    // A person whose id is `overflow` has a sheet of their own, not the overflow's.
    expect(staffOf('overflow')).toEqual(['overflow']);
  }, 60_000);
});
