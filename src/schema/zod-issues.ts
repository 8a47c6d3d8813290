/**
 * Our issue codes through zod: a schema names the code as its `error` (with the params zod does not report itself),
 * a refinement adds a custom issue with the code and its params, and {@link fromZodIssue} turns what zod reports back
 * into an {@link Issue} — ours by code, or zod's own code with the values it reported.
 */
import type { z } from 'zod';
import type { Issue } from '../errors.js';
import type { IssueCode, IssueParams } from '../i18n/issue-codes.js';
import { isIssueCode, issueWith, type OwnIssue } from '../i18n/issues.js';

const SEPARATOR = ' ';

/**
 * The `error` of a zod check that reports one of our codes: `max` and `min` come from the check itself, the rest is
 * given here (`zodError('list-too-long', { noun: 'items' })`).
 */
export function zodError<C extends IssueCode>(code: C, params?: Omit<IssueParams[C], 'max' | 'min'>): string {
  return params === undefined ? code : code + SEPARATOR + JSON.stringify(params);
}

/** A custom issue of ours for a zod refinement's `ctx.addIssue` (`path` relative to the refined value). */
export function customIssue<C extends IssueCode>(
  code: C,
  params: IssueParams[C],
  path?: PropertyKey[],
): { code: 'custom'; message: string; params: Record<string, unknown>; path?: PropertyKey[] } {
  const out = { code: 'custom' as const, message: code, params: params as Record<string, unknown> };
  return path === undefined ? out : { ...out, path };
}

/** The codes whose `max` or `min` is the zod check's own bound. */
const BOUNDED: ReadonlySet<string> = new Set<IssueCode>([
  'too-big',
  'too-small',
  'text-too-long',
  'list-too-long',
  'too-many-rules',
]);

/** One of our issues, made elsewhere (a parsed instant's), as a zod refinement's custom issue. */
export function passIssue(i: OwnIssue): { code: 'custom'; message: string; params: Record<string, unknown> } {
  return { code: 'custom', message: i.code, params: i.params as Record<string, unknown> };
}

const ZOD_PARAMS = [
  'expected',
  'origin',
  'format',
  'maximum',
  'minimum',
  'inclusive',
  'divisor',
  'keys',
  'values',
] as const;

/** What zod reported of an issue in its own words, as plain data (numbers for bigints). */
function reported(z: z.core.$ZodIssue): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw = z as unknown as Record<string, unknown>;
  for (const key of ZOD_PARAMS) {
    const v = raw[key];
    // Copies: zod's lists (an enum's values) are its schema's own.
    if (v !== undefined) out[key] = typeof v === 'bigint' ? Number(v) : Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out;
}

/** One issue zod reported, at `path` (dotted already): ours by the code in its message, else zod's. */
export function fromZodIssue(z: z.core.$ZodIssue, path: string): Issue {
  const at = z.message.indexOf(SEPARATOR);
  const code = at < 0 ? z.message : z.message.slice(0, at);
  if (!isIssueCode(code)) return { path, code: z.code, params: reported(z), message: z.message } as Issue;
  const given = at < 0 ? {} : (JSON.parse(z.message.slice(at + 1)) as Record<string, unknown>);
  const custom = z.code === 'custom' ? (z.params ?? {}) : {};
  const limits: Record<string, number> = {};
  if (BOUNDED.has(code) && z.code === 'too_big') limits.max = Number(z.maximum);
  if (BOUNDED.has(code) && z.code === 'too_small') limits.min = Number(z.minimum);
  return issueWith(path, code, { ...limits, ...custom, ...given } as IssueParams[typeof code]);
}

/** An issue zod reported inside a nested parse, passed on to the outer one at `path` (its code and params kept). */
export function forwardIssue(
  z: z.core.$ZodIssue,
  path: PropertyKey[],
): { code: 'custom'; message: string; params?: Record<string, unknown>; path: PropertyKey[] } {
  const i = fromZodIssue(z, '');
  return isIssueCode(i.code) ? { ...passIssue(i as OwnIssue), path } : { code: 'custom', message: z.message, path };
}
