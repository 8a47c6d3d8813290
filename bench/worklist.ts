/**
 * The worklist part of `npm run bench` (issue 20's budget: a week of 2,000 plans and 10 staff in under 1 s): a
 * chain of five stores selling to 100 customers a day for the 20 days before the week, planned with the default
 * rules; then planner.worklist for the week, timed, and the calls per weekday before levelling and after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Core from '../src/index.js';

const STORES = ['SH-01', 'SH-02', 'SH-03', 'SH-04', 'SH-05'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A day's customers as a pharmacy sees them, one in ten of each kind: regular members (a check after 7 days), loyal
 * members (3 days, 2 weeks, a month), new members (their first-week and monthly calls), chronic patients (care calls,
 * refill reminders), parents buying for a child (a message, calls on days 3 and 7), and walk-ins.
 */
function customerOf(k: number, day: string, store: string): Core.PlanInput {
  const id = `C-${day}-${k}`;
  const minutes = 9 * 60 + ((k * 37) % 600);
  const at = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
  const kind = k % 10;
  const tier = kind < 3 ? 'regular' : kind < 5 ? 'loyal' : kind === 5 ? 'new' : null;
  const chronic = kind === 6 || kind === 7;
  const child = kind === 8;
  return {
    customer: {
      id,
      name: `顾客${k}`,
      ...(tier === null
        ? {}
        : { membership: { tier, registeredAt: tier === 'new' ? at : '2024-09-01T09:00:00+08:00' } }),
      contact: { phone: `1380000${String(k).padStart(4, '0')}`, wechat: true },
    },
    purchase: {
      id: `P-${day}-${k}`,
      customerId: id,
      storeId: store,
      purchasedAt: at,
      ...(child ? { for: 'child' as const } : {}),
      items: [{ drugCode: chronic ? 'METF-500' : child ? 'IBU-SUSP' : 'AMOX-500', quantity: chronic ? 2 : 1 }],
    },
    courses: [
      chronic
        ? { drugCode: 'METF-500', name: '二甲双胍片', unitsPerPack: 30, dosePerDay: 1, chronic: true }
        : child
          ? { drugCode: 'IBU-SUSP', name: '布洛芬混悬液', unitsPerPack: 20, dosePerDay: 4, pediatric: true }
          : { drugCode: 'AMOX-500', name: '阿莫西林胶囊', unitsPerPack: 24, dosePerDay: 3 },
    ],
  };
}

/** Plans of `perDay` purchases a day for `days` days before 2026-03-09, each store one in five, as JSON gives them back. */
export async function pharmacyPlans(core: typeof Core, perDay: number, days: number): Promise<Core.FollowUpPlan[]> {
  const planner = core.createPlanner({ ruleSet: core.defaultRuleSet });
  const plans: Core.FollowUpPlan[] = [];
  for (let d = days; d >= 1; d--) {
    const day = new Date(Date.UTC(2026, 2, 9 - d)).toISOString().slice(0, 10);
    for (let k = 0; k < perDay; k++) {
      const plan = await planner.plan(customerOf(k, day, STORES[k % STORES.length] as string));
      plans.push(JSON.parse(JSON.stringify(plan)) as Core.FollowUpPlan);
    }
  }
  return plans;
}

/** Calls per weekday, from (date, channel) pairs: `Mon 120 · Tue 131 · …`. */
function callsPerWeekday(contacts: Iterable<{ date: string; channel: string }>): string {
  const counts = new Array<number>(7).fill(0);
  for (const { date, channel } of contacts) {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    if (channel === 'phone') counts[weekday] = (counts[weekday] as number) + 1;
  }
  return counts.map((n, i) => `${WEEKDAYS[i]} ${n}`).join(' · ');
}

export async function benchWorklist(core: typeof Core, rounds: number): Promise<string[]> {
  const planner = core.createPlanner({ ruleSet: core.defaultRuleSet });
  const plans = await pharmacyPlans(core, 100, 20);
  const staff = Array.from({ length: 10 }, (_, i) => ({
    id: `S${i + 1}`,
    storeId: STORES[i % STORES.length] as string,
    calls: 40,
    visits: 8,
    days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const,
  }));
  const options = { from: '2026-03-09', days: 7, staff };
  // As the plans put them (their local dates, all Asia/Shanghai), in the week.
  const planned = plans.flatMap((p) =>
    p.touchpoints
      .map((t) => ({ date: t.window.start.slice(0, 10), channel: t.channel }))
      .filter((t) => t.date >= '2026-03-09' && t.date <= '2026-03-15'),
  );
  // Levelled to about a day's share (the default levels only days over capacity).
  const levelled = { ...options, target: 30 };
  let list = planner.worklist(plans, levelled);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    list = planner.worklist(plans, levelled);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const assigned = list.days.reduce((n, d) => n + d.assignments.length, 0);
  const moved = list.days.reduce((n, d) => n + d.assignments.filter((a) => a.moved !== undefined).length, 0);
  const median = times[Math.floor(times.length / 2)] as number;
  // One customer with 20,000 and 50,000 calls on one day (issue 33 item 7: removal from the cap ledger was quadratic,
  // 7-13 s and 56 s): cost near-linear in contacts.
  const heavy: string[] = [];
  const one = plans.find((p) =>
    p.touchpoints.some((t) => t.channel === 'phone' && t.urgency === 'routine'),
  ) as Core.FollowUpPlan;
  const call = one.touchpoints.find((t) => t.channel === 'phone' && t.urgency === 'routine') as Core.Touchpoint;
  for (const n of [20_000, 50_000]) {
    const many = Array.from({ length: n / 10_000 }, (_, p) => ({
      ...one,
      purchaseId: `${one.purchaseId}-${p}`,
      touchpoints: Array.from({ length: 10_000 }, (_, i) => ({ ...call, id: `tp_${p}_${i}` })),
    }));
    const t = performance.now();
    const result = planner.worklist(many, { ...options, target: 40 });
    heavy.push(
      `${n.toLocaleString('en')} calls ${(performance.now() - t).toFixed(0)} ms (${result.overflow.length} overflow)`,
    );
  }
  return [
    `- planner.worklist, one customer's calls on one day: ${heavy.join('; ')}`,
    `- planner.worklist, a week of ${plans.length} plans (100 purchases a day for 20 days, 5 stores) and 10 staff (40 calls, 8 visits a day, Mon–Sat): **${median.toFixed(0)} ms** median of ${rounds} (best ${(times[0] as number).toFixed(0)} ms; target < 1,000 ms); ${assigned} contacts assigned, ${moved} of them moved, ${list.overflow.length} overflow`,
    `- calls per weekday as the plans put them: ${callsPerWeekday(planned)}; levelled: ${callsPerWeekday(list.days.flatMap((d) => d.assignments.map((a) => ({ date: d.date, channel: a.channel }))))}`,
  ];
}

/**
 * A chain's week through the CLI (issue 33 item 7): 100,000 plans (5,000 purchases a day for 20 days, 5 stores), 50
 * staff, `rx-followup worklist` as CSV and as xlsx, its peak resident memory measured by GNU time (skipped without it).
 */
export async function benchChainWeek(core: typeof Core): Promise<string[]> {
  if (!existsSync('/usr/bin/time'))
    return ["- rx-followup worklist, a chain's week of 100,000 plans: skipped (no /usr/bin/time to measure memory)"];
  const dir = mkdtempSync(join(tmpdir(), 'rx-chain-'));
  try {
    const plans = await pharmacyPlans(core, 5_000, 20);
    const file = join(dir, 'plans.ndjson');
    const out = createWriteStream(file);
    for (const p of plans) out.write(`${JSON.stringify(p)}\n`);
    await new Promise((done) => out.end(done));
    plans.length = 0;
    const staff = Array.from({ length: 50 }, (_, i) => ({
      id: `S${i + 1}`,
      storeId: STORES[i % STORES.length],
      calls: 400,
      visits: 40,
    }));
    writeFileSync(join(dir, 'staff.json'), JSON.stringify(staff));
    const lines: string[] = [];
    for (const format of ['csv', 'xlsx']) {
      const args = [
        '-f',
        '%e %M',
        process.execPath,
        'dist/cli.js',
        'worklist',
        '--rules',
        'rules',
        '--input',
        file,
        '--staff',
        join(dir, 'staff.json'),
      ];
      const r = spawnSync(
        '/usr/bin/time',
        [...args, '--from', '2026-03-09', '--format', format, '--output', join(dir, `out.${format}`)],
        {
          encoding: 'utf8',
        },
      );
      const [seconds, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
      lines.push(`${format} ${Number(seconds).toFixed(1)} s, peak ${(Number(kb) / 1024).toFixed(0)} MB`);
    }
    return [
      `- rx-followup worklist, a chain's week of 100,000 plans read store by store (target ≤ 300 MB): ${lines.join('; ')}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
