/** What the arbitraries draw from: zones, occupations, tags, the dates where schedules break, instants. */
import fc from 'fast-check';
import { parseInstant } from '../calendar/instant.js';
import type { RuleSet } from '../schema/ruleset.js';
import type { ArbitraryOptions } from './arbitraries.js';

/**
 * Zones with and without DST, east and west, whole and half hours.
 *
 * @example
 * ```ts
 * import { DEFAULT_ZONES } from 'rx-followup/testing';
 *
 * console.log(DEFAULT_ZONES.includes('America/New_York')); // true
 * ```
 */
export const DEFAULT_ZONES: readonly (string | undefined)[] = [
  undefined,
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'UTC',
  'Asia/Kolkata',
  'Pacific/Apia',
  'America/Santiago',
  'Australia/Lord_Howe',
];

export const OCCUPATIONS = [
  'accountant',
  '会计',
  '出纳',
  '财务',
  ' Accountant ',
  '注册会计师',
  'Senior Accountant',
  'teacher',
  'nurse',
  'driver',
  '程序员',
];
export const TAGS = ['intensive-program', 'gen-z', 'vip', 'diabetes'];
export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** Dates where schedules break: month ends, the leap day, holidays, DST changes. */
export const SPECIAL_DATES = [
  '2026-01-31',
  '2026-02-13',
  '2026-02-14',
  '2026-02-15',
  '2026-02-28',
  '2026-03-07',
  '2026-03-08',
  '2026-03-29',
  '2026-04-03',
  '2026-04-30',
  '2026-05-09',
  '2026-06-18',
  '2026-09-19',
  '2026-09-20',
  '2026-09-30',
  '2026-10-10',
  '2026-10-24',
  '2026-10-25',
  '2026-10-31',
  '2026-11-01',
  '2026-12-31',
  '2028-02-28',
  '2028-02-29',
  '2028-03-01',
];

export const ms = (iso: string): number => {
  const parsed = parseInstant(iso);
  if (!parsed.ok) throw new RangeError(`rx-followup/testing: ${parsed.message}`);
  return parsed.epochMs;
};

/** Strings that rule conditions compare `field` against with `in` / `equal` / `contains`. */
export function vocabulary(ruleSet: RuleSet | undefined, path: string): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Record<string, unknown>;
    if (n['path'] === path) {
      const v = n['value'];
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') out.add(x);
    }
    for (const k of ['all', 'any', 'not']) visit(n[k]);
  };
  for (const rule of ruleSet?.rules ?? []) visit(rule.conditions);
  return [...out].sort();
}

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An instant: uniform over the range, or on one of the special dates at any minute. */
export function arbInstant(options: ArbitraryOptions): fc.Arbitrary<number> {
  const lo = ms(options.from ?? '2026-01-01T00:00:00Z');
  const hi = ms(options.to ?? '2028-12-31T23:59:00Z');
  const uniform = fc.integer({ min: Math.floor(lo / 60_000), max: Math.floor(hi / 60_000) }).map((m) => m * 60_000);
  const special = SPECIAL_DATES.map((d) => ms(`${d}T00:00:00Z`)).filter((t) => t >= lo && t + DAY <= hi);
  if (special.length === 0) return uniform;
  const onSpecial = fc
    .tuple(fc.constantFrom(...special), fc.integer({ min: -14 * 60, max: 38 * 60 - 1 }))
    .map(([day, minute]) => day + minute * 60_000);
  return fc.oneof({ weight: 3, arbitrary: uniform }, { weight: 1, arbitrary: onSpecial });
}
