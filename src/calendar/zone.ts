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

/** UTC offset in minutes of `zone` at the instant `epochMs` (480 for Asia/Shanghai). */
export function offsetAt(zone: string, epochMs: number): number {
  const offset = tzOffset(zone, new Date(epochMs));
  if (Number.isNaN(offset)) throw new RangeError(`rx-followup internal error: unknown time zone ${zone}`);
  return offset;
}

/** The wall-clock reading of `zone` at the instant `epochMs`. */
export function toLocal(epochMs: number, zone: string): LocalDateTime {
  return fromFloatingMs(epochMs + offsetAt(zone, epochMs) * 60_000);
}

const HALF_DAY = 12 * 3_600_000;

/**
 * The instant at which `zone`'s clocks read `local`, resolved with one explicit
 * rule, Temporal's `'compatible'`: a wall-clock time skipped by a DST gap moves
 * forward by the length of the gap; one repeated by a DST overlap takes the
 * earlier instant. Never depends on the host time zone.
 */
export function fromLocal(local: LocalDateTime, zone: string): number {
  const floating = floatingMs(local);
  const before = offsetAt(zone, floating - HALF_DAY);
  const after = offsetAt(zone, floating + HALF_DAY);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = floating - offset * 60_000;
    if (offsetAt(zone, instant) === offset) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall clock with the offset in force before the gap,
  // which lands as far after the gap as the time was into it.
  return floating - before * 60_000;
}
