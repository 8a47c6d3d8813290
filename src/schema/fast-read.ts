/**
 * The reading steps of the fast input checks (`fast-input.ts`): each returns what the zod schema's parse gives for a
 * valid value, or unwinds to the entry point, which then lets zod decide and explain.
 */
import { instantMs } from '../calendar/instant.js';
import { dateToIso } from './common.js';

// A failed check unwinds to the entry point; nothing else is thrown here.
const FAIL: unique symbol = Symbol('fail');
export type Obj = Record<string, unknown>;

export function fail(): never {
  throw FAIL;
}

export const object = (v: unknown): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail();

export function str(v: unknown, max: number, min: number): string {
  if (typeof v !== 'string' || v.length > max || v.length < min) fail();
  return v;
}

export function oneOf<T extends string>(v: unknown, values: ReadonlySet<string>): T {
  if (typeof v !== 'string' || !values.has(v)) fail();
  return v as T;
}

export function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') fail();
  return v;
}

export function num(v: unknown, opts: { int: boolean; min: number; minExclusive: boolean; max: number }): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail();
  if (opts.int && !Number.isSafeInteger(v)) fail();
  if (opts.minExclusive ? v <= opts.min : v < opts.min) fail();
  if (v > opts.max) fail();
  return v;
}

/** A fresh array of the checked elements; an index loop, so a hole is checked (as undefined) like zod does. */
export function list<T>(v: unknown, min: number, max: number, check: (element: unknown) => T): T[] {
  if (!Array.isArray(v) || v.length < min || v.length > max) fail();
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) out.push(check(v[i]));
  return out;
}

/** An instant: ISO text with an offset, or a `Date` as its ISO text (as the schema converts it). */
export function instantText(v: unknown): string {
  if (v instanceof Date) {
    const converted = dateToIso(v);
    return converted.ok ? converted.iso : fail();
  }
  const s = str(v, Number.POSITIVE_INFINITY, 0);
  if (instantMs(s) === undefined) fail();
  return s;
}
