/**
 * Output formats of `rx-followup plan`: each turns one plan into a chunk of
 * text, so plans can be written as they come (in any worker) and joined in
 * input order. CSV through csv-stringify, iCalendar through ical-generator
 * (both bundled into the CLI, not dependencies of the core).
 */
import { stringify } from 'csv-stringify/sync';
import ical from 'ical-generator';
import { parseInstant } from '../calendar/instant.js';
import { formatWithOffset } from '../calendar/instant.js';
import { offsetAt } from '../calendar/zone.js';
import type { Locale } from '../i18n/explanation.js';
import { Words } from '../i18n/words.js';
import { cliWords } from './cli-words.js';
import type { FollowUpPlan } from '../plan/types.js';
import { mapList } from '../_lib/list.js';

export const FORMATS = ['ndjson', 'json', 'csv', 'ics'] as const;
export type Format = (typeof FORMATS)[number];

/** What a format writes before the first plan, between plans, and after the last. */
export interface Framing {
  readonly header: string;
  readonly separator: string;
  readonly footer: string;
}

const CSV_COLUMNS = [
  'customerId',
  'purchaseId',
  'touchpointId',
  'localStart',
  'localEnd',
  'timeZone',
  'windowStart',
  'windowEnd',
  'channel',
  'urgency',
  'kind',
  'purpose',
  'due',
  'drugCodes',
  'ruleIds',
  'reasons',
] as const;

/** The CSV header in Chinese, column for column (the values are the same data; reasons are in the locale). */
const CSV_COLUMNS_ZH_CN: Record<(typeof CSV_COLUMNS)[number], string> = {
  customerId: '顾客编号',
  purchaseId: '购药单号',
  touchpointId: '联系编号',
  localStart: '开始时间',
  localEnd: '结束时间',
  timeZone: '时区',
  windowStart: '开始时刻（ISO）',
  windowEnd: '结束时刻（ISO）',
  channel: '渠道',
  urgency: '紧急程度',
  kind: '类型',
  purpose: '目的',
  due: '应联系时间',
  drugCodes: '药品编码',
  ruleIds: '规则',
  reasons: '原因',
};

const WORDS: Record<Locale, Words> = { en: new Words('en'), 'zh-CN': new Words('zh-CN') };

export function framing(format: Format, options: { bom?: boolean; locale?: Locale } = {}): Framing {
  switch (format) {
    case 'ndjson':
      return { header: '', separator: '', footer: '' };
    case 'json':
      return { header: '[\n', separator: ',\n', footer: '\n]\n' };
    case 'csv': {
      const columns = options.locale === 'zh-CN' ? CSV_COLUMNS.map((c) => CSV_COLUMNS_ZH_CN[c]) : [...CSV_COLUMNS];
      return {
        header: `${options.bom ? '\uFEFF' : ''}${stringify([columns], CSV_OPTIONS)}`,
        separator: '',
        footer: '',
      };
    }
    case 'ics': {
      const empty = ical({
        prodId: { company: 'rx-followup', product: 'plan', language: 'EN' },
        name: 'rx-followup follow-ups',
      }).toString();
      const end = empty.lastIndexOf('END:VCALENDAR');
      return { header: empty.slice(0, end), separator: '', footer: 'END:VCALENDAR\r\n' };
    }
  }
}

/**
 * A cell a spreadsheet will not run as a formula (CSV injection): text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'`, as OWASP recommends. Ids and purposes come from ERP data and rule files. A
 * cell a spreadsheet of another locale could split into one that starts so (`x;=HYPERLINK(…)` where `;` separates
 * fields) is quoted whole by {@link CSV_OPTIONS}.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * How every CSV of the CLI is written: Windows line ends, and any cell holding a `;`, `|` or tab quoted, so that no
 * locale's separator splits it into a formula.
 */
export const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[;|\t]/ } as const;

const ms = (iso: string): number => {
  const parsed = parseInstant(iso);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.epochMs;
};

/** A local date and time with its year, for people to read: `2026-03-10 Tue 15:00`, `2026-03-10 周二 15:00`. */
function localDateTime(iso: string, zone: string, words: Words): string {
  const at = ms(iso);
  const local = formatWithOffset(at, offsetAt(zone, at));
  const weekday =
    words
      .day(local)
      .split(' ')
      .find((part) => !/\d/.test(part)) ?? '';
  return `${local.slice(0, 10)} ${weekday} ${local.slice(11, 16)}`;
}

/** One plan as a chunk of the format, local times in the plan's zone; the plan's asOf is an event's ICS DTSTAMP. */
export function formatPlan(format: Format, plan: FollowUpPlan, locale: Locale = 'en'): string {
  const zone = plan.timeZone;
  const words = WORDS[locale];
  const say = cliWords(locale);
  switch (format) {
    case 'ndjson':
      return `${JSON.stringify(plan)}\n`;
    case 'json':
      return JSON.stringify(plan);
    case 'csv':
      if (plan.touchpoints.length === 0) return '';
      return stringify(
        plan.touchpoints.map((t) =>
          mapList(
            [
              plan.customerId,
              plan.purchaseId,
              t.id,
              localDateTime(t.window.start, zone, words),
              localDateTime(t.window.end, zone, words),
              zone,
              t.window.start,
              t.window.end,
              t.channel,
              t.urgency,
              t.kind,
              t.purpose,
              t.due,
              t.drugCodes.join(' '),
              t.ruleIds.join(' '),
              t.reasons.join(' | '),
            ],
            safeCell,
          ),
        ),
        CSV_OPTIONS,
      );
    case 'ics': {
      const calendar = ical();
      const stampMs = ms(plan.asOf);
      let out = '';
      for (const t of plan.touchpoints) {
        const event = calendar.createEvent({
          id: t.id,
          start: new Date(ms(t.window.start)),
          end: new Date(ms(t.window.end)),
          stamp: new Date(stampMs),
          summary: say('ics-summary', {
            label: t.label ?? t.purpose,
            channel: t.channel,
            channelName: words.channel(t.channel),
          }),
          description: [say('ics-description', plan), ...t.reasons].join('\n'),
          categories: [{ name: t.urgency.toUpperCase() }],
        });
        // The event's own ending is checked, not the text so far: asking that of `out` would make V8 copy all of
        // it into one flat string for every event.
        const text = foldLines(event.toString());
        out += text.endsWith('\r\n') ? text : `${text}\r\n`;
      }
      return out;
    }
  }
}

/** UTF-8 octets of one UTF-16 code unit on its own (a lone surrogate is written as U+FFFD: 3). */
const octets = (unit: number): number => (unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3);

/**
 * Folds content lines longer than 75 octets (RFC 5545 §3.1): a CRLF and a space before the character that would
 * go past 74, never inside a character. Gives exactly what ical-generator's `foldLines` gives (differential test in
 * `test/cli/formats.test.ts`); that one encodes every character with a new `TextEncoder`, which made `--format ics`
 * about five times slower than NDJSON on the main thread and thirteen times slower in worker threads.
 */
export function foldLines(text: string): string {
  let out = '';
  let from = 0;
  let width = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 13 && text.charCodeAt(i + 1) === 10) {
      width = 0;
      i += 2;
      continue;
    }
    let size = octets(unit);
    let units = 1;
    // A high surrogate takes the next unit with it (not a line's CRLF): 4 octets for a pair, else U+FFFD and that unit.
    if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      i + 1 < text.length &&
      !(text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10)
    ) {
      const next = text.charCodeAt(i + 1);
      size = next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + octets(next);
      units = 2;
    }
    if (width + size > 74) {
      out += `${text.slice(from, i)}\r\n `;
      from = i;
      width = size;
    } else width += size;
    i += units;
  }
  return from === 0 ? text : out + text.slice(from);
}
