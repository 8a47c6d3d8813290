import { tzOffset } from '@date-fns/tz';
import { fromFloatingMs, floatingMs, type LocalDateTime } from './local-date.js';

const validity = new Map<string, boolean>();
const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+|[A-Z]{3,5}[0-9]?[A-Z]{0,4})$/;

/**
 * Whether `name` is an IANA time zone this runtime knows (`Asia/Shanghai`, `UTC`).
 * Offsets such as `+08:00` are not time zones and are refused.
 */
export function isValidTimeZone(name: string): boolean {
  const known = validity.get(name);
  if (known !== undefined) return known;
  let ok = IANA_NAME.test(name);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
    } catch {
      ok = false;
    }
  }
  if (validity.size < 10_000) validity.set(name, ok);
  return ok;
}

function exactOffset(zone: string, epochMs: number): number {
  const offset = tzOffset(zone, new Date(epochMs));
  if (Number.isNaN(offset)) throw new RangeError(`rx-followup internal error: unknown time zone ${zone}`);
  return offset;
}

/**
 * Offsets by zone and six-hour bucket. A bucket is cached only when the offset
 * is the same at both of its ends, which (with no zone changing its offset
 * twice within six hours) means it holds throughout; buckets that contain a
 * transition are computed exactly every time. Asking Intl is the slowest step
 * of planning, and offsets are the same for every plan of a zone.
 */
const BUCKET = 6 * 3_600_000;
const MAX_CACHED = 200_000;
const offsetCache = new Map<string, Map<number, number>>();
let cachedCount = 0;

/** UTC offset in minutes of `zone` at the instant `epochMs` (480 for Asia/Shanghai). */
export function offsetAt(zone: string, epochMs: number): number {
  let buckets = offsetCache.get(zone);
  if (buckets === undefined) {
    buckets = new Map();
    offsetCache.set(zone, buckets);
  }
  const bucket = Math.floor(epochMs / BUCKET);
  const cached = buckets.get(bucket);
  if (cached !== undefined) return cached;
  const start = exactOffset(zone, bucket * BUCKET);
  const end = exactOffset(zone, (bucket + 1) * BUCKET - 1);
  if (start !== end) return exactOffset(zone, epochMs);
  if (cachedCount >= MAX_CACHED) {
    offsetCache.clear();
    cachedCount = 0;
    return offsetAt(zone, epochMs);
  }
  buckets.set(bucket, start);
  cachedCount++;
  return start;
}

/** The wall-clock reading of `zone` at the instant `epochMs`. */
export function toLocal(epochMs: number, zone: string): LocalDateTime {
  return fromFloatingMs(epochMs + offsetAt(zone, epochMs) * 60_000);
}

const HALF_DAY = 12 * 3_600_000;
const DAY = 86_400_000;

/** The local calendar day (days since 1970-01-01 on the wall clock) of an instant in `zone`. */
export function localEpochDay(epochMs: number, zone: string): number {
  return Math.floor((epochMs + offsetAt(zone, epochMs) * 60_000) / DAY);
}

/**
 * The instant at which `zone`'s wall clock reads the floating time `floating`
 * (wall-clock milliseconds as if UTC), by the same rule as {@link fromLocal}.
 */
export function fromFloating(floating: number, zone: string): number {
  const before = offsetAt(zone, floating - HALF_DAY);
  const after = offsetAt(zone, floating + HALF_DAY);
  // No transition within half a day either side (the usual case): that offset is the one.
  if (before === after) return floating - before * 60_000;
  const first = floating - before * 60_000;
  const second = floating - after * 60_000;
  const firstValid = offsetAt(zone, first) === before;
  const secondValid = offsetAt(zone, second) === after;
  if (firstValid && secondValid) return Math.min(first, second);
  if (firstValid) return first;
  if (secondValid) return second;
  // In a gap: read the wall clock with the offset in force before the gap,
  // which lands as far after the gap as the time was into it.
  return first;
}

/**
 * The instant at which `zone`'s clocks read `local`, resolved with one explicit
 * rule, Temporal's `'compatible'`: a wall-clock time skipped by a DST gap moves
 * forward by the length of the gap; one repeated by a DST overlap takes the
 * earlier instant. Never depends on the host time zone.
 */
export function fromLocal(local: LocalDateTime, zone: string): number {
  return fromFloating(floatingMs(local), zone);
}
