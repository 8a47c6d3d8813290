import { tzOffset } from '@date-fns/tz';
import { fromFloatingMs, floatingMs, type LocalDateTime } from './local-date.js';

/** Longest zone name taken (the longest IANA name has 32 characters). */
export const MAX_ZONE_NAME = 64;
const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+|[A-Z]{3,5}[0-9]?[A-Z]{0,4})$/;
/** Names asked about, each to its canonical spelling or `null` (unknown): bounded, names bounded in length. */
const canonicalNames = new Map<string, string | null>();
const MAX_CANONICAL_NAMES = 2_000;

/**
 * The canonical spelling of an IANA zone this runtime knows (`asia/SHANGHAI` → `Asia/Shanghai`), or `null`. Case
 * variants are one zone: one table of offsets, however many spellings arrive.
 */
export function canonicalTimeZone(name: string): string | null {
  // Too long to be a zone: refused before any cache sees it, so no long name is ever held.
  if (name.length > MAX_ZONE_NAME) return null;
  const known = canonicalNames.get(name);
  if (known !== undefined) return known;
  let canonical: string | null = null;
  if (IANA_NAME.test(name)) {
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
  }
  if (canonicalNames.size >= MAX_CANONICAL_NAMES) canonicalNames.clear();
  canonicalNames.set(name, canonical);
  return canonical;
}

/**
 * Whether `name` is an IANA time zone this runtime knows (`Asia/Shanghai`, `UTC`).
 * Offsets such as `+08:00` are not time zones and are refused.
 */
export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** The offset in whole minutes (local mean time, before 1901 in some zones, has seconds: rounded, so ISO text stays valid). */
function exactOffset(zone: string, epochMs: number): number {
  const offset = tzOffset(zone, new Date(epochMs));
  if (Number.isNaN(offset)) throw new RangeError(`rx-followup internal error: unknown time zone ${zone}`);
  return Math.round(offset);
}

/**
 * Offsets by zone and UTC day. A day whose offset is the same at both ends
 * holds it throughout (no zone changes offset twice within a day); a day with
 * a transition keeps the transition's minute, found once by bisection. Asking
 * Intl is the slowest step of planning, and offsets are the same for every plan.
 */
const DAY = 86_400_000;
const BLOCK = DAY;
const HALF_DAY = 12 * 3_600_000;
const MAX_CACHED = 100_000;

/**
 * A day's offsets: `[offset]`, or `[before, minute, after]` with a transition at the start of epoch minute `minute`.
 * The minute, not the instant: every element a small integer (to about the year 4000), so V8 keeps an array of
 * integers and an offset read from it stays one. Read from an array of doubles, it turned the zone tables' offset
 * fields into doubles after the first transition, and V8 threw away the code of all that inlines {@link offsetAt}.
 */
type Block = readonly [number] | readonly [number, number, number];
const transitionAt = (block: readonly [number, number, number]): number => block[1] * 60_000;

/**
 * Per zone: days as a dense array from `base` (about ±5 years around the first day asked), the rest in a Map;
 * and the two stretches of time most recently asked about over which the offset is constant (`[from, to)`,
 * assembled from the day blocks), which answer almost every question without touching the tables.
 */
interface ZoneTable {
  readonly base: number;
  readonly dense: (Block | undefined)[];
  readonly sparse: Map<number, Block>;
  /** The constant-offset stretch each whole day of the dense range lies in, once worked out. */
  readonly spans: (Span | undefined)[];
  aFrom: number;
  aTo: number;
  aOffset: number;
  bFrom: number;
  bTo: number;
  bOffset: number;
}
const DENSE_DAYS = 4096;
/**
 * How many days a constant-offset stretch is extended by on each side when it is first met: more than a year, so
 * that in a zone without DST one stretch holds a whole plan's horizon (with 64 days, plans kept crossing from one
 * stretch to the next, and the lookup behind them was 4% of plan()).
 */
const SPAN_SCAN_DAYS = 400;
const tables = new Map<string, ZoneTable>();
let cachedCount = 0;
let lastZone = '';
let lastTable: ZoneTable | undefined;

function computeBlock(zone: string, index: number): Block {
  const lo = index * BLOCK;
  const hi = lo + BLOCK - 1;
  const before = exactOffset(zone, lo);
  const after = exactOffset(zone, hi);
  if (before === after) return [before];
  // Bisect to the first minute with the new offset.
  let a = Math.floor(lo / 60_000);
  let b = Math.floor(hi / 60_000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (exactOffset(zone, mid * 60_000) === before) a = mid;
    else b = mid;
  }
  return [before, b, after];
}

/** Zone tables kept at most: more distinct zones than this in one process start the tables afresh. */
const MAX_ZONE_TABLES = 64;

function tableOf(zone: string, index: number): ZoneTable {
  let table = tables.get(zone);
  if (table === undefined) {
    if (tables.size >= MAX_ZONE_TABLES) {
      tables.clear();
      cachedCount = 0;
    }
    table = {
      base: index - DENSE_DAYS / 2,
      dense: new Array<Block | undefined>(DENSE_DAYS),
      sparse: new Map(),
      spans: new Array<Span | undefined>(DENSE_DAYS),
      // NaN: no instant is in an empty stretch; and a field that starts as a double stays one (starting as 0, a
      // small integer, it changed representation at the first real instant, and V8 threw away code that read it).
      aFrom: Number.NaN,
      aTo: Number.NaN,
      aOffset: 0,
      bFrom: Number.NaN,
      bTo: Number.NaN,
      bOffset: 0,
    };
    tables.set(zone, table);
  }
  lastZone = zone;
  lastTable = table;
  return table;
}

function blockAt(table: ZoneTable, zone: string, index: number): Block {
  const slot = index - table.base;
  const inDense = slot >= 0 && slot < DENSE_DAYS;
  let block = inDense ? table.dense[slot] : table.sparse.get(index);
  if (block === undefined) {
    if (cachedCount >= MAX_CACHED) {
      for (const t of tables.values()) t.sparse.clear();
      cachedCount = 0;
    }
    block = computeBlock(zone, index);
    if (inDense) table.dense[slot] = block;
    else {
      table.sparse.set(index, block);
      cachedCount++;
    }
  }
  return block;
}

/** A stretch of time `[from, to)` over which a zone's offset is constant. */
interface Span {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** The offset at `epochMs` from the day blocks; makes the constant-offset stretch around it the most recent. */
function offsetFromBlocks(table: ZoneTable, zone: string, epochMs: number): number {
  const index = Math.floor(epochMs / BLOCK);
  const block = blockAt(table, zone, index);
  const slot = index - table.base;
  const known = slot >= 0 && slot < DENSE_DAYS ? table.spans[slot] : undefined;
  const span = known ?? spanAround(table, zone, index, block, epochMs);
  table.bFrom = table.aFrom;
  table.bTo = table.aTo;
  table.bOffset = table.aOffset;
  table.aFrom = span.from;
  table.aTo = span.to;
  table.aOffset = span.offset;
  return span.offset;
}

/**
 * The constant-offset stretch around `epochMs` (in day `index`), widened over up to
 * {@link SPAN_SCAN_DAYS} neighbouring days each way with the same offset throughout, or up to a transition
 * into or out of it. Whole days inside it remember it, so it is worked out once.
 */
function spanAround(table: ZoneTable, zone: string, index: number, block: Block, epochMs: number): Span {
  const dayStart = index * BLOCK;
  const dayEnd = dayStart + BLOCK;
  let offset: number;
  let from: number;
  let to: number;
  if (block.length === 1) {
    offset = block[0];
    from = dayStart;
    to = dayEnd;
  } else if (epochMs < transitionAt(block)) {
    offset = block[0];
    from = dayStart;
    to = transitionAt(block);
  } else {
    offset = block[2];
    from = transitionAt(block);
    to = dayEnd;
  }
  if (from === dayStart) {
    for (let i = index - 1; i >= index - SPAN_SCAN_DAYS; i--) {
      const b = blockAt(table, zone, i);
      if (b.length === 1 && b[0] === offset) from = i * BLOCK;
      else {
        if (b.length === 3 && b[2] === offset) from = transitionAt(b);
        break;
      }
    }
  }
  if (to === dayEnd) {
    for (let i = index + 1; i <= index + SPAN_SCAN_DAYS; i++) {
      const b = blockAt(table, zone, i);
      if (b.length === 1 && b[0] === offset) to = (i + 1) * BLOCK;
      else {
        if (b.length === 3 && b[0] === offset) to = transitionAt(b);
        break;
      }
    }
  }
  const span: Span = { from, to, offset };
  for (let i = Math.ceil(from / BLOCK); (i + 1) * BLOCK <= to; i++) {
    const slot = i - table.base;
    if (slot >= 0 && slot < DENSE_DAYS) table.spans[slot] = span;
  }
  return span;
}

const canonicalZones = new Map<string, string>();

/**
 * One string instance per zone name, interned by V8 (a property key is): the zone tables compare names by
 * identity first, and V8 threw away the code of everything that inlines {@link offsetAt} when a name arrived as
 * another kind of string (names from parsed JSON come interned or not). Planning interns the zone of each plan
 * once.
 */
export function canonicalZone(zone: string): string {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    const spelled = canonicalTimeZone(zone);
    if (spelled === null)
      throw new RangeError(`rx-followup internal error: unknown time zone ${zone.slice(0, MAX_ZONE_NAME)}`);
    canonical = Object.keys({ [spelled]: 0 })[0] as string;
    if (canonicalZones.size >= MAX_CANONICAL_ZONES) canonicalZones.clear();
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}
const MAX_CANONICAL_ZONES = 1_000;

/** UTC offset in minutes of `zone` at the instant `epochMs` (480 for Asia/Shanghai). */
export function offsetAt(zone: string, epochMs: number): number {
  const table = zone === lastZone && lastTable !== undefined ? lastTable : tableOf(zone, Math.floor(epochMs / BLOCK));
  if (epochMs >= table.aFrom && epochMs < table.aTo) return table.aOffset;
  if (epochMs >= table.bFrom && epochMs < table.bTo) return table.bOffset;
  return offsetFromBlocks(table, zone, epochMs);
}

/**
 * The offset that holds for the whole local day `epochDay`, or `undefined`
 * when a transition falls near it: the offsets from 26 hours before its wall
 * midnight to 26 hours after its end all agree (read at both ends and the
 * middle; no zone changes offset twice within a day). Lets a day's window
 * times skip the DST rule.
 */
export function steadyDayOffset(zone: string, epochDay: number): number | undefined {
  const before = offsetAt(zone, epochDay * DAY - 26 * 3_600_000);
  const middle = offsetAt(zone, epochDay * DAY + HALF_DAY);
  const after = offsetAt(zone, (epochDay + 1) * DAY + 26 * 3_600_000);
  return before === middle && middle === after ? before : undefined;
}

/** The wall-clock reading of `zone` at the instant `epochMs`. */
export function toLocal(epochMs: number, zone: string): LocalDateTime {
  return fromFloatingMs(epochMs + offsetAt(zone, epochMs) * 60_000);
}

/** The local calendar day (days since 1970-01-01 on the wall clock) of an instant in `zone`. */
export function localEpochDay(epochMs: number, zone: string): number {
  return Math.floor((epochMs + offsetAt(zone, epochMs) * 60_000) / DAY);
}

/** The part of the local day an instant falls in: 0 morning (before 12:00), 1 afternoon (to 18:00), 2 evening. */
export function partOfDay(epochMs: number, zone: string): 0 | 1 | 2 {
  const floating = epochMs + offsetAt(zone, epochMs) * 60_000;
  const minute = Math.floor((floating - Math.floor(floating / DAY) * DAY) / 60_000);
  return minute < 12 * 60 ? 0 : minute < 18 * 60 ? 1 : 2;
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
