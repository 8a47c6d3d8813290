/**
 * What a worklist is made from, validated: the options (days, staff, owners) and the plans — as `plan()` gave them or
 * as an ERP stored them — with every problem named by its path, in one `InputError`.
 */
import type { Locale } from '../i18n/explanation.js';
import { z } from 'zod';
import { InputError, type Issue } from '../errors.js';
import { parseClock } from '../calendar/local-date.js';
import { instantMs } from '../calendar/instant.js';
import {
  channel,
  clock,
  localDate,
  MAX_TEXT,
  nonEmptyText,
  offsetDateTime,
  optional,
  text,
  timeZone,
  weekday,
  windowSchema,
} from '../schema/common.js';
import { failedIssues, safeParseInput } from '../schema/parse-input.js';
import { fastReader } from '../_lib/zod-fast.js';
import { customIssue, forwardIssue, zodError } from '../schema/zod-issues.js';
import { issue } from '../i18n/issues.js';

/** The bounds of a worklist's input (SECURITY.md lists them). */
export const WORKLIST_LIMITS = {
  days: 62,
  staff: 1_000,
  /** Contacts a staff member can be given a day, of each kind. */
  perDay: 1_000,
  owners: 1_000_000,
  plans: 200_000,
  touchpointsPerPlan: 10_000,
  touchpoints: 1_000_000,
} as const;
const W = WORKLIST_LIMITS;

const ID = 200;
const count = (max: number) =>
  z
    .number({ error: zodError('not-a-number') })
    .int({ error: zodError('not-whole') })
    .nonnegative({ error: zodError('negative') })
    .max(max, { error: zodError('too-big') });

const hours = z.object({ from: clock, to: clock }).superRefine((h, ctx) => {
  const from = parseClock(h.from);
  const to = parseClock(h.to);
  if (from !== undefined && to !== undefined && to <= from)
    ctx.addIssue(customIssue('not-after-from', { from: h.from }, ['to']));
});

const staffMember = z.object({
  id: nonEmptyText(ID),
  name: optional(text(500)),
  storeId: optional(text(ID)),
  calls: count(W.perDay),
  visits: optional(count(W.perDay)),
  days: optional(
    z
      .array(weekday)
      .min(1, { error: zodError('list-empty', { noun: 'days' }) })
      .max(7),
  ),
  hours: optional(hours),
  off: optional(z.array(localDate).max(366)),
});

const ownerId = nonEmptyText(ID);
/**
 * Customer id → staff id, into a Map: any id is a plain key, `__proto__` and `constructor` included (a record built by
 * assignment would drop `__proto__`), and a million owners are a Map, not a dictionary-mode object (seconds slower).
 */
const owners = z
  .custom<Record<string, unknown> | ReadonlyMap<unknown, unknown>>(
    (v) => v instanceof Map || (v !== null && typeof v === 'object' && !Array.isArray(v)),
    { error: zodError('owners-form') },
  )
  .transform((given, ctx) => {
    // A Map whose every entry is a customer id → a staff id is taken as it is (read-only from here on): a million
    // owners are not copied.
    if (given instanceof Map && given.size <= W.owners) {
      let plain = true;
      for (const [key, value] of given as ReadonlyMap<unknown, unknown>)
        if (
          typeof key !== 'string' ||
          key.length > ID ||
          typeof value !== 'string' ||
          value.length < 1 ||
          value.length > ID
        ) {
          plain = false;
          break;
        }
      if (plain) return given as ReadonlyMap<string, string>;
    }
    const map = given instanceof Map ? undefined : (given as Record<string, unknown>);
    const keys =
      map === undefined ? [...(given as ReadonlyMap<unknown, unknown>).keys()].map(String) : Object.keys(map);
    const valueOf = (key: string): unknown =>
      map === undefined ? (given as ReadonlyMap<unknown, unknown>).get(key) : map[key];
    if (keys.length > W.owners) {
      ctx.addIssue(customIssue('owners-too-many', { count: keys.length, max: W.owners }));
      return z.NEVER;
    }
    const out: Map<string, string> = new Map();
    for (const key of keys) {
      if (key.length > ID) ctx.addIssue(customIssue('customer-id-too-long', { max: ID }, [key]));
      const value0 = valueOf(key);
      // A staff id as ownerId takes it (checked here: a million owners through zod one by one took seconds); anything
      // else goes to zod, which says what is wrong.
      if (typeof value0 === 'string' && value0.length >= 1 && value0.length <= ID) {
        out.set(key, value0);
        continue;
      }
      const value = ownerId.safeParse(value0);
      if (value.success) out.set(key, value.data);
      else for (const issue of value.error.issues) ctx.addIssue(forwardIssue(issue, [key, ...issue.path]));
    }
    return out;
  });

export const optionsSchema = z
  .object({
    from: localDate,
    days: z
      .number({ error: zodError('not-a-number') })
      .int({ error: zodError('not-whole') })
      .min(1, { error: zodError('too-small') })
      .max(W.days, { error: zodError('too-big') }),
    staff: z
      .array(staffMember)
      .min(1, { error: zodError('list-empty', { noun: 'staff' }) })
      .max(W.staff, { error: zodError('list-too-long', { noun: 'staff' }) }),
    owners: optional(owners),
    maskPhone: optional(z.boolean()),
    level: optional(z.boolean()),
    target: optional(
      z
        .number({ error: zodError('not-a-number') })
        .int({ error: zodError('not-whole') })
        .min(0, { error: zodError('too-small') })
        .max(W.perDay, { error: zodError('too-big') }),
    ),
  })
  .superRefine((o, ctx) => {
    const seen = new Map<string, number>();
    o.staff.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined)
        ctx.addIssue(customIssue('staff-id-twice', { id: s.id, index: first }, ['staff', i, 'id']));
      else seen.set(s.id, i);
    });
  });

const instantPair = <A extends string, B extends string>(a: A, b: B) =>
  z.object({ [a]: offsetDateTime, [b]: offsetDateTime } as Record<A | B, typeof offsetDateTime>);

export const explanationsSchema = z
  .array(
    z.object({
      code: text(ID),
      params: z
        .record(text(ID), z.union([text(), z.number()]))
        .refine((p) => Object.keys(p).length <= 50, 'must have at most 50 params'),
      ruleId: optional(text(ID)),
    }),
  )
  .max(1_000);

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(v).length === 0;
};

/**
 * Whether explanations are as `explanationsSchema` accepts them, read without zod (a worklist reads every
 * touchpoint's, and zod's records are slow); anything else goes to the schema, which says what is wrong.
 */
export function plainExplanations(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > 1_000) return false;
  for (const e of v as unknown[]) {
    if (!isPlainObject(e) || !isText(e['code'], ID)) return false;
    const ruleId = e['ruleId'];
    if (ruleId !== undefined && ruleId !== null && !isText(ruleId, ID)) return false;
    const params = e['params'];
    if (!isPlainObject(params)) return false;
    const keys = Object.keys(params);
    if (keys.length > 50) return false;
    for (const key of keys) {
      const value = params[key];
      if (key.length > ID || !(isText(value, MAX_TEXT) || (typeof value === 'number' && Number.isFinite(value))))
        return false;
    }
  }
  return true;
}

const touchpoint = z
  .object({
    id: nonEmptyText(ID),
    // A replan's contact of another purchase than the plan's.
    purchaseId: optional(nonEmptyText(ID)),
    kind: z.enum(['follow-up', 'refill', 'message', 'greeting', 'escalation']),
    channel,
    urgency: z.enum(['routine', 'high', 'critical']),
    purpose: nonEmptyText(500),
    due: offsetDateTime,
    window: instantPair('start', 'end'),
    tolerance: optional(instantPair('earliest', 'latest')),
    // The rules that made it: the lead cadence's overflow policy lets a contact roll past its tolerance.
    ruleIds: optional(z.array(text(ID)).max(1_000)),
    // A data-only plan has no texts: the assignment's reasons are rendered from the explanations (checked only then).
    reasons: optional(z.array(text()).max(1_000)),
    explanations: z.unknown().optional(),
    drugCodes: z.array(text(ID)).max(200),
  })
  .superRefine((tp, ctx) => {
    if (tp.reasons === undefined && !plainExplanations(tp.explanations ?? [])) {
      const checked = explanationsSchema.safeParse(tp.explanations ?? []);
      for (const issue of checked.error?.issues ?? [])
        ctx.addIssue(forwardIssue(issue, ['explanations', ...issue.path]));
    }
    // A window that ends at or before its start has no slot: refused, not placed elsewhere without a word.
    const start = instantMs(tp.window.start);
    const end = instantMs(tp.window.end);
    if (start !== undefined && end !== undefined && !(start < end))
      ctx.addIssue(customIssue('after-field', { field: 'window.start' }, ['window', 'end']));
  });

export const planSchema = z.object({
  customerId: nonEmptyText(ID),
  purchaseId: nonEmptyText(ID),
  ruleSet: z.object({ id: text(ID), version: text(ID), hash: text(ID) }),
  asOf: offsetDateTime,
  timeZone,
  storeId: optional(text(ID)),
  display: optional(
    z.object({
      customerName: optional(text(500)),
      phone: optional(text(50)),
      drugNames: optional(z.array(z.object({ drugCode: text(ID), name: text(500) })).max(200)),
    }),
  ),
  // Plans of 0.1 have none: their contacts stay where the plan put them.
  policy: optional(
    z.object({ ruleIds: z.array(text(ID)).max(10_000), preferredWindows: optional(z.array(windowSchema).max(50)) }),
  ),
  touchpoints: z.array(touchpoint).max(W.touchpointsPerPlan, { error: zodError('too-big') }),
  supersedes: optional(z.array(z.object({ id: text(ID) })).max(W.touchpointsPerPlan)),
});

export type ParsedWorklistPlan = z.output<typeof planSchema>;
const fastPlan = fastReader(planSchema);
export type ParsedTouchpoint = ParsedWorklistPlan['touchpoints'][number];
export type ParsedWorklistOptions = z.output<typeof optionsSchema>;
export type ParsedStaffMember = ParsedWorklistOptions['staff'][number];

/** Validates one plan of a worklist: the plan, or its problems with paths under `plans[index]`. */
export function parseWorklistPlan(
  plan: unknown,
  index: number,
  locale?: Locale,
): { ok: true; plan: ParsedWorklistPlan } | { ok: false; issues: Issue[] } {
  // A valid plan takes the schema's fast reading (the same result); anything doubtful goes to zod, which names why.
  const fast = fastPlan(plan);
  if (fast !== undefined) return { ok: true, plan: fast };
  const result = safeParseInput(planSchema, plan, locale);
  return result.success
    ? { ok: true, plan: result.data }
    : { ok: false, issues: failedIssues(result, ['plans', index]) };
}

/** Validates the options of a worklist, or throws `InputError` naming every problem (`options.staff[1].calls`). */
export function parseWorklistOptions(options: unknown, locale?: Locale): ParsedWorklistOptions {
  const result = safeParseInput(optionsSchema, options, locale);
  if (!result.success) throw new InputError(failedIssues(result, ['options']), 'Invalid worklist input', locale);
  return result.data;
}

/** The plans validated into `parsed`, their problems into `issues` (stops past about 1,000). */
function readPlans(plans: unknown, parsed: ParsedWorklistPlan[], issues: Issue[], locale: Locale | undefined): void {
  if (!Array.isArray(plans)) issues.push(issue('plans', 'plans-not-a-list'));
  else if (plans.length > W.plans) issues.push(issue('plans', 'plans-too-many', { count: plans.length, max: W.plans }));
  else {
    let touchpoints = 0;
    for (let i = 0; i < plans.length; i++) {
      const result = parseWorklistPlan(plans[i], i, locale);
      if (!result.ok) {
        issues.push(...result.issues);
        if (issues.length > 1_000) break;
        continue;
      }
      touchpoints += result.plan.touchpoints.length;
      if (touchpoints > W.touchpoints) {
        issues.push(issue(`plans[${i}]`, 'plans-too-many-contacts', { max: W.touchpoints }));
        break;
      }
      parsed.push(result.plan);
    }
  }
}

/**
 * Validates the plans and options of a worklist, or throws `InputError` naming every problem
 * (`plans[3].touchpoints[0].window.start`, `options.staff[1].calls`).
 */
export function parseWorklistInput(
  plans: unknown,
  options: unknown,
  locale?: Locale,
): { plans: ParsedWorklistPlan[]; options: ParsedWorklistOptions } {
  const issues: Issue[] = [];
  const parsedOptions = safeParseInput(optionsSchema, options, locale);
  if (!parsedOptions.success) issues.push(...failedIssues(parsedOptions, ['options']));
  const parsedPlans: ParsedWorklistPlan[] = [];
  try {
    readPlans(plans, parsedPlans, issues, locale);
  } catch (error) {
    // A list that throws while it is read (a getter, a proxy trap): one issue, as for a plan.
    issues.push(issue('plans', 'unreadable', { thrown: error instanceof Error ? error.name : typeof error }));
  }
  if (issues.length > 0 || !parsedOptions.success) throw new InputError(issues, 'Invalid worklist input', locale);
  return { plans: parsedPlans, options: parsedOptions.data };
}
