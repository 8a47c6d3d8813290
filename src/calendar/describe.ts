import { formatClock, fromEpochDay, weekdayOf, WEEKDAYS, type LocalDate } from './local-date.js';
import { DayTable } from './day-table.js';
import { offsetAt } from './zone.js';

const pad = (n: number): string => String(n).padStart(2, '0');
const titleCase = (w: string): string => w.charAt(0) + w.slice(1).toLowerCase();

const dayLabels = new DayTable((epochDay) => describeDate(fromEpochDay(epochDay)));

/** `Tue 03-10 15:00`: how reasons show an instant, in the customer's zone. */
export function describeInstant(epochMs: number, zone: string): string {
  const floating = epochMs + offsetAt(zone, epochMs) * 60_000;
  const epochDay = Math.floor(floating / 86_400_000);
  const label = dayLabels.get(epochDay);
  return `${label} ${formatClock(Math.floor((floating - epochDay * 86_400_000) / 60_000))}`;
}

/** `Tue 03-10`. */
export function describeDate(date: LocalDate): string {
  return `${titleCase(weekdayOf(date))} ${pad(date.month)}-${pad(date.day)}`;
}

/** The days part of a window's label for each set of weekdays (bit 0 = Monday), made when first asked. */
const DAY_SET_LABELS: (string | undefined)[] = new Array(128);

function daySetLabel(mask: number): string {
  const idx: number[] = [];
  for (let i = 0; i < 7; i++) if (mask & (1 << i)) idx.push(i);
  if (idx.length === 7) return 'every day';
  if (idx.length > 2 && idx.every((v, i) => i === 0 || v === (idx[i - 1] as number) + 1))
    return `${WEEKDAYS[idx[0] as number]}-${WEEKDAYS[idx[idx.length - 1] as number]}`;
  return idx.map((i) => WEEKDAYS[i]).join(',');
}

/**
 * How reasons name a window, its weekdays given as a bit set (bit 0 = Monday): `TUE-THU 15:00-18:00` (a run of
 * three or more days), `MON,WED 09:00-12:00`, `every day 09:00-20:00`.
 */
export function describeDayMask(mask: number, fromMinutes: number, toMinutes: number): string {
  const days = (DAY_SET_LABELS[mask] ??= daySetLabel(mask));
  return `${days} ${formatClock(fromMinutes)}-${formatClock(toMinutes)}`;
}

/** A window's days as reasons' params give them (bit 0 = Monday): `TUE-THU`, `MON,WED`, `MON-SUN` (every day). */
export function dayMaskText(mask: number): string {
  return mask === 0b1111111 ? 'MON-SUN' : (DAY_SET_LABELS[mask] ??= daySetLabel(mask));
}
