/**
 * Beyond the published year (issue 34 item 10): past the State Council's published dates the default calendar keeps
 * the statutory holidays of the national regulation (全国年节及纪念日放假办法), worked out from the lunar calendar, as
 * provisional days each plan names. Golden plans worked out by hand from the default rules.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type RuleSetInput } from '../src/index.js';
import { lintRuleSet } from '../src/workbench/index.js';
import { STATUTORY_FIRST_YEAR, STATUTORY_LAST_YEAR, statutoryHolidays } from '../src/calendar/cn-statutory.js';
import { formatLocalDate, fromEpochDay } from '../src/calendar/local-date.js';
import { holidayDays } from '../src/calendar/coverage.js';
import { goldenInput, planOf } from './golden-helpers.js';

const Z = '+08:00';

interface LunarDay {
  getSolar(): { toYmd(): string };
  getJieQiTable(): Record<string, { toYmd(): string }>;
}
const { Lunar } = createRequire(import.meta.url)('lunar-javascript') as {
  Lunar: { fromYmd(y: number, m: number, d: number): LunarDay };
};
const day = (epochDay: number) => formatLocalDate(fromEpochDay(epochDay));

describe('the statutory holidays of any year', () => {
  it('are those lunar-javascript works out, every year 2000–2100', () => {
    for (let year = STATUTORY_FIRST_YEAR; year <= STATUTORY_LAST_YEAR; year++) {
      const newYear = Lunar.fromYmd(year, 1, 1).getSolar().toYmd();
      const eve = day(statutoryHolidays(year).find((d) => d.festival && d.name === '春节')!.epochDay - 1);
      const named = (name: string) =>
        statutoryHolidays(year)
          .filter((d) => d.name === name)
          .map((d) => day(d.epochDay));
      expect([year, named('春节')]).toEqual([year, [eve, newYear, ...named('春节').slice(2)]]);
      expect(named('春节')).toHaveLength(4);
      expect([year, named('清明节')]).toEqual([year, [Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!.toYmd()]]);
      expect([year, named('端午节')]).toEqual([year, [Lunar.fromYmd(year, 5, 5).getSolar().toYmd()]]);
      const midAutumn = Lunar.fromYmd(year, 8, 15).getSolar().toYmd();
      expect([year, named('中秋节')]).toEqual([year, [midAutumn]]);
      // 中秋节 on 10-01–10-03 (2001, 2028, …) is that day's name; 国庆节 keeps the others.
      expect(named('国庆节')).toEqual(
        [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`].filter((d) => d !== midAutumn),
      );
      expect(named('元旦')).toEqual([`${year}-01-01`]);
      expect(named('劳动节')).toEqual([`${year}-05-01`, `${year}-05-02`]);
    }
    expect(statutoryHolidays(1999)).toEqual([]);
    expect(statutoryHolidays(2101)).toEqual([]);
  });

  it('are all days off in the published 2026 calendar, with the same festival days', () => {
    // Notice of 2025-11-04: 春节 2月15日至23日, 中秋节 9月25日; the regulation's days are within each holiday.
    const published = defaultRuleSet.calendars!['cn-public-holidays']!;
    const statutory = statutoryHolidays(2026);
    for (const d of statutory) expect(published.holidays.find((h) => h.date === day(d.epochDay))?.name).toBe(d.name);
    expect(statutory.filter((d) => d.festival).map((d) => day(d.epochDay))).toEqual(
      published.holidays.filter((h) => h.festival).map((h) => h.date),
    );
  });

  it("follow a calendar's published days, in date order, the same list for every calendar that ends on one day", () => {
    const published = defaultRuleSet.calendars!['cn-public-holidays']!;
    const days = holidayDays(published as never);
    const through = days.findIndex((d) => d.provisional);
    // Published (days off that are not make-up workdays), then every statutory day of 2027–2100, marked provisional.
    expect(days.slice(0, through).map((d) => d.provisional)).not.toContain(true);
    expect(days.slice(through).map((d) => [d.epochDay, d.name, d.festival])).toEqual(
      Array.from({ length: STATUTORY_LAST_YEAR - 2026 }, (_, k) => statutoryHolidays(2027 + k))
        .flat()
        .map((d) => [d.epochDay, d.name, d.festival]),
    );
    // A second calendar ending on the same day gets the same days in a list of its own.
    const again = holidayDays(structuredClone(published) as never);
    expect(again).toEqual(days);
    again.pop();
    expect(holidayDays(published as never)).toEqual(days);
    // A declared coverage that ends before some published days: the provisional days after it are merged in date
    // order with the published ones past it (2026-10-01 is both, published first).
    const early = holidayDays({ ...published, coverage: { from: '2026-01-01', through: '2026-09-30' } } as never);
    expect(early.map((d) => d.epochDay)).toEqual([...early.map((d) => d.epochDay)].sort((a, b) => a - b));
    const oct1 = early.filter((d) => day(d.epochDay) === '2026-10-01');
    expect(oct1.map((d) => d.provisional)).toEqual([false, true]);
  });
});

describe('a plan made in the autumn, past the published dates', () => {
  // A chronic patient who takes WeChat buys 83 days of AML-5 on Thu 2026-10-15 10:00. Supply ends Wed 2027-01-06
  // 10:00; the refill reminder is due 4 days before, Sat 01-02 10:00, within a day either side (Fri 01-01 10:00 to
  // Sun 01-03 10:00). No preferred slot (Tue–Thu) in reach; the fallback hours (Mon–Sat 09:30–11:30) open first on
  // Fri 01-01 at 10:00 — 元旦, a statutory holiday, so the day is held: Sat 01-02 09:30. Seed 002: 逢年過節打招呼 —
  // the festival greeting goes on 春节 2027, 正月初一 = Sat 02-06, at the message hours' opening, 09:00.
  const input = goldenInput({
    customer: { contact: { phone: '13800000000', wechat: true } },
    purchase: { purchasedAt: `2026-10-15T10:00:00${Z}`, items: [{ drugCode: 'AML-5', quantity: 1 }] },
    courses: [{ drugCode: 'AML-5', unitsPerPack: 83, dosePerDay: 1, chronic: true }],
  });

  it('greets 春节 2027 and books no call on 2027-01-01, naming the provisional days', async () => {
    const plan = await planOf(input);
    const refill = plan.touchpoints.find((t) => t.purpose === 'refill-reminder');
    expect(refill?.window.start).toBe(`2027-01-02T09:30:00${Z}`);
    expect(refill?.reasons).toContain(
      'Sat 01-02 is past the published dates of calendar cn-public-holidays (through 2026-12-31): the statutory holidays are kept, provisionally; make-up workdays are not known',
    );
    const greeting = plan.touchpoints.find((t) => t.purpose === 'festival-greeting');
    expect([greeting?.channel, greeting?.window.start]).toEqual(['wechat', `2027-02-06T09:00:00${Z}`]);
    expect(greeting?.reasons[0]).toBe(
      'due Sat 02-06 00:00: the day of 春节 (Sat 02-06) (rule cadence.festival-greeting)',
    );
    expect(plan.touchpoints.some((t) => t.window.start.startsWith('2027-01-01'))).toBe(false);
    // The horizon (120 days) ends Fri 2027-02-12: 元旦 and 春节 (除夕 Fri 02-05 to 初三 Mon 02-08) are in reach.
    expect(plan.warnings).toEqual([
      'calendar cn-public-holidays has published dates through 2026-12-31, and this plan runs to 2027-02-12: until the next dates are added, it keeps the statutory holidays, provisionally (元旦 Fri 01-01, 春节 Fri 02-05 – Mon 02-08); make-up workdays are not known',
    ]);
    expect(plan.warningExplanations).toEqual([
      {
        code: 'warning.calendar-provisional',
        params: {
          calendar: 'cn-public-holidays',
          through: '2026-12-31',
          last: '2027-02-12',
          holidays: '元旦 2027-01-01/2027-01-01,春节 2027-02-05/2027-02-08',
        },
      },
    ]);
  });

  it('says so in Chinese', async () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const plan = await zh.plan(input);
    expect(plan.warnings[0]).toBe(
      '日历 cn-public-holidays 已公布的日期只到 2026年12月31日，而这个计划到 2027年2月12日：补充下一年的日期之前，暂按法定假日安排（元旦 1月1日 周五；春节 2月5日 周五 – 2月8日 周一），调休未知',
    );
  });

  it('without provisional days, books the call on 元旦 and greets no 春节 (the calendar does not know them)', async () => {
    const ruleSet = structuredClone(defaultRuleSet) as RuleSetInput & {
      calendars: Record<string, { provisional?: string }>;
    };
    delete ruleSet.calendars['cn-public-holidays']!.provisional;
    const plan = await createPlanner({ ruleSet }).plan(input);
    expect(plan.touchpoints.find((t) => t.purpose === 'refill-reminder')?.window.start).toBe(`2027-01-01T10:00:00${Z}`);
    expect(plan.touchpoints.some((t) => t.purpose === 'festival-greeting' && t.window.start.startsWith('2027'))).toBe(
      false,
    );
    expect(plan.warningExplanations.map((w) => w.code)).toEqual(['warning.calendar-ends']);
    // And lint says the calendar ends within the horizon, which it does not say of the default rules.
    expect(lintRuleSet(ruleSet, { today: '2026-11-27' }).map((w) => w.check)).toEqual(['calendar-ends']);
    expect(lintRuleSet(defaultRuleSet, { today: '2026-11-27' })).toEqual([]);
  });
});

describe("the calendar's published dates, at their first and last day", () => {
  // The default rules' cn-public-holidays publishes 2026-01-01 through 2026-12-31; a plan runs 120 days from its
  // purchase. A loyal member buys AMOX (goldenInput), at 10:00 Shanghai time on the day named.
  const bought = (day: string) => goldenInput({ purchase: { purchasedAt: `${day}T10:00:00${Z}` } });
  const codes = async (day: string) => (await planOf(bought(day))).warningExplanations.map((w) => w.code);

  it('a plan that ends on the last published day is not warned; one a day longer is, naming the day past it', async () => {
    // 2026-09-02 + 120 days = 2026-12-31, the last published day.
    expect(await codes('2026-09-02')).not.toContain('warning.calendar-provisional');
    // 2026-09-03 + 120 days = 2027-01-01: 元旦, kept provisionally.
    const plan = await planOf(bought('2026-09-03'));
    expect(plan.warningExplanations).toContainEqual({
      code: 'warning.calendar-provisional',
      params: {
        calendar: 'cn-public-holidays',
        through: '2026-12-31',
        last: '2027-01-01',
        holidays: '元旦 2027-01-01/2027-01-01',
      },
    });
  });

  it('a plan that starts before the first published day is warned, naming its first day; one on it is not', async () => {
    expect(await codes('2026-01-01')).not.toContain('warning.calendar-starts');
    const plan = await planOf(bought('2025-12-31'));
    expect(plan.warningExplanations).toContainEqual({
      code: 'warning.calendar-starts',
      params: { calendar: 'cn-public-holidays', from: '2026-01-01', first: '2025-12-31' },
    });
  });
});

describe('a plan made a year past the published dates', () => {
  it("names only the holidays within the plan's own days, not those since the published dates ended", async () => {
    // Bought Mon 2027-03-01 10:00; the plan runs 120 days, to Tue 06-29. Of 2027's statutory holidays it reaches
    // 清明节 (04-05), 劳动节 (05-01 – 05-02) and 端午节 (06-09); 元旦 and 春节 were over before it began.
    const plan = await planOf(goldenInput({ purchase: { purchasedAt: `2027-03-01T10:00:00${Z}` } }));
    expect(plan.warningExplanations).toContainEqual({
      code: 'warning.calendar-provisional',
      params: {
        calendar: 'cn-public-holidays',
        through: '2026-12-31',
        last: '2027-06-29',
        holidays: '清明节 2027-04-05/2027-04-05,劳动节 2027-05-01/2027-05-02,端午节 2027-06-09/2027-06-09',
      },
    });
  });

  it('a plan past the statutory table (2100) names none: the warning stays a line, not a century of holidays', async () => {
    const plan = await planOf(goldenInput({ purchase: { purchasedAt: `2200-06-01T10:00:00${Z}` } }));
    const warning = plan.warningExplanations.find((w) => w.code === 'warning.calendar-provisional');
    expect(warning?.params).toMatchObject({ last: '2200-09-29', holidays: '' });
    expect(plan.warnings.find((w) => w.includes('cn-public-holidays'))?.length).toBeLessThan(300);
    // Said as none known, in both catalogues — not an empty list ("(-)").
    expect(plan.warnings.find((w) => w.includes('cn-public-holidays'))).toContain(
      'it keeps the statutory holidays, provisionally (none known for these days); make-up workdays are not known',
    );
    const zh = await createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' }).plan(
      goldenInput({ purchase: { purchasedAt: `2200-06-01T10:00:00${Z}` } }),
    );
    expect(zh.warnings.find((w) => w.includes('cn-public-holidays'))).toContain(
      '暂按法定假日安排（这段日期内没有已知的法定假日），调休未知',
    );
  });
});
