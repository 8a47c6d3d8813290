/**
 * The statutory public holidays of mainland China in any year from 2000 to 2100, as the national regulation on
 * public holidays (全国年节及纪念日放假办法, revised 2024) fixes them: 元旦 (1 January), 春节 (除夕 to 初三), 清明节
 * (the day of the 清明 solar term), 劳动节 (1 and 2 May), 端午节 (五月初五), 中秋节 (八月十五), 国庆节 (1 to 3
 * October). A calendar whose published dates have run out applies them provisionally (`provisional: 'cn-statutory'`).
 * The make-up workdays (调休) and the longer breaks built from weekends are published each year, never computed.
 */
import { dateEpochDay, fromEpochDay } from './local-date.js';

/** One statutory holiday day. */
export interface StatutoryDay {
  readonly epochDay: number;
  readonly name: string;
  /** The festival's own day (春节: 正月初一; 中秋节: 八月十五), on which greetings go. */
  readonly festival: boolean;
}

export const STATUTORY_FIRST_YEAR = 2000;
export const STATUTORY_LAST_YEAR = 2100;

/**
 * Per year from 2000, four base-32 digits, each a day of the year less a constant: 正月初一 (less 21), 清明 (less
 * 94), 五月初五 (less 147), 八月十五 (less 251). Worked out with lunar-javascript; `test/cn-statutory.test.ts` checks
 * every year against it.
 */
const LUNAR_DAYS =
  'f1b531tnm1jdb18311rlj1fa814ss1nhh1d7501po1ked1a421snk0gba160t1oji1e8703qq1mgf1b541uom0idb17211qlk1fa804sr1nhg1d75' +
  '12qn0ked19421snl1hca050t1oji1e8714rp0mge1b5310om1jdb07210qkk1f9915sr0nhg0c7512qo1kfc08320rml1hbb160t0oii0e8713rp1m' +
  'he0a530tom1idc18200qkj0f9815sr1oif0c7501po1kfd19420rll0hba160t1pjh0e8603rp0lgf1b530snm0icc08211rlj0f9805sr0nig1c75' +
  '00po0jed09331smk0ha9060s0pjh1e9602rp0lgf0a541tnm0icb08100rlj1ga';
const OFFSETS = [21, 94, 147, 251] as const;

const byYear = new Map<number, readonly StatutoryDay[]>();

/** The statutory holiday days of a year, in date order; none outside 2000–2100. */
export function statutoryHolidays(year: number): readonly StatutoryDay[] {
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) return [];
  const known = byYear.get(year);
  if (known !== undefined) return known;
  const jan1 = dateEpochDay(`${year}-01-01`);
  const i = (year - STATUTORY_FIRST_YEAR) * 4;
  const [newYear, qingming, duanwu, midAutumn] = OFFSETS.map(
    (offset, k) => jan1 + offset - 1 + parseInt(LUNAR_DAYS.charAt(i + k), 32),
  );
  const day = (epochDay: number, name: string, festival = false): StatutoryDay => ({ epochDay, name, festival });
  const on = (monthDay: string, name: string): StatutoryDay => day(dateEpochDay(`${year}-${monthDay}`), name);
  const days: StatutoryDay[] = [
    on('01-01', '元旦'),
    // 除夕 is the day before 正月初一 (the last day of the twelfth month, 29th or 30th).
    day((newYear as number) - 1, '春节'),
    day(newYear as number, '春节', true),
    day((newYear as number) + 1, '春节'),
    day((newYear as number) + 2, '春节'),
    day(qingming as number, '清明节'),
    on('05-01', '劳动节'),
    on('05-02', '劳动节'),
    day(duanwu as number, '端午节'),
    day(midAutumn as number, '中秋节', true),
    on('10-01', '国庆节'),
    on('10-02', '国庆节'),
    on('10-03', '国庆节'),
  ];
  // 中秋节 may fall on 1–3 October: the day is one holiday, named 国庆节 and 中秋节 both by the regulation; greetings
  // go on it as 中秋节.
  const out = days
    .filter(
      (d, k) =>
        !(d.name === '国庆节' && days.some((m, j) => j !== k && m.name === '中秋节' && m.epochDay === d.epochDay)),
    )
    .sort((a, b) => a.epochDay - b.epochDay);
  byYear.set(year, out);
  return out;
}

/** The statutory holidays between two days (epoch days, both included), each run of days of one name as one. */
export function statutoryRuns(fromDay: number, toDay: number): { name: string; firstDay: number; lastDay: number }[] {
  const runs: { name: string; firstDay: number; lastDay: number }[] = [];
  if (toDay < fromDay) return runs;
  for (let year = fromEpochDay(fromDay).year; year <= fromEpochDay(toDay).year; year++) {
    for (const d of statutoryHolidays(year)) {
      if (d.epochDay < fromDay || d.epochDay > toDay) continue;
      const last = runs[runs.length - 1];
      if (last !== undefined && last.name === d.name && last.lastDay === d.epochDay - 1) last.lastDay = d.epochDay;
      else runs.push({ name: d.name, firstDay: d.epochDay, lastDay: d.epochDay });
    }
  }
  return runs;
}
