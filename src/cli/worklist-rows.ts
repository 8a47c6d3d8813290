/** A worklist as rows people read (CSV, Excel), and its summary as text. */
import { describeDate } from '../calendar/describe.js';
import { parseLocalDate } from '../calendar/local-date.js';
import type { Worklist, WorklistSummary, WorklistSummaryRow } from '../index.js';

/** One row: an assignment, a contact no one could take (`status` overflow), or an unstaffed escalation. */
export interface WorklistRow {
  readonly status: 'assigned' | 'overflow' | 'unstaffed';
  readonly date: string;
  readonly staff: string;
  readonly time: string;
  readonly channel: string;
  readonly urgency: string;
  readonly purpose: string;
  readonly customer: string;
  readonly name: string;
  readonly phone: string;
  readonly drugs: string;
  readonly note: string;
  readonly reasons: string;
  readonly touchpoint: string;
  readonly purchase: string;
}

/** The columns, in order, with their headers (English, Chinese) and widths in an Excel sheet (characters). */
export const WORKLIST_COLUMNS: readonly { key: keyof WorklistRow; header: string; zh: string; width: number }[] = [
  { key: 'date', header: 'date', zh: '日期', width: 11 },
  { key: 'staff', header: 'staff', zh: '员工', width: 8 },
  { key: 'time', header: 'time', zh: '时间', width: 22 },
  { key: 'channel', header: 'channel', zh: '渠道', width: 10 },
  { key: 'urgency', header: 'urgency', zh: '紧急程度', width: 10 },
  { key: 'purpose', header: 'purpose', zh: '目的', width: 28 },
  { key: 'customer', header: 'customer', zh: '顾客', width: 10 },
  { key: 'name', header: 'name', zh: '姓名', width: 10 },
  { key: 'phone', header: 'phone', zh: '电话', width: 16 },
  { key: 'drugs', header: 'drugs', zh: '药品', width: 24 },
  { key: 'note', header: 'moved or overflow', zh: '改期或未排原因', width: 50 },
  { key: 'reasons', header: 'reasons', zh: '原因', width: 80 },
  { key: 'touchpoint', header: 'touchpoint', zh: '联系编号', width: 20 },
  { key: 'purchase', header: 'purchase', zh: '购药单号', width: 14 },
  { key: 'status', header: 'status', zh: '状态', width: 10 },
];

/**
 * `Tue 15:00–18:00`: the weekday of the list's day, the times as the ISO text has them (the customer's offset); a
 * window that runs into another day (an escalation's, to its deadline) names that day too: `Tue 20:50–Wed 20:50`.
 */
function timeOf(date: string, start: string, end: string): string {
  const weekday = (d: string): string => {
    const day = parseLocalDate(d);
    return day === undefined ? '' : `${describeDate(day).slice(0, 3)} `;
  };
  const endDate = end.slice(0, 10);
  return `${weekday(date)}${start.slice(11, 16)}–${endDate === start.slice(0, 10) ? '' : weekday(endDate)}${end.slice(11, 16)}`;
}

type Entry = Worklist['overflow'][number];
type Placed = Worklist['days'][number]['assignments'][number];

function overflowRow(o: Entry, status: WorklistRow['status']): WorklistRow {
  return {
    status,
    date: o.date,
    staff: o.staffId ?? '',
    time: timeOf(o.date, o.window.start, o.window.end),
    channel: o.channel,
    urgency: o.urgency,
    purpose: o.purposeText,
    customer: o.customerId,
    name: o.customerName ?? '',
    phone: o.phone ?? '',
    drugs: '',
    note: o.reason,
    reasons: '',
    touchpoint: o.touchpointId,
    purchase: o.purchaseId,
  };
}

function assignedRow(date: string, a: Placed): WorklistRow {
  return {
    status: 'assigned',
    date,
    staff: a.staffId,
    time: timeOf(date, a.start, a.end),
    channel: a.channel,
    urgency: a.urgency,
    purpose: a.purposeText,
    customer: a.customerId,
    name: a.customerName ?? '',
    phone: a.phone ?? '',
    drugs: a.drugNames.length > 0 ? a.drugNames.join(', ') : a.drugCodes.join(', '),
    note: [a.moved, a.handover].filter((x) => x !== undefined).join('; '),
    reasons: a.reasons.join('; '),
    touchpoint: a.touchpointId,
    purchase: a.purchaseId,
  };
}

/**
 * The rows of a worklist, one at a time (a chain's week is written without holding its rows): escalations no one
 * could take before their deadline first (status `unstaffed`: act on these by hand), then the assignments, then what
 * overflowed — each with what a person needs to make it.
 */
export function* eachWorklistRow(list: Worklist): Generator<WorklistRow> {
  for (const o of list.unstaffedEscalations) yield overflowRow(o, 'unstaffed');
  for (const day of list.days) for (const a of day.assignments) yield assignedRow(day.date, a);
  for (const o of list.overflow) yield overflowRow(o, 'overflow');
}

/** The rows of {@link eachWorklistRow}, as a list. */
export function worklistRows(list: Worklist): WorklistRow[] {
  return [...eachWorklistRow(list)];
}

/** Excel's limits on a sheet name: at most 31 characters, none of these, no apostrophe first or last, not `History`. */
const SHEET_NAME_MAX = 31;
// Control characters too: Excel refuses them in a name.
// eslint-disable-next-line no-control-regex
const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]\u0000-\u001f]/g;

/**
 * Names Excel accepts, one per sheet, unique as Excel compares them (ignoring case): forbidden characters become `_`,
 * a name too long is cut, a clash gets ` (2)`, ` (3)`, … within the length. Staff ids can be anything a roster holds.
 */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    let base = raw.replace(SHEET_NAME_FORBIDDEN, '_').replace(/^'+|'+$/g, '');
    if (base === '' || base.toLowerCase() === 'history') base = `${base || 'sheet'}_`;
    const chars = [...base];
    let name = chars.slice(0, SHEET_NAME_MAX).join('');
    for (let k = 2; taken.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = `${chars
        .slice(0, SHEET_NAME_MAX - suffix.length)
        .join('')
        .replace(/'+$/, '')}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * The sheets of a workbook, in order, each with its rows made as they are read: one a day (its unstaffed escalations
 * first), or one a staff member (unstaffed escalations on a sheet of their own, first); overflow last.
 */
export function worklistSheets(list: Worklist, by: 'day' | 'staff'): { name: string; rows: () => Iterable<WorklistRow> }[] {
  // Keyed by kind and name: a staff member whose id is `overflow` keeps a sheet of their own.
  const sheets = new Map<string, { name: string; rows: (() => WorklistRow)[] }>();
  const sheet = (kind: 'day' | 'staff' | 'unstaffed' | 'overflow', name: string): (() => WorklistRow)[] => {
    const key = `${kind}\u0000${name}`;
    let found = sheets.get(key);
    if (found === undefined) sheets.set(key, (found = { name, rows: [] }));
    return found.rows;
  };
  const add = (kind: 'day' | 'staff' | 'unstaffed' | 'overflow', name: string, row: () => WorklistRow): void => void sheet(kind, name).push(row);
  // Days in order, whichever has an unstaffed escalation.
  if (by === 'day') for (const day of list.days) sheet('day', day.date);
  for (const o of list.unstaffedEscalations)
    if (by === 'day') add('day', o.date, () => overflowRow(o, 'unstaffed'));
    else add('unstaffed', 'unstaffed', () => overflowRow(o, 'unstaffed'));
  for (const day of list.days) for (const a of day.assignments) add(by, by === 'day' ? day.date : a.staffId, () => assignedRow(day.date, a));
  for (const o of list.overflow) add('overflow', 'overflow', () => overflowRow(o, 'overflow'));
  const kept = [...sheets.values()].filter((s) => s.rows.length > 0);
  if (kept.length === 0) kept.push({ name: by === 'day' ? 'worklist' : 'staff', rows: [] });
  const names = sheetNames(kept.map((s) => s.name));
  return kept.map(({ rows }, i) => ({
    name: names[i] as string,
    *rows() {
      for (const row of rows) yield row();
    },
  }));
}

const COUNTS = ['calls', 'visits', 'messages', 'escalations', 'moved', 'overflow'] as const;

function table(title: string, rows: readonly WorklistSummaryRow[]): string {
  const header = ['', 'staff', ...COUNTS];
  const body = rows.map((r) => [r.date, r.staffId ?? '(no one)', ...COUNTS.map((k) => String(r[k]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [title, line(header), ...body.map(line)].join('\n');
}

/** Escalations no one can take before their deadline, flagged, one a line: they head the summary. */
function unstaffedText(list: Worklist): string {
  if (list.unstaffedEscalations.length === 0) return '';
  const lines = list.unstaffedEscalations.map(
    (o) =>
      `  ! ${o.date} ${timeOf(o.date, o.window.start, o.window.end)}  ${o.urgency}  ${o.purposeText}  ${o.customerId}${o.customerName === undefined ? '' : ` ${o.customerName}`}${o.phone === undefined ? '' : ` ${o.phone}`}: ${o.reason}`,
  );
  return `Escalations no one can take before their deadline (${lines.length}): act on these by hand\n${lines.join('\n')}\n\n`;
}

/** The summary as two text tables: per day and person, and per week (its Monday) and person; unstaffed escalations first. */
export function summaryText(summary: WorklistSummary, list: Worklist): string {
  const first = list.days[0]?.date ?? '';
  const last = list.days[list.days.length - 1]?.date ?? '';
  return `${unstaffedText(list)}${table(`Worklist ${first} to ${last}, per day and staff member`, summary.days)}\n\n${table('Per week (from Monday) and staff member', summary.weeks)}\n`;
}
