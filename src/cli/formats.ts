/**
 * Output formats of `rx-followup plan`: each turns one plan into a chunk of
 * text, so plans can be written as they come (in any worker) and joined in
 * input order. CSV through csv-stringify, iCalendar through ical-generator
 * (both bundled into the CLI, not dependencies of the core).
 */
import { stringify } from 'csv-stringify/sync';
import ical, { foldLines } from 'ical-generator';
import { describeInstant } from '../calendar/describe.js';
import { parseInstant } from '../calendar/instant.js';
import type { FollowUpPlan } from '../plan/types.js';

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

export function framing(format: Format, options: { bom?: boolean } = {}): Framing {
  switch (format) {
    case 'ndjson':
      return { header: '', separator: '', footer: '' };
    case 'json':
      return { header: '[\n', separator: ',\n', footer: '\n]\n' };
    case 'csv':
      return { header: `${options.bom ? '\uFEFF' : ''}${stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' })}`, separator: '', footer: '' };
    case 'ics': {
      const empty = ical({ prodId: { company: 'rx-followup', product: 'plan', language: 'EN' }, name: 'rx-followup follow-ups' }).toString();
      const end = empty.lastIndexOf('END:VCALENDAR');
      return { header: empty.slice(0, end), separator: '', footer: 'END:VCALENDAR\r\n' };
    }
  }
}

const ms = (iso: string): number => {
  const parsed = parseInstant(iso);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.epochMs;
};

/** One plan as a chunk of the format. `zone` is the customer's zone; `stamp` the plan's as-of instant (ICS DTSTAMP). */
export function formatPlan(format: Format, plan: FollowUpPlan, zone: string, stamp: string): string {
  switch (format) {
    case 'ndjson':
      return `${JSON.stringify(plan)}\n`;
    case 'json':
      return JSON.stringify(plan);
    case 'csv':
      if (plan.touchpoints.length === 0) return '';
      return stringify(
        plan.touchpoints.map((t) => [
          plan.customerId,
          plan.purchaseId,
          t.id,
          describeInstant(ms(t.window.start), zone),
          describeInstant(ms(t.window.end), zone),
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
        ]),
        { record_delimiter: 'windows' },
      );
    case 'ics': {
      const calendar = ical();
      let out = '';
      for (const t of plan.touchpoints) {
        const event = calendar.createEvent({
          id: t.id,
          start: new Date(ms(t.window.start)),
          end: new Date(ms(t.window.end)),
          stamp: new Date(ms(stamp)),
          summary: `${t.purpose} (${t.channel})`,
          description: [`customer ${plan.customerId}, purchase ${plan.purchaseId}`, ...t.reasons].join('\n'),
          categories: [{ name: t.urgency.toUpperCase() }],
        });
        out += foldLines(event.toString());
        if (!out.endsWith('\r\n')) out += '\r\n';
      }
      return out;
    }
  }
}
