/** `rx-followup plan --thread` (issue 19, item 7): each purchase planned with its customer's earlier ones in the file. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpPlan, PlanInput } from '../../src/index.js';
import { CustomerThreads, MAX_THREAD_DAYS } from '../../src/cli/thread.js';
import { ensureBuilt, rx } from './built.js';

const Z = '+08:00';
const customer = {
  id: 'C',
  membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
  contact: { phone: '138' },
};
const buy = (id: string, at: string, customerId = 'C') => ({
  customer: { ...customer, id: customerId },
  purchase: { id, customerId, purchasedAt: at, items: [{ drugCode: 'AMOX', quantity: 1 }] },
  courses: [{ drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 3 }],
});
const ndjson = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n');

beforeAll(() => ensureBuilt(), 120_000);

describe('rx-followup plan --thread', () => {
  it('plans each purchase with the same customer’s earlier ones: the loyal series restarts, no duplicates', async () => {
    // The history test's three purchases (03-02, 03-04, 03-06), with another customer's between them.
    const input = ndjson([
      buy('P1', `2026-03-02T10:00:00${Z}`),
      buy('Q1', `2026-03-03T10:00:00${Z}`, 'D'),
      buy('P2', `2026-03-04T10:00:00${Z}`),
      buy('P3', `2026-03-06T10:00:00${Z}`),
    ]);
    const r = await rx(['plan', '--rules', 'rules', '--thread', '--as-of', 'purchase', '--quiet'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plans = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    expect(plans.map((p) => p.purchaseId)).toEqual(['P1', 'Q1', 'P2', 'P3']);
    expect(plans[1]?.supersedes).toEqual([]);
    // Applied in turn, the open contacts are P3's three calls.
    const open = new Map<string, string>();
    for (const p of plans) {
      for (const s of p.supersedes) open.delete(s.id);
      for (const t of p.touchpoints) if (p.customerId === 'C') open.set(t.id, t.window.start);
    }
    // (+P14D Fri 03-20 10:00 is inside Friday's fallback hours; the next preferred slot is four days later: on time
    // comes first, issue 34 item 1 — as history.test derives.)
    expect([...open.values()]).toEqual([
      `2026-03-10T15:00:00${Z}`,
      `2026-03-20T10:00:00${Z}`,
      `2026-04-07T15:00:00${Z}`,
    ]);
    // Without --thread, every purchase plans its own series: nine calls.
    const plain = await rx(['plan', '--rules', 'rules', '--workers', '0', '--as-of', 'purchase', '--quiet'], { input });
    const all = plain.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    expect(all.filter((p) => p.customerId === 'C').flatMap((p) => p.touchpoints)).toHaveLength(9);
  });

  it('a record out of time order is an error line; the others are planned', async () => {
    const input = ndjson([buy('P2', `2026-03-04T10:00:00${Z}`), buy('P1', `2026-03-02T10:00:00${Z}`)]);
    const r = await rx(['plan', '--rules', 'rules', '--thread', '--as-of', 'purchase', '--quiet'], { input });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr.trim())).toEqual({
      line: 2,
      error: `--thread needs records in time order: purchase.purchasedAt 2026-03-02T10:00:00${Z} is before the record before it`,
    });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('customer threads keep bounded memory', () => {
  it('forgets a customer not seen for MAX_THREAD_DAYS of purchases', async () => {
    const threads = new CustomerThreads();
    const plan = (id: string, customerId: string) =>
      ({ customerId, purchaseId: id, touchpoints: [], supersedes: [] }) as unknown as FollowUpPlan;
    const first = threads.attach(buy('P1', `2026-01-01T10:00:00${Z}`));
    if (first.ok) threads.remember(first.input, plan('P1', 'C'));
    expect(threads.size).toBe(1);
    const later = new Date(Date.parse(`2026-01-01T10:00:00${Z}`) + (MAX_THREAD_DAYS + 2) * 86_400_000).toISOString();
    const second = threads.attach(buy('Q1', later, 'D'));
    expect(second.ok && second.input.history).toBeUndefined();
    expect(threads.size).toBe(0);
  });
});

describe('CustomerThreads with hostile records (issue 35)', () => {
  const plan = (purchaseId: string): FollowUpPlan =>
    ({ customerId: 'C', purchaseId, touchpoints: [], supersedes: [] }) as unknown as FollowUpPlan;

  it('a record refused (year 9999) does not make every later one out of time order', async () => {
    const threads = new CustomerThreads();
    const first = buy('P1', `2026-03-02T10:00:00${Z}`);
    expect(threads.attach(first).ok).toBe(true);
    threads.remember(first as unknown as PlanInput, plan('P1'));
    // Planning refuses this one (its year is out of bounds): it is never remembered.
    expect(threads.attach(buy('P9', `9999-03-03T10:00:00${Z}`)).ok).toBe(true);
    expect(threads.attach(buy('P2', `2026-03-04T10:00:00${Z}`)).ok).toBe(true);
    expect(threads.attach(buy('P0', `2026-03-01T10:00:00${Z}`)).ok).toBe(false);
  });

  it('a record that carries its own history of an earlier purchase in the thread lists it once', async () => {
    const threads = new CustomerThreads();
    const first = buy('P1', `2026-03-02T10:00:00${Z}`);
    threads.attach(first);
    threads.remember(first as unknown as PlanInput, plan('P1'));
    const second = {
      ...buy('P2', `2026-03-04T10:00:00${Z}`),
      history: { purchases: [{ purchase: first.purchase, courses: first.courses }] },
    };
    const threaded = threads.attach(second);
    expect(threaded.ok && threaded.input.history?.purchases?.map((p) => p.purchase.id)).toEqual(['P1']);
  });
});

describe('CustomerThreads keep only what a history holds (issue 35)', () => {
  it('a record with a megabyte of ERP columns and a plan with reasons: the thread keeps the purchase’s and contacts’ own fields', async () => {
    const { createPlanner, defaultRuleSet } = await import('../../src/index.js');
    const threads = new CustomerThreads();
    const record = buy('P1', `2026-03-02T10:00:00${Z}`) as unknown as Record<string, any>;
    record['purchase'] = { ...record['purchase'], erpBlob: 'x'.repeat(1 << 20) };
    record['courses'] = record['courses'].map((c: object) => ({ ...c, erpBlob: 'y'.repeat(1 << 20) }));
    const attached = threads.attach(record);
    if (!attached.ok) throw new Error(attached.error);
    const made = await createPlanner({ ruleSet: defaultRuleSet }).plan(attached.input);
    threads.remember(attached.input, made);
    const next = threads.attach(buy('P2', `2026-03-04T10:00:00${Z}`));
    if (!next.ok) throw new Error(next.error);
    const history = next.input.history as NonNullable<PlanInput['history']>;
    expect(JSON.stringify(history).length).toBeLessThan(5_000);
    expect(history.purchases?.[0]?.purchase.id).toBe('P1');
    expect(history.contacts?.map((c) => Object.keys(c).sort())[0]).toEqual(
      [
        'channel',
        'drugCodes',
        'due',
        'id',
        'kind',
        'purchaseId',
        'purpose',
        'ruleIds',
        'status',
        'urgency',
        'window',
      ].sort(),
    );
  });
});
