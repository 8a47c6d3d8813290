/**
 * Plain calendar records and integer arithmetic on them. Nothing here reads
 * the host time zone: a local date-time is a record, never a `Date`.
 */

/** A calendar date in the proleptic Gregorian calendar. */
export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

/** A wall-clock date and time in some time zone, to the millisecond. */
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** Day-of-week codes as rule files spell them; index 0 is Monday. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MS_PER_DAY = 86_400_000;

/**
 * The years dates may fall in. Before 1901 zones such as Asia/Shanghai keep local mean time (offsets in seconds,
 * not minutes), and far ahead lie years ISO-8601's four digits cannot hold: neither is a pharmacy's.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** The last moment a plan may name: 2200-12-31 00:00 UTC, still in 2200 in every zone. */
export const LAST_PLANNED_MS = Date.UTC(MAX_YEAR, 11, 31);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year-month-day names a day that exists (2026-02-30 does not). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Days since 1970-01-01 (negative before) of year-month-day (integer
 * arithmetic, H. Hinnant's days_from_civil; `Date.UTC` would read years 0–99 as 1900–1999).
 */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: LocalDate): number {
  return epochDayOf(date.year, date.month, date.day);
}

/** The calendar date of an epoch day (integer arithmetic, H. Hinnant's civil_from_days). */
export function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday, of an epoch day. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: LocalDate): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[weekdayIndex(date)] as Weekday;
}

/** The wall-clock record as if it were UTC, in milliseconds: handy for comparing and ordering. */
export function floatingMs(local: LocalDateTime): number {
  return (
    epochDayOf(local.year, local.month, local.day) * MS_PER_DAY +
    ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 +
    local.millisecond
  );
}

export function fromFloatingMs(ms: number): LocalDateTime {
  const epochDay = Math.floor(ms / MS_PER_DAY);
  let rest = ms - epochDay * MS_PER_DAY;
  const { year, month, day } = fromEpochDay(epochDay);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000 };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const CLOCKS = Array.from({ length: 24 * 60 + 1 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

/** `YYYY-MM-DD`. */
export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** Parses `YYYY-MM-DD`; `undefined` when malformed or when the day does not exist. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/** Parses `HH:MM` (00:00 … 24:00) into minutes after midnight; `undefined` when malformed. */
export function parseClock(text: string): number | undefined {
  if (text.length !== 5 || text.charCodeAt(2) !== 58) return undefined;
  const h1 = text.charCodeAt(0) - 48;
  const h2 = text.charCodeAt(1) - 48;
  const m1 = text.charCodeAt(3) - 48;
  const m2 = text.charCodeAt(4) - 48;
  if (!(h1 >= 0 && h1 <= 9 && h2 >= 0 && h2 <= 9 && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9)) return undefined;
  const hour = h1 * 10 + h2;
  const minute = m1 * 10 + m2;
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return undefined;
  return hour * 60 + minute;
}

export function formatClock(minutes: number): string {
  return CLOCKS[minutes] ?? `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** The epoch day of a validated `YYYY-MM-DD` (validation has accepted it; anything else is a bug). */
export function dateEpochDay(date: string): number {
  const parsed = parseLocalDate(date);
  if (parsed === undefined) throw new Error(`rx-followup internal error: unvalidated date ${date}`);
  return toEpochDay(parsed);
}
