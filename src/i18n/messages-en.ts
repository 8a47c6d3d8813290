/** The English messages: one function per code, from its params and the locale's words. docs/reasons.md lists them. */
import type { Catalogue } from './catalogue.js';
import type { Param, Words } from './words.js';
import { plural } from './plural.js';
import { items } from './reason-params.js';
import type {
  AnchorParams,
  ChannelWhyParams,
  DueParams,
  Of,
  MoveParams,
  ReasonCode,
  ReasonParams,
  ToleranceParams,
  WhyParams,
} from './reason-params.js';

/** A message's params as it reads them. */
export type Params = Readonly<Record<string, Param>>;
/** A reason's params as its message reads them: its code's, and whose (`of`) when it is a merged contact's detail. */
export type ReasonMessageParams = { readonly [C in ReasonCode]: Readonly<ReasonParams[C] & Of> };
/** One locale's reasons: for each code, its params and the locale's words in, the sentence out. */
export type Messages = Catalogue<ReasonMessageParams, Words>;

function anchor(p: AnchorParams, w: Words): string {
  switch (p.anchor) {
    case 'registration':
      return 'registration';
    case 'onset':
      return `expected onset (day ${p.onsetDays})`;
    case 'supply-end':
      return p.carriedOverDays === undefined
        ? `supply end (${p.supplyDays ?? '?'} days)`
        : `supply end (${p.supplyDays ?? '?'} days, after ${p.carriedOverDays} days still in hand from an earlier purchase)`;
    case 'holiday':
      return `${p.holiday} (${w.day(p.holidayDate)})`;
    case 'resolved':
      return `the ${w.incident(p.incident)} was resolved (${w.at(p.resolved)})`;
    case 'discharge':
      return `the discharge from hospital (${w.at(p.discharged)})`;
    default:
      return 'purchase';
  }
}

/**
 * The provisional holidays of a warning: `春节 Fri 02-05 – Mon 02-08`, joined by `sep`; `none` when the plan's days
 * hold none the statutory table knows (a span between holidays, a year past the table).
 */
export function provisionalHolidays(p: { holidays?: string }, w: Words, sep: string, none: string): string {
  if (p.holidays === undefined || p.holidays === '') return none;
  return items(p.holidays)
    .map((run) => {
      const [name, days] = run.split(' ');
      const [first, last] = String(days).split('/');
      return first === last ? `${name} ${w.day(first)}` : `${name} ${w.day(first)} – ${w.day(last)}`;
    })
    .join(sep);
}

/** `3 days after purchase`, `4 days before supply end (60 days)`, `15 days after purchase + 1 × 5 days`. */
function due(p: DueParams, w: Words): string {
  const offset = String(p.offset);
  const base =
    w.wholeDays(offset) === 0
      ? `the day of ${anchor(p, w)}`
      : `${w.dur(offset)} ${offset.startsWith('-') ? 'before' : 'after'} ${anchor(p, w)}`;
  return p.every === undefined ? base : `${base} + ${p.count} × ${w.dur(p.every)}`;
}

/** A tolerance: `7 days after due`, `1 day before to 1 day after due`, `12 hours after the report`. */
function tolerance(p: ToleranceParams, w: Words): string {
  if (p.tolMerged !== undefined) {
    const each = items(p.tolEach ?? '');
    const parts = String(p.tolMerged)
      .split('+')
      .map((purpose, i) => `${tolerance(eachTolerance(each[i]), w)} for ${w.purpose(purpose)}`);
    return `${parts.join(', ')}, each at most ${p.tolWithin} days past its own first slot`;
  }
  if (p.tolFrom === 'report') return `${w.dur(p.tolAfter)} after the report`;
  if (p.tolBefore !== undefined) return `${w.dur(p.tolBefore)} before to ${w.dur(p.tolAfter)} after due`;
  return `${w.dur(p.tolAfter)} after due`;
}

/** One member's tolerance of a merged contact's `tolEach` (`P7D`, `P1D/P1D`) as params. */
export function eachTolerance(text: string | undefined): ToleranceParams {
  const [before, after] = (text ?? '').includes('/') ? (text as string).split('/') : [undefined, text];
  if (after === undefined) return {};
  return before === undefined ? { tolAfter: after } : { tolBefore: before, tolAfter: after };
}

const earlierContact = (p: { contact?: string }): string =>
  p.contact === undefined ? '' : ` (contact ${p.contact} of an earlier plan)`;

/** Why a day was skipped: a blackout or a cap (`why` names which). */
function why(p: WhyParams, w: Words): string {
  switch (p.why) {
    case 'month-first':
      return `first ${p.first} days of the month`;
    case 'month-last':
      return `last ${p.last} days of the month`;
    case 'holiday':
      return p.provisional === 1 ? `holiday ${p.holiday} (statutory, provisional)` : `holiday ${p.holiday}`;
    case 'weekday':
      return `no routine contact on ${w.weekday(p.weekday)}`;
    case 'date':
      return 'blackout date';
    case 'cap.gap':
      return `routine ${w.channels(p.channels)} contacts at least ${w.dur(p.gap)} apart (${w.purpose(p.purpose)}${earlierContact(p)} on ${w.day(p.near)})`;
    case 'cap.period':
      return `at most ${p.max} routine ${w.channels(p.channels)} contacts in any ${w.dur(p.period)}`;
    case 'cap.day-taken':
      return `at most one routine contact a day, and that day has ${w.purpose(p.purpose)}${earlierContact(p)}`;
    case 'cap.out-of-reach':
      return `at most one routine contact a day, and that day's ${w.purpose(p.purpose)} at ${w.at(p.other)} is outside this contact's tolerance`;
  }
}

/** Why a channel was not used, by the policy's `when` (`no-consent` names the channel). */
const CHANNEL_WHY: Readonly<Record<string, string>> = {
  'do-not-call': 'the customer asked not to be called',
  'no-phone': 'no phone number on file',
  'prefers-message': 'the customer prefers messages to calls',
};
const channelWhy = (p: ChannelWhyParams, w: Words): string =>
  CHANNEL_WHY[String(p.why)] ?? `the customer has not consented to ${w.channel(p.channel)}`;

const span = (w: Words, from: Param, to: Param): string =>
  to === undefined || to === from ? w.day(from) : `${w.day(from)} to ${w.day(to)}`;

const partsText = (parts: Param, join: string): string =>
  items(parts)
    .map((part) => `the ${part}`)
    .join(join);

const overflowText = (p: MoveParams, w: Words): string =>
  `up to ${p.earlierWithin === undefined ? '' : `${w.dur(p.earlierWithin)} earlier or `}${w.dur(p.within)} ${p.move}${w.rule(p.overflowRule as string | undefined)}`;

export const EN_MESSAGES = {
  // Why a contact is due.
  due: (p, w) => `due ${w.at(p.at)}: ${due(p, w)}`,
  'due.retry': (p, w) =>
    `due ${w.at(p.at)}: retry ${p.attempt} of ${p.max}: not reached ${w.at(p.lastAttempt)} (contact ${p.contact})`,
  'due.retry-message': (p, w) =>
    `due ${w.at(p.at)}: not reached ${p.attempts} times (last ${w.at(p.lastAttempt)}, contact ${p.contact}): a message instead`,
  // Escalations.
  'escalation.reported': (p, w) =>
    `reported ${w.at(p.at)}: ${w.incident(p.incident)}${p.severity === undefined ? '' : ` (${w.severity(p.severity)})`}; ${w.urgency(p.urgency)} ${w.channel(p.channel)} contact within ${w.dur(p.deadline)}`,
  'escalation.channel': (p, w) =>
    `channel ${w.channel('phone')} → ${w.channel(p.channel)}${p.deadline === undefined ? '' : ` within ${w.dur(p.deadline)}`}: no phone number on file`,
  'escalation.no-urgent-hours': (p, w) => `no urgent-hours window: contact from ${w.at(p.at)}`,
  'escalation.no-slot': (p, w) => `no urgent-hours slot before the deadline ${w.at(p.deadlineAt)}: contact at once`,
  'escalation.at-once': (p, w) => `at once: ${w.window(p)}`,
  'escalation.late': (p, w) =>
    `reported before asOf ${w.at(p.asOf)}: from ${w.at(p.at)}, the next opening of ${w.window(p)}`,
  'escalation.from': (p, w) => `from ${w.at(p.at)}: ${p.outside === 1 ? 'the report is outside ' : ''}${w.window(p)}`,
  'escalation.overdue': (p, w) =>
    `overdue: the deadline ${w.at(p.deadlineAt)} passed before ${w.at(p.at)}; contact first thing`,
  'escalation.safety': () =>
    'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)',
  'merged.same-report': (p, w) =>
    `merged ${w.purpose(p.purpose)} into this ${w.channel(p.channel)} contact for the same report`,
  // Placement.
  'waits-for-escalation': (p, w) => `waits until the ${w.purpose(p.purpose)} escalation starts (${w.at(p.at)})`,
  'calls-paused': (p, w) =>
    `routine calls paused until ${w.at(p.until)}: the customer declined a call (contact ${p.contact})`,
  skipped: (p, w) => `skipped ${span(w, p.from, p.to)}: ${why(p, w)}`,
  'skipped.cap': (p, w) => `skipped ${w.day(p.day)}: ${why(p, w)}`,
  'blocked.cap': (p, w) => `${w.day(p.day)}: ${why(p, w)}`,
  'tolerance-ended': (p, w) => `its tolerance (${tolerance(p, w)}) ended ${w.at(p.end)}, before asOf ${w.at(p.asOf)}`,
  'no-slot-in-tolerance': (p, w) => `no ${p.use} slot within the tolerance (${tolerance(p, w)})`,
  'overflow-moved': (p, w) => `moved ${p.move}, by its overflow policy: ${overflowText(p, w)}`,
  'preferred-later': (p, w) =>
    `on time comes first: the first preferred slot (${w.at(p.preferred)}) is more than ${w.dur(p.slack)} after the earliest allowed one`,
  'answers-at': (p) =>
    `at a time of day this customer answers: ${partsText(p.parts, ' or ')} (${p.answered} of ${p.calls} ${plural(Number(p.calls), 'call', 'calls')} answered, ${p.otherAnswered} of ${p.otherCalls} at other times)`,
  'retry.other-time': (p, w) =>
    `at another time of day than the call not reached (${w.at(p.last)}, in the ${p.part}): at the same hour people are often in the same meeting, meal or drive`,
  'placed.at': (p, w) => `at ${w.at(p.at)}: ${w.window(p)}`,
  'placed.moved': (p, w) =>
    `moved ${p.earlier === 1 ? 'earlier, ' : ''}from ${w.at(p.due)} to ${w.at(p.at)}: ${w.window(p)}`,
  uncovered: (p, w) =>
    p.through === undefined
      ? `${w.day(p.day)} is before the dates calendar ${p.calendar} covers (from ${p.from}): whether it is a holiday is not known`
      : p.provisional === 1
        ? `${w.day(p.day)} is past the published dates of calendar ${p.calendar} (through ${p.through}): the statutory holidays are kept, provisionally; make-up workdays are not known`
        : `${w.day(p.day)} is past the dates calendar ${p.calendar} covers (through ${p.through}): whether it is a holiday is not known`,
  'merged.moved': (p, w) =>
    `moved from ${w.at(p.from)} to ${w.at(p.at)}, where ${w.purpose(p.purpose)} may go too: ${w.window(p)}`,
  'merged.cap': (p, w) =>
    `merged ${w.purpose(p.purpose)} (${w.channel(p.channel)}) into this contact: at most ${p.max} routine contact per day`,
  'merged.near': (p, w) =>
    `merged ${w.purpose(p.purpose)} (${w.channel(p.channel)}, due ${w.at(p.due)}) into this contact: routine contacts whose windows meet within ${p.withinDays} days are one contact, at a time inside the tolerance of each`,
  'merged.earlier': (p, w) =>
    `planned before for purchase ${p.purchase} as contact ${p.contact} (${w.purpose(p.purpose)}, due ${w.at(p.due)}, at ${w.at(p.at)}): this purchase's contacts near it join it rather than a second call a few days apart`,
  'channel.routine': (p, w) =>
    `channel ${w.channel(p.from)} → ${w.channel(p.to)}: ${channelWhy({ why: p.why, channel: p.from }, w)}`,
  // Contacts the plan does not make.
  'suppressed.beyond-horizon': (p, w) =>
    `due ${w.at(p.due)} is beyond the horizon (${w.dur(p.horizon)} after the purchase, ends ${w.at(p.end)})`,
  'suppressed.paused': (p, w) =>
    `routine calls paused until ${w.at(p.until)}: the customer declined a call (contact ${p.contact}); it may start no later than ${w.at(p.latest)}`,
  'suppressed.tolerance-ended': (p, w) =>
    `its tolerance (${tolerance(p, w)}) ended ${w.at(p.end)}${p.overflowEnd === undefined ? '' : `, and its overflow (${overflowText(p, w)}) ${w.at(p.overflowEnd)}`}, before asOf ${w.at(p.asOf)}`,
  'suppressed.no-windows': (p, w) =>
    `no call-window rule gives ${items(p.uses).join(' or ')} hours for ${w.channel(p.channel)}`,
  'suppressed.no-slot': (p, w) =>
    `no allowed slot between ${w.at(p.from)} and ${w.at(p.to)}${p.move === undefined ? '' : ` (its tolerance, and ${overflowText(p, w)})`}`,
  'suppressed.channel-uncovered': (p, w) => `${channelWhy(p, w)}, and no channel-policy rule covers it`,
  'suppressed.channel-unusable': (p, w) =>
    `${channelWhy(p, w)}; ${
      p.fallback === ''
        ? 'no fallback channel'
        : `none of ${items(p.fallback)
            .map((c) => w.channel(c))
            .join(', ')} may be used`
    }`,
  'suppressed.escalation-no-channel': (p, w) =>
    p.fallback === undefined
      ? 'no phone number on file, and no channel-policy rule covers escalations'
      : `no phone number on file and none of ${items(p.fallback)
          .map((c) => w.channel(c))
          .join(', ')} may be used`,
  'suppressed.escalation-beyond-horizon': (p, w) => `starts ${w.at(p.at)}, beyond the horizon (ends ${w.at(p.end)})`,
  'held.incident': (p, w) =>
    `held: ${w.incident(p.incident)} reported ${w.at(p.reported)}${p.drug === undefined ? '' : ` for ${p.drug}`}; no ${items(
      p.kinds,
    )
      .map((k) => w.kind(k))
      .join(
        ' or ',
      )} contact ${p.drug === undefined ? 'for this purchase' : 'for that drug'} ${p.resolved === undefined ? 'while it is open' : `due before it was resolved (${w.at(p.resolved)})`}`,
  'held.hospital': (p, w) =>
    p.until === undefined
      ? `held: the customer has been in hospital since ${w.at(p.since)} (contact ${p.contact}); routine contacts wait until a contact is made or they buy again`
      : `held: the customer is in hospital from ${w.at(p.since)} until ${w.at(p.until)} (contact ${p.contact}); routine contacts due in that time are not made`,
  'held.stopped': (p, w) =>
    `held: the customer stopped taking ${items(p.drugs).join(', ')} (contact ${p.contact}, ${w.at(p.at)}); no more checks or refill reminders for it`,
  // History contacts a plan replaces.
  'superseded.restart': (p) =>
    `superseded: purchase ${p.purchase} plans ${p.rule} afresh${p.drugs === undefined ? '' : ` for ${items(p.drugs).join(', ')}`} (it restarts on a new purchase)`,
  'superseded.replanned': (p) => `superseded: re-planned, purchase ${p.purchase}'s plan no longer holds it`,
  // Warnings.
  'warning.no-course': (p) =>
    `no course for drugCode "${p.drugCode}" (purchase.items[${p.index}]): only purchase-anchored contacts are planned for it`,
  'warning.calendar-ends': (p) =>
    `calendar ${p.calendar} covers dates through ${p.through}, and this plan runs to ${p.last}: its holidays and make-up workdays after ${p.through} are not known (add the next year's dates)`,
  'warning.calendar-provisional': (p, w) =>
    `calendar ${p.calendar} has published dates through ${p.through}, and this plan runs to ${p.last}: until the next dates are added, it keeps the statutory holidays, provisionally (${provisionalHolidays(p, w, ', ', 'none known for these days')}); make-up workdays are not known`,
  'warning.calendar-starts': (p) =>
    `calendar ${p.calendar} covers dates from ${p.from}, and this plan starts ${p.first}: its holidays and make-up workdays before ${p.from} are not known`,
  'warning.superseded-carried': (p) =>
    `contact ${p.contact}, superseded, also carried the checks of ${p.drugs} for another purchase: replan this customer tonight (planner.replan) to plan them again`,
  'warning.beyond-calendar': (p) =>
    `${p.count} contact(s) would fall after ${p.last}, the last day a plan reaches: left out`,
  'warning.too-many-candidates': (p) =>
    `more than ${p.max} candidate contacts: the rules ask for too many; later ones were dropped`,
  'warning.unknown-field': (p) => `${p.path} is not an input field and was ignored: did you mean ${p.field}?`,
  'warning.no-membership': (p) => `rule ${p.rule} anchors on registration, but the customer has no membership: skipped`,
  'warning.escalation-no-channel': (p, w) =>
    `incident ${p.incident} (${w.incident(p.type)}): no phone number and no usable escalation channel: contact the customer by other means`,
  'warning.deadline-passed': (p, w) =>
    `incident ${p.incident} (${w.incident(p.type)}): the ${w.purpose(p.purpose)} deadline ${p.deadlineAt} passed before the contact could start (${p.start})`,
} satisfies Messages;
