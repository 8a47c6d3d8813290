/**
 * The week calendar: a row per customer, a column per day; each contact a chip coloured by urgency, on its local
 * day (a plan writes every time with the customer's own offset, so the date is the first ten characters); holidays
 * of the rule set's calendars shaded for everyone, the days a customer's blackouts hold shaded in their row.
 */
import { addDays, format, parseISO } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { FollowUpPlan, Locale, PlanInput, RuleSet } from 'rx-followup';
import { blackoutDays } from 'rx-followup/workbench';
import { esc } from './html.js';
import type { UiWords } from './words.js';

/** One row: an input and its plan, or why it has none. */
export type Row =
  { readonly input: PlanInput; readonly plan: FollowUpPlan } | { readonly input: PlanInput; readonly error: string };

/** `YYYY-MM-DD` of the day `n` days after `date`. */
export const plusDays = (date: string, n: number): string => format(addDays(parseISO(date), n), 'yyyy-MM-dd');

/** The Monday of the week holding `date`. */
export const mondayOf = (date: string): string => plusDays(date, -((parseISO(date).getDay() + 6) % 7));

/** A day as the calendar heads it: `Thu 4/23`, `4月23日 周四`. */
export const dayLabel = (date: string, locale: Locale): string =>
  // As the CLI and the plans' reasons say a day: `Thu 04-23`, `4月23日 周四`.
  format(parseISO(date), locale === 'zh-CN' ? 'M月d日 EEE' : 'EEE MM-dd', { locale: locale === 'zh-CN' ? zhCN : enUS });

/** A rule's name in the locale, else its id. */
export const ruleName = (ruleSet: RuleSet, id: string, locale: Locale): string =>
  ruleSet.rules.find((r) => r.id === id)?.names?.[locale] ?? id;

/** Each holiday and make-up workday of the rule set's calendars, by date. */
function calendarDays(ruleSet: RuleSet): { holidays: Map<string, string>; workdays: Set<string> } {
  const holidays = new Map<string, string>();
  const workdays = new Set<string>();
  for (const calendar of Object.values(ruleSet.calendars)) {
    for (const day of calendar.workdays) workdays.add(day);
    for (const h of calendar.holidays) if (!calendar.workdays.includes(h.date)) holidays.set(h.date, h.name);
  }
  return { holidays, workdays };
}

export function renderWeek(
  monday: string,
  rows: readonly Row[],
  ruleSet: RuleSet,
  locale: Locale,
  words: UiWords,
): string {
  const days = Array.from({ length: 7 }, (_, i) => plusDays(monday, i));
  const { holidays, workdays } = calendarDays(ruleSet);
  const head = days
    .map((d) => {
      const label = dayLabel(d, locale);
      const holiday = holidays.get(d);
      const note = holiday ?? (workdays.has(d) ? words.makeUpWorkday : '');
      return `<th class="${holiday ? 'holiday' : ''}" data-date="${d}">${esc(label)}${note ? `<small>${esc(note)}</small>` : ''}</th>`;
    })
    .join('');
  const body = rows
    .map((row) => {
      // A pasted input may be anything: its row still says who, as far as it can.
      const customer = (row.input as { customer?: { name?: unknown; id?: unknown } } | null)?.customer;
      const id = typeof customer?.id === 'string' ? customer.id : '?';
      const who = `<th class="who"><span>${esc(typeof customer?.name === 'string' ? customer.name : id)}</span><small>${esc(id)}</small></th>`;
      if (!('plan' in row))
        return `<tr data-customer="${esc(id)}">${who}<td colspan="7" class="plan-error">${esc(words.planError)}: ${esc(row.error)}</td></tr>`;
      const { plan } = row;
      const blocked = new Map<string, string[]>();
      for (const b of blackoutDays(ruleSet, plan, monday, 7)) {
        if (b.why.why === 'holiday') continue; // shaded for everyone already
        blocked.set(b.date, [...(blocked.get(b.date) ?? []), ruleName(ruleSet, b.ruleId, locale)]);
      }
      const cells = days.map((d) => {
        const chips = plan.touchpoints
          .filter((t) => t.window.start.slice(0, 10) === d)
          .map(
            (t) =>
              `<button type="button" class="chip ${t.urgency}" data-purchase="${esc(plan.purchaseId)}" data-touchpoint="${esc(t.id)}" data-purpose="${esc(t.purpose)}" title="${esc(t.label)}">` +
              `<b>${esc(t.window.start.slice(11, 16))}</b> ${esc(words.channel[t.channel] ?? t.channel)} · ${esc(t.label)}</button>`,
          )
          .join('');
        const classes = [holidays.has(d) ? 'holiday' : '', blocked.has(d) ? 'blackout' : ''].filter(Boolean).join(' ');
        const title = blocked.has(d) ? ` title="${esc((blocked.get(d) as string[]).join('; '))}"` : '';
        return `<td class="${classes}" data-date="${d}"${title}>${chips}</td>`;
      });
      return `<tr data-customer="${esc(plan.customerId)}">${who}${cells.join('')}</tr>`;
    })
    .join('');
  return `<table class="week"><thead><tr><th>${esc(words.customer)}</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
