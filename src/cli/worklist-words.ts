/**
 * The words of a worklist as people read it — CSV and workbook headers and cells, sheet names, the printed page's
 * header and footer, the `--summary` tables — per locale. Channels, urgencies and weekdays come from the planner's
 * vocabulary (date-fns weekday names), so a sheet says them as the plans' reasons do.
 */
import { VOCABULARIES } from '../i18n/words.js';
import type { Locale } from '../i18n/explanation.js';

/** What a row is: assigned to someone, overflowed, or an escalation no one can take before its deadline. */
export type RowStatus = 'assigned' | 'overflow' | 'unstaffed';
/** The counts of a summary table. */
export const SUMMARY_COUNTS = ['calls', 'visits', 'messages', 'escalations', 'moved', 'overflow'] as const;
export type SummaryCount = (typeof SUMMARY_COUNTS)[number];

/** The columns a worklist can have, CSV and workbook. */
export type ColumnKey =
  | 'date'
  | 'staff'
  | 'time'
  | 'channel'
  | 'urgency'
  | 'purpose'
  | 'customer'
  | 'name'
  | 'phone'
  | 'drugs'
  | 'why'
  | 'outcome'
  | 'note'
  | 'reasons'
  | 'touchpoint'
  | 'purchase'
  | 'status';

export interface SheetWords {
  readonly locale: Locale;
  readonly headers: Readonly<Record<ColumnKey, string>>;
  readonly status: Readonly<Record<RowStatus, string>>;
  channel(channel: string): string;
  urgency(urgency: string): string;
  /** A weekday's short name, Monday 0 (`Tue` / `周二`). */
  weekday(mondayIndex: number): string;
  /** The names of the sheets that are not a day or a person. */
  readonly sheets: { readonly overflow: string; readonly unstaffed: string; readonly empty: string };
  /** The printed page's header: the store(s), what the sheet holds (a day, or a person's days), the staff. */
  pageHeader(
    stores: readonly string[],
    title: string,
    staff: readonly string[],
  ): { left: string; center: string; right: string };
  /** `Worklist Tue 2026-03-10` / `回访工作清单 2026-03-10 周二`. */
  dayTitle(date: string, weekday: string): string;
  /** `Worklist 2026-03-09 to 2026-03-15`. */
  rangeTitle(first: string, last: string): string;
  /** The page footer, with Excel's page-number fields. */
  readonly pageFooter: string;
  readonly summary: {
    days(first: string, last: string): string;
    readonly weeks: string;
    readonly staff: string;
    readonly noOne: string;
    readonly counts: Readonly<Record<SummaryCount, string>>;
    unstaffed(n: number): string;
  };
}

const EN: SheetWords = {
  locale: 'en',
  headers: {
    date: 'date',
    staff: 'staff',
    time: 'time',
    channel: 'channel',
    urgency: 'urgency',
    purpose: 'purpose',
    customer: 'customer',
    name: 'name',
    phone: 'phone',
    drugs: 'drugs',
    why: 'why',
    outcome: 'outcome ✓',
    note: 'moved or overflow',
    reasons: 'reasons',
    touchpoint: 'touchpoint',
    purchase: 'purchase',
    status: 'status',
  },
  status: { assigned: 'assigned', overflow: 'overflow', unstaffed: 'unstaffed' },
  channel: (c) => VOCABULARIES.en.channels[c] ?? c,
  urgency: (u) => VOCABULARIES.en.urgencies[u] ?? u,
  weekday: (i) => VOCABULARIES.en.weekday(i),
  sheets: { overflow: 'overflow', unstaffed: 'unstaffed', empty: 'worklist' },
  pageHeader: (stores, title, staff) => ({
    left: stores.length === 0 ? '' : `Store ${stores.join(', ')}`,
    center: title,
    right: staff.length === 0 ? '' : `Staff: ${staff.join(', ')}`,
  }),
  dayTitle: (date, weekday) => `Worklist ${weekday} ${date}`,
  rangeTitle: (first, last) => `Worklist ${first} to ${last}`,
  pageFooter: 'Page &P of &N',
  summary: {
    days: (first, last) => `Worklist ${first} to ${last}, per day and staff member`,
    weeks: 'Per week (from Monday) and staff member',
    staff: 'staff',
    noOne: '(no one)',
    counts: {
      calls: 'calls',
      visits: 'visits',
      messages: 'messages',
      escalations: 'escalations',
      moved: 'moved',
      overflow: 'overflow',
    },
    unstaffed: (n) => `Escalations no one can take before their deadline (${n}): act on these by hand`,
  },
};

const ZH_CN: SheetWords = {
  locale: 'zh-CN',
  headers: {
    date: '日期',
    staff: '员工',
    time: '时间',
    channel: '渠道',
    urgency: '紧急程度',
    purpose: '目的',
    customer: '顾客',
    name: '姓名',
    phone: '电话',
    drugs: '药品',
    why: '原因',
    outcome: '结果 ✓',
    note: '改期或未排原因',
    reasons: '全部原因',
    touchpoint: '联系编号',
    purchase: '购药单号',
    status: '状态',
  },
  status: { assigned: '已分配', overflow: '未排上', unstaffed: '无人可接' },
  channel: (c) => VOCABULARIES['zh-CN'].channels[c] ?? c,
  urgency: (u) => VOCABULARIES['zh-CN'].urgencies[u] ?? u,
  weekday: (i) => VOCABULARIES['zh-CN'].weekday(i),
  sheets: { overflow: '未排上', unstaffed: '无人可接', empty: '工作清单' },
  pageHeader: (stores, title, staff) => ({
    left: stores.length === 0 ? '' : `门店 ${stores.join('、')}`,
    center: title,
    right: staff.length === 0 ? '' : `员工：${staff.join('、')}`,
  }),
  dayTitle: (date, weekday) => `回访工作清单 ${date} ${weekday}`,
  rangeTitle: (first, last) => `回访工作清单 ${first} 至 ${last}`,
  pageFooter: '第 &P 页，共 &N 页',
  summary: {
    days: (first, last) => `回访工作清单 ${first} 至 ${last}，按日期和员工`,
    weeks: '按周（从周一起）和员工',
    staff: '员工',
    noOne: '（无人）',
    counts: { calls: '电话', visits: '上门', messages: '消息', escalations: '升级', moved: '改期', overflow: '未排上' },
    unstaffed: (n) => `截止前无人可接的升级联系（${n} 个）：请人工处理`,
  },
};

/** The worklist's words in `locale`. */
export function sheetWords(locale: Locale): SheetWords {
  return locale === 'zh-CN' ? ZH_CN : EN;
}
