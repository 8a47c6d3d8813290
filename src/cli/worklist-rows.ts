/** A worklist as rows people read (CSV, Excel), and its summary as text. */
import { textWidth } from './text-width.js';
import { parseLocalDate, weekdayIndex } from '../calendar/local-date.js';
import type { Worklist, WorklistSummary, WorklistSummaryRow } from '../index.js';
import { sheetWords, SUMMARY_COUNTS, type ColumnKey, type RowStatus, type SheetWords } from './worklist-words.js';

/**
 * One row as a person reads it, in the words of the list's locale: an assignment, a contact no one could take
 * (status overflow), or an unstaffed escalation.
 */
export type WorklistRow = Readonly<Record<Exclude<ColumnKey, 'outcome'>, string>>;

interface Column {
  readonly key: ColumnKey;
  /** Its width in an Excel sheet, in characters. */
  readonly width: number;
}

/** The CSV's columns, in order. */
export const CSV_COLUMNS: readonly ColumnKey[] = [
  'date',
  'staff',
  'time',
  'channel',
  'urgency',
  'purpose',
  'customer',
  'name',
  'phone',
  'drugs',
  'note',
  'reasons',
  'touchpoint',
  'purchase',
  'status',
];

/**
 * The workbook's columns: first the ones a person calls from, which print (landscape, one page wide) — when, who,
 * the phone, what for, the drugs, why, and an empty column to tick the outcome — then the long notes, every reason
 * and the ids, which stay on screen.
 */
export const SHEET_COLUMNS: readonly Column[] = [
  { key: 'date', width: 11 },
  { key: 'time', width: 16 },
  { key: 'staff', width: 8 },
  { key: 'channel', width: 7 },
  { key: 'urgency', width: 7 },
  { key: 'name', width: 10 },
  { key: 'phone', width: 17 },
  { key: 'purpose', width: 18 },
  { key: 'drugs', width: 20 },
  { key: 'why', width: 42 },
  { key: 'outcome', width: 14 },
  { key: 'note', width: 50 },
  { key: 'reasons', width: 80 },
  { key: 'customer', width: 10 },
  { key: 'touchpoint', width: 20 },
  { key: 'purchase', width: 14 },
  { key: 'status', width: 10 },
];
/** How many of {@link SHEET_COLUMNS} print: those up to the outcome column. */
export const PRINTED_COLUMNS = SHEET_COLUMNS.findIndex((c) => c.key === 'outcome') + 1;

/**
 * `Tue 15:00–18:00` / `周二 15:00–18:00`: the weekday of the list's day, the times as the ISO text has them (the
 * customer's offset); a window that runs into another day (an escalation's, to its deadline) names that day too:
 * `Tue 20:50–Wed 20:50`.
 */
function timeOf(date: string, start: string, end: string, words: SheetWords): string {
  const weekday = (d: string): string => {
    const day = parseLocalDate(d);
    return day === undefined ? '' : `${words.weekday(weekdayIndex(day))} `;
  };
  const endDate = end.slice(0, 10);
  return `${weekday(date)}${start.slice(11, 16)}–${endDate === start.slice(0, 10) ? '' : weekday(endDate)}${end.slice(11, 16)}`;
}

type Entry = Worklist['overflow'][number];
type Placed = Worklist['days'][number]['assignments'][number];

function overflowRow(o: Entry, status: RowStatus, words: SheetWords): WorklistRow {
  return {
    status: words.status[status],
    date: o.date,
    staff: o.staffId ?? '',
    time: timeOf(o.date, o.window.start, o.window.end, words),
    channel: words.channel(o.channel),
    urgency: words.urgency(o.urgency),
    purpose: o.purposeText,
    customer: o.customerId,
    name: o.customerName ?? '',
    phone: o.phone ?? '',
    drugs: '',
    why: o.reason,
    note: o.reason,
    reasons: '',
    touchpoint: o.touchpointId,
    purchase: o.purchaseId,
  };
}

function assignedRow(date: string, a: Placed, words: SheetWords): WorklistRow {
  return {
    status: words.status.assigned,
    date,
    staff: a.staffId,
    time: timeOf(date, a.start, a.end, words),
    channel: words.channel(a.channel),
    urgency: words.urgency(a.urgency),
    purpose: a.purposeText,
    customer: a.customerId,
    name: a.customerName ?? '',
    phone: a.phone ?? '',
    drugs: a.drugNames.length > 0 ? a.drugNames.join(', ') : a.drugCodes.join(', '),
    // The first reason says why the contact is owed (`due Sun 03-08: 3 days after purchase`); the rest, on screen.
    why: a.reasons[0] ?? '',
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
export function* eachWorklistRow(list: Worklist, words: SheetWords): Generator<WorklistRow> {
  for (const o of list.unstaffedEscalations) yield overflowRow(o, 'unstaffed', words);
  for (const day of list.days) for (const a of day.assignments) yield assignedRow(day.date, a, words);
  for (const o of list.overflow) yield overflowRow(o, 'overflow', words);
}

/** The rows of {@link eachWorklistRow}, as a list. */
export function worklistRows(list: Worklist, words: SheetWords = sheetWords('en')): WorklistRow[] {
  return [...eachWorklistRow(list, words)];
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

/** A sheet of the workbook: its name, what its printed pages say at the top, and its rows, made as they are read. */
export interface WorklistSheet {
  readonly name: string;
  readonly header: { readonly left: string; readonly center: string; readonly right: string };
  rows(): Iterable<WorklistRow>;
}

/** Who is on the roster: a staff member's store and name, for the printed page's header. */
export type RosterIndex = ReadonlyMap<string, { readonly storeId?: string | null; readonly name?: string | null }>;

type SheetKind = 'day' | 'staff' | 'unstaffed' | 'overflow';

/**
 * The sheets of a workbook, in order, each with its rows made as they are read: one a day (its unstaffed escalations
 * first), or one a staff member (unstaffed escalations on a sheet of their own, first); overflow last. Each names in
 * its page header the stores and staff of its rows and the day (or the days) it holds.
 */
export function worklistSheets(
  list: Worklist,
  by: 'day' | 'staff',
  words: SheetWords,
  roster: RosterIndex = new Map(),
): WorklistSheet[] {
  // Keyed by kind and name: a staff member whose id is `overflow` keeps a sheet of their own.
  interface Building {
    kind: SheetKind;
    name: string;
    rows: (() => WorklistRow)[];
    staff: Set<string>;
  }
  const sheets = new Map<string, Building>();
  const sheet = (kind: SheetKind, name: string): Building => {
    const key = `${kind}\u0000${name}`;
    let found = sheets.get(key);
    if (found === undefined) sheets.set(key, (found = { kind, name, rows: [], staff: new Set() }));
    return found;
  };
  const add = (kind: SheetKind, name: string, staffId: string | undefined, row: () => WorklistRow): void => {
    const s = sheet(kind, name);
    s.rows.push(row);
    if (staffId !== undefined) s.staff.add(staffId);
  };
  // Days in order, whichever has an unstaffed escalation.
  if (by === 'day') for (const day of list.days) sheet('day', day.date);
  for (const o of list.unstaffedEscalations)
    if (by === 'day') add('day', o.date, o.staffId, () => overflowRow(o, 'unstaffed', words));
    else add('unstaffed', words.sheets.unstaffed, o.staffId, () => overflowRow(o, 'unstaffed', words));
  for (const day of list.days)
    for (const a of day.assignments)
      add(by, by === 'day' ? day.date : a.staffId, a.staffId, () => assignedRow(day.date, a, words));
  for (const o of list.overflow)
    add('overflow', words.sheets.overflow, o.staffId, () => overflowRow(o, 'overflow', words));
  const kept = [...sheets.values()].filter((s) => s.rows.length > 0);
  if (kept.length === 0) kept.push({ kind: by, name: words.sheets.empty, rows: [], staff: new Set() });
  const names = sheetNames(kept.map((s) => s.name));
  const first = list.days[0]?.date ?? '';
  const last = list.days.at(-1)?.date ?? '';
  return kept.map(({ kind, name, rows, staff }, i) => {
    const ids = [...staff].sort();
    const stores = [
      ...new Set(ids.map((id) => roster.get(id)?.storeId).filter((x): x is string => typeof x === 'string')),
    ].sort();
    const people = ids.map((id) => {
      const who = roster.get(id)?.name;
      return typeof who === 'string' && who !== '' ? `${id} ${who}` : id;
    });
    const day = kind === 'day' ? parseLocalDate(name) : undefined;
    const title =
      day === undefined
        ? `${words.rangeTitle(first, last)}${kind === 'overflow' || kind === 'unstaffed' ? ` · ${name}` : ''}`
        : words.dayTitle(name, words.weekday(weekdayIndex(day)));
    return {
      name: names[i] as string,
      header: words.pageHeader(stores, title, people),
      *rows() {
        for (const row of rows) yield row();
      },
    };
  });
}

/** `text` padded to `width` columns of a terminal (a Chinese character takes two), at its end or its start. */
const pad = (text: string, width: number, end: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return end ? text + fill : fill + text;
};

function table(title: string, rows: readonly WorklistSummaryRow[], words: SheetWords): string {
  const header = ['', words.summary.staff, ...SUMMARY_COUNTS.map((k) => words.summary.counts[k])];
  const body = rows.map((r) => [r.date, r.staffId ?? words.summary.noOne, ...SUMMARY_COUNTS.map((k) => String(r[k]))]);
  const widths = header.map((h, i) => Math.max(textWidth(h), ...body.map((b) => textWidth(b[i] as string))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] as number, i < 2)).join('  ');
  return [title, line(header), ...body.map(line)].join('\n');
}

/** Escalations no one can take before their deadline, flagged, one a line: they head the summary. */
function unstaffedText(list: Worklist, words: SheetWords): string {
  if (list.unstaffedEscalations.length === 0) return '';
  const lines = list.unstaffedEscalations.map(
    (o) =>
      `  ! ${o.date} ${timeOf(o.date, o.window.start, o.window.end, words)}  ${words.urgency(o.urgency)}  ${o.purposeText}  ${o.customerId}${o.customerName === undefined ? '' : ` ${o.customerName}`}${o.phone === undefined ? '' : ` ${o.phone}`}: ${o.reason}`,
  );
  return `${words.summary.unstaffed(lines.length)}\n${lines.join('\n')}\n\n`;
}

/** The summary as two text tables: per day and person, and per week (its Monday) and person; unstaffed escalations first. */
export function summaryText(summary: WorklistSummary, list: Worklist, words: SheetWords = sheetWords('en')): string {
  const first = list.days[0]?.date ?? '';
  const last = list.days[list.days.length - 1]?.date ?? '';
  return `${unstaffedText(list, words)}${table(words.summary.days(first, last), summary.days, words)}\n\n${table(words.summary.weeks, summary.weeks, words)}\n`;
}
