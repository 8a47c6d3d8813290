import type { FollowUpPlan, PlanInput, RuleSetInput } from '../src/index.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | T[K] : T[K] };

/** A valid input: a loyal member in Shanghai buying one non-chronic drug on Thursday 2026-03-05 10:00. */
export function baseInput(): PlanInput {
  return {
    customer: {
      id: 'C1',
      membership: { tier: 'loyal', registeredAt: '2020-01-01T10:00:00+08:00' },
      contact: { phone: '13800000000', wechat: true, sms: true },
    },
    purchase: {
      id: 'P1',
      customerId: 'C1',
      purchasedAt: '2026-03-05T10:00:00+08:00',
      items: [{ drugCode: 'AMOX', quantity: 2 }],
    },
    courses: [{ drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 3 }],
  };
}

/** A deep copy of `value` with `patch` applied at a dotted path (`purchase.items[0].quantity`). */
export function withPatch<T>(value: T, path: string, patch: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let target: Record<string, unknown> = copy;
  keys.slice(0, -1).forEach((k) => {
    target = target[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1] as string;
  if (patch === undefined) delete target[last];
  else target[last] = patch;
  return copy as T;
}

export type { DeepPartial };

/** Every day of the week, as windows and blackouts name them. */
export const EVERY_DAY = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** A rule that always holds, with the given event. */
export const alwaysRule = (id: string, event: { type: string; params: unknown }, extra: object = {}): object => ({
  id,
  description: id,
  conditions: { all: [] },
  event,
  ...extra,
});

/** A window of one use open every day, `from`–`to`. */
export const everyDayWindow = (id: string, use: string, from: string, to: string): object =>
  alwaysRule(id, { type: 'call-window', params: { use, windows: [{ days: EVERY_DAY, from, to }] } });

/** A rule set of the given rules, in Shanghai time. */
export const ruleSetOf = (id: string, rules: unknown[]): RuleSetInput =>
  ({ id, version: '1', defaults: { timeZone: 'Asia/Shanghai' }, rules }) as RuleSetInput;

/** A contact of a history (`ContactRecord`): a planned medication-check call of P1 on Thu 2026-07-09, changed by `over`. */
export type ContactRecordInput = NonNullable<NonNullable<PlanInput['history']>['contacts']>[number];
export const contactRecord = (over: Partial<ContactRecordInput>): ContactRecordInput => ({
  id: 'tp_1',
  purchaseId: 'P1',
  kind: 'follow-up',
  channel: 'phone',
  urgency: 'routine',
  purpose: 'medication-check',
  due: '2026-07-09T10:00:00+08:00',
  window: { start: '2026-07-09T15:00:00+08:00', end: '2026-07-09T18:00:00+08:00' },
  status: 'planned',
  ...over,
});

/** The courses of the drugs the history and replan tests buy: 6 days of LORA-10, 8 of AMOX, a chronic METF. */
export const COURSES = {
  'LORA-10': { unitsPerPack: 6, dosePerDay: 1 },
  AMOX: { unitsPerPack: 24, dosePerDay: 3 },
  METF: { unitsPerPack: 30, dosePerDay: 1, chronic: true },
} as const;
type Sale = NonNullable<NonNullable<PlanInput['history']>['purchases']>[number];

/**
 * A sale to customer C of one drug (`quantity` packs, 1 unless said) with its course (`name` on the course); `purchase`
 * adds fields (a store, incidents).
 */
export function sale(
  id: string,
  purchasedAt: string,
  drugCode: keyof typeof COURSES,
  options: { quantity?: number; name?: string; purchase?: Partial<PlanInput['purchase']> } = {},
): Sale {
  return {
    purchase: {
      id,
      customerId: 'C',
      purchasedAt,
      items: [{ drugCode, quantity: options.quantity ?? 1 }],
      ...options.purchase,
    },
    courses: [{ drugCode, ...(options.name === undefined ? {} : { name: options.name }), ...COURSES[drugCode] }],
  };
}

/** What the ERP stores after a plan: its touchpoints planned (each under its own purchase), what it supersedes cancelled. */
export function applyPlan(contacts: readonly ContactRecordInput[], plan: FollowUpPlan): ContactRecordInput[] {
  const planned = new Set(plan.touchpoints.map((t) => t.id));
  const cancelled = new Set(plan.supersedes.map((s) => s.id));
  return [
    ...contacts
      .filter((c) => !planned.has(c.id))
      .map((c) => (cancelled.has(c.id) ? { ...c, status: 'cancelled' as const } : c)),
    ...plan.touchpoints.map((t) => ({ ...t, purchaseId: t.purchaseId ?? plan.purchaseId, status: 'planned' as const })),
  ];
}

/** Issues as path and message: what a test of the English (or Chinese) words holds to (codes: issue-catalogue.test.ts). */
export const said = (
  issues: readonly { readonly path: string; readonly message: string }[],
): { path: string; message: string }[] => issues.map(({ path, message }) => ({ path, message }));
