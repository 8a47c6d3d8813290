/**
 * How a locale says the parts of a reason: instants and days with weekday names, durations in words, windows, rules,
 * purposes, channels. Weekday names and duration words come from date-fns's locales; everything is remembered
 * per value, in bounded tables, so rendering a plan's reasons is mostly lookups.
 */
import { formatDuration } from 'date-fns/formatDuration';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import type { Locale as DateFnsLocale } from 'date-fns';
import { parseDuration, type Duration } from '../calendar/duration.js';
import { DayTable } from '../calendar/day-table.js';
import { epochDayOf, fromEpochDay, weekdayOfEpochDay, WEEKDAYS } from '../calendar/local-date.js';
import type { DisplayNames, Locale } from './explanation.js';

/** A parameter as a message reads it. */
export type Param = string | number | undefined;

/** The display names a rule set gives its rules and purposes. */
export interface Names {
  readonly rules: ReadonlyMap<string, DisplayNames>;
  readonly purposes: ReadonlyMap<string, DisplayNames>;
}

export const NO_NAMES: Names = { rules: new Map(), purposes: new Map() };

/** A bounded memo: cleared when full (the values are cheap to make again). */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly make: (key: string) => V,
    private readonly max = 4096,
  ) {}
  get(key: string): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = this.make(key);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

/** Fixed words of one locale. */
export interface Vocabulary {
  readonly dateFns: DateFnsLocale;
  readonly channels: Record<string, string>;
  readonly kinds: Record<string, string>;
  readonly incidents: Record<string, string>;
  readonly severities: Record<string, string>;
  readonly urgencies: Record<string, string>;
  readonly uses: Record<string, string>;
  readonly everyDay: string;
  readonly makeUp: string;
  readonly listJoin: string;
  /** `Tue 03-10` / `3月10日 周二`, from the weekday name and the date's parts. */
  date(weekday: string, month: number, day: number): string;
  /** A date with its year, where the year matters (a calendar's last day): `2026-12-31` / `2026年12月31日`. */
  fullDate(year: number, month: number, day: number): string;
  /** A weekday range of a window (`Tue-Thu` / `周二至周四`). */
  range(from: string, to: string): string;
  /** A weekday as a window or blackout names it (`Tue` / `周二`). */
  weekday(index: number): string;
  /** The rule a reason cites. */
  rule(id: string, name: string | undefined): string;
}

const weekdayName = (locale: DateFnsLocale, mondayIndex: number): string =>
  locale.localize.day(((mondayIndex + 1) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6, { width: 'abbreviated' });

export const EN: Vocabulary = {
  dateFns: enUS,
  channels: { phone: 'phone', sms: 'sms', wechat: 'wechat', 'home-visit': 'home-visit' },
  kinds: {
    'follow-up': 'follow-up',
    refill: 'refill',
    message: 'message',
    greeting: 'greeting',
    escalation: 'escalation',
  },
  incidents: {
    'wrong-drug': 'wrong-drug',
    complaint: 'complaint',
    'adverse-reaction': 'adverse-reaction',
    inquiry: 'inquiry',
  },
  severities: { low: 'low', medium: 'medium', high: 'high' },
  urgencies: { critical: 'critical', high: 'high', routine: 'routine' },
  uses: {
    preferred: 'preferred call window',
    fallback: 'fallback call window',
    message: 'message hours',
    urgent: 'urgent hours',
    customer: "customer's own preferred hours",
  },
  everyDay: 'every day',
  makeUp: ' (make-up workday)',
  listJoin: ', ',
  date: (weekday, month, day) => `${weekday} ${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  fullDate: (year, month, day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  range: (from, to) => `${from}-${to}`,
  weekday: (index) => weekdayName(enUS, index),
  rule: (id) => ` (rule ${id})`,
};

export const ZH_CN: Vocabulary = {
  dateFns: zhCN,
  channels: { phone: '电话', sms: '短信', wechat: '微信', 'home-visit': '上门' },
  kinds: { 'follow-up': '回访', refill: '续药提醒', message: '消息', greeting: '问候', escalation: '紧急处理' },
  incidents: { 'wrong-drug': '发错药', complaint: '投诉', 'adverse-reaction': '不良反应', inquiry: '咨询' },
  severities: { low: '轻', medium: '中', high: '重' },
  urgencies: { critical: '危急', high: '紧急', routine: '常规' },
  uses: {
    preferred: '首选通话时段',
    fallback: '备选通话时段',
    message: '消息发送时段',
    urgent: '紧急联系时段',
    customer: '顾客自选时段',
  },
  everyDay: '每天',
  makeUp: '（调休上班日）',
  listJoin: '、',
  date: (weekday, month, day) => `${month}月${day}日 ${weekday}`,
  fullDate: (year, month, day) => `${year}年${month}月${day}日`,
  range: (from, to) => `${from}至${to}`,
  weekday: (index) => weekdayName(zhCN, index),
  rule: (id, name) => `（规则：${name ?? id}）`,
};

export const VOCABULARIES: Record<Locale, Vocabulary> = { en: EN, 'zh-CN': ZH_CN };

const str = (v: Param): string => (v === undefined ? '' : String(v));

/**
 * The epoch day of the date a text starts with (`YYYY-MM-DD…`), or `null`: read by character codes, not sliced and
 * parsed, since this runs for most reasons of every plan.
 */
function epochDayOfText(s: string): number | null {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 ? epochDayOf(year, month, day) : null;
}

/** The decimal number in `s` from `from` to `to` (exclusive); NaN when a character there is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

/** How one locale, with one rule set's names, says the parts of a reason. */
export class Words {
  readonly v: Vocabulary;
  private readonly days: DayTable;
  private readonly purposes: Memo<string>;
  private readonly rules: Memo<string>;
  private readonly durations: Memo<string>;
  private readonly dayLists: Memo<string>;
  private readonly weekdays: readonly string[];

  constructor(
    readonly locale: Locale,
    private readonly names: Names = NO_NAMES,
  ) {
    const v = VOCABULARIES[locale];
    this.v = v;
    this.weekdays = WEEKDAYS.map((_, i) => weekdayName(v.dateFns, i));
    this.days = new DayTable((epochDay) => {
      const date = fromEpochDay(epochDay);
      return v.date(this.weekdays[weekdayOfEpochDay(epochDay)] as string, date.month, date.day);
    });
    this.rules = new Memo((id) => v.rule(id, names.rules.get(id)?.[locale]));
    this.purposes = new Memo((code) =>
      code
        .split('+')
        .map((one) => this.names.purposes.get(one)?.[this.locale] ?? one)
        .join(this.v.listJoin),
    );
    this.durations = new Memo((iso) => {
      const d = parseDuration(iso.replace(/^[+-]/, ''));
      return d === undefined ? iso : durationWords(d, v.dateFns);
    });
    this.dayLists = new Memo((days) => {
      if (days === 'MON-SUN') return v.everyDay;
      const name = (d: string): string => v.weekday((WEEKDAYS as readonly string[]).indexOf(d));
      if (/^[A-Z]{3}-[A-Z]{3}$/.test(days)) return v.range(name(days.slice(0, 3)), name(days.slice(4)));
      return days.split(',').map(name).join(v.listJoin);
    }, 256);
  }

  /** An instant (ISO-8601 with offset) at its own offset: `Tue 03-10 15:00` / `3月10日 周二 15:00`. */
  at(iso: Param): string {
    // The last two instants said, remembered: a contact's due and its start come up reason after reason.
    const s = str(iso);
    if (s === this.lastIso) return this.lastAt;
    if (s === this.priorIso) return this.priorAt;
    this.priorIso = this.lastIso;
    this.priorAt = this.lastAt;
    this.lastIso = s;
    this.lastAt = `${this.day(s)} ${s.slice(11, 16)}`;
    return this.lastAt;
  }
  private lastIso = '';
  private lastAt = '';
  private priorIso = '';
  private priorAt = '';

  /** A local date (`YYYY-MM-DD`, or the date of an instant): `Tue 03-10` / `3月10日 周二`. */
  day(date: Param): string {
    const s = str(date);
    const epochDay = epochDayOfText(s);
    return epochDay === null ? s : this.days.get(epochDay);
  }

  /** A local date (`YYYY-MM-DD`) with its year: `2026-12-31` / `2026年12月31日`. */
  fullDay(date: Param): string {
    const s = str(date);
    const epochDay = epochDayOfText(s);
    if (epochDay === null) return s;
    const d = fromEpochDay(epochDay);
    return this.v.fullDate(d.year, d.month, d.day);
  }

  /** An ISO-8601 duration in words, its sign dropped: `3 days`, `2 个星期`. */
  dur(iso: Param): string {
    return this.durations.get(str(iso));
  }

  /** Whether an ISO-8601 duration is whole days only (`P3D`), and how many: `购药后第 3 天` reads better than `3 天`. */
  wholeDays(iso: Param): number | null {
    return this.wholeDayCounts.get(str(iso));
  }
  private readonly wholeDayCounts = new Memo<number | null>((s) => {
    const m = /^[+-]?P(\d+)D$/.exec(s);
    return m === null ? null : Number(m[1]);
  }, 1024);

  /** A window's days (`TUE-THU`, `MON,WED`, `MON-SUN`) in words. */
  dayList(days: Param): string {
    return this.dayLists.get(str(days));
  }

  /** A call window from a reason's params (`use`, `days`, `hours`, `makeUp`). */
  window(p: Readonly<Record<string, Param>>): string {
    return `${this.v.uses[str(p.use)] ?? str(p.use)} ${this.dayList(p.days)} ${str(p.hours)}${p.makeUp === 1 ? this.v.makeUp : ''}`;
  }

  /** The rule a reason cites, as a suffix: ` (rule cadence.x)` / `（规则：名称）`; empty without one. */
  rule(id: string | undefined): string {
    return id === undefined ? '' : this.rules.get(id);
  }

  /** A rule's name in this locale, else its id. */
  ruleName(id: string): string {
    return this.names.rules.get(id)?.[this.locale] ?? id;
  }

  /** One purpose, or merged ones (`a+b`), in words. */
  purpose(code: Param): string {
    return this.purposes.get(str(code));
  }

  channel(c: Param): string {
    return this.v.channels[str(c)] ?? str(c);
  }
  channels(list: Param): string {
    return str(list)
      .split(',')
      .filter((c) => c !== '')
      .map((c) => this.channel(c))
      .join(this.locale === 'en' ? '/' : '、');
  }
  kind(k: Param): string {
    return this.v.kinds[str(k)] ?? str(k);
  }
  incident(type: Param): string {
    return this.v.incidents[str(type)] ?? str(type);
  }
  severity(s: Param): string {
    return this.v.severities[str(s)] ?? str(s);
  }
  urgency(u: Param): string {
    return this.v.urgencies[str(u)] ?? str(u);
  }
  weekday(day: Param): string {
    return this.v.weekday((WEEKDAYS as readonly string[]).indexOf(str(day)));
  }
  list(items: readonly string[]): string {
    return items.join(this.v.listJoin);
  }
}

/** A duration in words with date-fns (`1 day 12 hours`, `1 天 12 小时`); zero is `0 days` / `0 天`. */
function durationWords(d: Duration, locale: DateFnsLocale): string {
  const words = formatDuration(
    {
      years: d.years,
      months: d.months,
      weeks: d.weeks,
      days: d.days,
      hours: d.hours,
      minutes: d.minutes,
      seconds: d.seconds,
    },
    { locale },
  );
  return words === '' ? formatDuration({ days: 0 }, { locale, zero: true, format: ['days'] }) : words;
}
