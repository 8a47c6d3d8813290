/** The issues of inputs and rule sets in English, one function per code (issue-codes.ts). */
import { countFormat } from '../_lib/numbers.js';
import { plural } from './plural.js';
import type { IssueCatalogue, IssueParams, JsonScalar, ListNoun } from './issue-codes.js';

const list = new Intl.ListFormat('en', { type: 'unit', style: 'long' });
/** A limit or a count: `1000`, `100,000,000`. */
const n = countFormat('en');
const json = (v: JsonScalar): string => JSON.stringify(v);
const quoted = (values: readonly string[]): string => list.format(values.map((v) => `"${v}"`));

const ONE: Readonly<Record<ListNoun, string>> = {
  items: 'list at least one item',
  incidents: 'list at least one incident',
  purchases: 'list at least one purchase',
  contacts: 'list at least one contact',
  offsets: 'list at least one offset',
  days: 'list at least one day',
  staff: 'name at least one staff member',
};

const FILES_FORM: Readonly<Record<IssueParams['files-form']['part'], string>> = {
  list: 'must be a list of { file, text }',
  entry: 'must be { file, text }',
  name: 'must be text (the file name)',
  text: 'must be text (the file as read)',
};
const PLAN_FORM: Readonly<Record<IssueParams['plan-form']['part'], string>> = {
  plan: 'must be a plan (as plan() gives it)',
  touchpoints: 'must be a list of touchpoints',
  touchpoint: 'must be a touchpoint with an id and a window',
  'rule-ids': 'must list the rules in force (a plan of 0.1 has none)',
};

const EXAMPLE_PATHS = '(use e.g. "$.membership.tier" or "$.tags[0]")';

export const ISSUES_EN: IssueCatalogue = {
  required: () => 'is required',
  'not-empty': () => 'must not be empty',
  'not-a-number': () => 'must be a number',
  'not-a-string': () => 'must be a string',
  'not-whole': (p) => (p.unit === undefined ? 'must be a whole number' : `must be a whole number of ${p.unit}`),
  'not-positive': () => 'must be greater than 0',
  negative: () => 'must not be negative',
  'too-small': (p) => `must be at least ${n(p.min)}`,
  'too-big': (p) => `must be at most ${n(p.max)}`,
  'text-too-long': (p) => `must be at most ${n(p.max)} characters`,
  'list-too-long': (p) => `must list at most ${n(p.max)} ${p.noun}`,
  'list-empty': (p) => `must ${ONE[p.noun]}`,
  'not-one-of': (p) => `must be one of ${list.format(p.values.map((v) => `'${v}'`))}`,
  'listed-twice': (p) => `"${p.value}" is listed twice (also ${p.also})`,
  'after-field': (p) => `must be after ${p.field}`,
  'before-field': (p) => `is before ${p.field}`,
  'not-after-from': (p) => `must be later than from (${p.from})`,
  'not-a-date': () => 'must be a date YYYY-MM-DD that exists',
  'files-form': (p) => FILES_FORM[p.part],
  'plan-form': (p) => PLAN_FORM[p.part],
  unreadable: (p) => `not plain data: reading it threw ${p.thrown}`,

  'instant-invalid': (p) => `must be an ISO-8601 date-time with offset (e.g. "${p.example}") or a Date`,
  'instant-no-offset': (p) => `"${p.value}" has no UTC offset: add one, e.g. "${p.value}+08:00" or "${p.value}Z"`,
  'instant-form': (p) => `"${p.value}" is not an ISO-8601 date-time with offset (YYYY-MM-DDTHH:MM[:SS]±HH:MM)`,
  'instant-year': (p) => `"${p.value}": the year ${p.year} is outside ${p.min}–${p.max}`,
  'instant-no-such-date': (p) => `"${p.value}": the date ${p.date} does not exist`,
  'instant-leap-second': (p) =>
    `"${p.value}": 23:59:60 is a leap second, which rx-followup does not take: use 23:59:59`,
  'instant-time': (p) => `"${p.value}": the time ${p.time} is out of range`,
  'instant-offset': (p) => `"${p.value}": the UTC offset is out of range`,
  'date-object-invalid': () => 'is an invalid Date',
  'date-object-range': (p) => `the Date ${p.iso} is out of range`,
  'date-form': (p) => `"${p.value}" is not a date (YYYY-MM-DD)`,
  'date-year': (p) => `the year of "${p.value}" is outside ${p.min}–${p.max}`,
  'date-no-such-day': (p) => `the date "${p.value}" does not exist`,
  'zone-too-long': (p) => `is ${p.length} characters long: no time zone name is longer than ${p.max}`,
  'zone-unknown': (p) => `unknown IANA time zone "${p.value}"`,
  'clock-form': (p) => `"${p.value}" is not a time of day (HH:MM, 00:00 to 24:00)`,
  'duration-form': (p) => `"${p.value}" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")`,
  'duration-negative': (p) => `"${p.value}" must not be negative`,
  'duration-not-whole-days': (p) => `"${p.value}" must be whole days or weeks (e.g. "P2D", "P1W")`,
  'duration-zero': () => 'must be longer than zero',
  'duration-too-short': (p) => `must be at least one ${p.unit}`,
  'duration-too-long': (p) =>
    p.horizon === undefined
      ? `"${p.value}" is longer than the longest horizon (${p.days} days)`
      : `"${p.value}" is longer than the rule set's horizon (${p.horizon})`,

  'phone-form': () => 'must be a phone number: text, or a whole number',
  'consultation-items': () => 'a consultation lists no items',
  'not-this-customer': (p) => `"${p.value}" is not this customer ("${p.customer}")`,
  'course-twice': (p) => `duplicate course for "${p.drugCode}" (also ${p.also})`,
  'supply-too-long': (p) =>
    `the supply is ${p.days === null ? 'endless' : p.days} days (quantity × unitsPerPack ÷ dosePerDay of course "${p.drugCode}"); at most ${n(p.max)}`,
  'incident-drug': (p) => `"${p.drugCode}" is not a drug of this purchase (${list.format(p.drugs)})`,
  'after-as-of': () => 'is after asOf',
  'history-after-purchase': () => 'is after purchase.purchasedAt: a history lists earlier purchases',
  'history-needs-purchases': () => 'must list the purchases the contacts follow up (at least one)',
  'unknown-purchase': (p) =>
    p.orThis
      ? `"${p.value}" is neither this purchase nor one of history.purchases`
      : `"${p.value}" is not one of history.purchases`,
  'attempted-in-future': (p) =>
    `is ${p.status} at ${p.at}, after asOf: a contact cannot have been attempted in the future`,

  'owners-too-many': (p) => `lists ${n(p.count)} customers; at most ${n(p.max)}`,
  'owners-form': () => 'must be an object of customer id → staff id',
  'customer-id-too-long': (p) => `the customer id must be at most ${n(p.max)} characters`,
  'staff-id-twice': (p) => `"${p.id}" is staff[${p.index}]'s id too`,
  'plans-not-a-list': () => 'must be a list of plans',
  'plans-too-many': (p) => `holds ${n(p.count)} plans; at most ${n(p.max)}`,
  'plans-too-many-contacts': (p) => `the plans hold more than ${n(p.max)} contacts`,

  'json-type': (p) => `a ${p.type} is not JSON`,
  'json-cycle': () => 'refers back to itself: rule sets are plain JSON',
  'json-too-deep': (p) => `nests deeper than ${p.max} levels`,
  'json-too-many-values': (p) => `the rule set holds more than ${n(p.max)} values`,
  'list-hole': () => 'is a hole in the list (an empty slot): lists in a rule set hold values only',
  'list-undefined': () => 'is undefined, which is not JSON: remove it from the list',
  'list-null': () => 'is null: lists in a rule set hold no nulls',
  'list-too-many-values': (p) =>
    `lists ${n(p.count)} values; at most ${n(p.max)}${p.hint ? ' (split the rule, or use a tag on the customer or course)' : ''}`,
  'key-forbidden': (p) => `the key "${p.key}" is not allowed in rule files`,
  'key-unknown': (p) => `unknown key "${p.key}"`,
  'keys-unknown': (p) => `unknown ${plural(p.keys.length, 'key', 'keys')}: ${quoted(p.keys)}`,

  'rule-file-object': () => 'a rule file must hold a JSON object',
  'rule-set-needs': (p) => `the rule set needs ${p.key === 'id' ? 'an id' : 'a version'} (in one of its files)`,
  'rule-set-differs': (p) =>
    `"${p.value}" differs from "${p.other}"${p.file === undefined ? '' : ` in ${p.file}`}${p.key.startsWith('defaults.') ? '' : `: a rule set has one ${p.key}`}`,
  'too-many-rules': (p) =>
    p.count === undefined
      ? `must hold at most ${n(p.max)} rules`
      : `the rule set holds ${n(p.count)} rules in all; at most ${n(p.max)}`,
  'rule-id-form': () =>
    'must be 1-100 letters (of any script), digits, ".", "_" or "-", starting with a letter or digit',
  'name-form': () => 'must be 1-100 letters (of any script), digits, ".", "_" or "-"',
  'purpose-form': () =>
    'must be lower-case words joined by "-", e.g. "medication-check" or "用药回访" (1-100 characters)',
  'defined-twice': (p) =>
    p.what === 'rule'
      ? `duplicate rule id "${p.name}" (also at ${p.also})`
      : `${p.what} "${p.name}" is ${p.what === 'purpose' ? 'named' : 'defined'} twice (also at ${p.also})`,
  'holiday-and-workday': (p) => `${p.date} is both a holiday and a make-up workday`,
  'coverage-before-from': (p) => `comes before coverage.from (${p.from})`,
  'outside-coverage': (p) => `${p.date} is outside the calendar's coverage (${p.from} to ${p.through})`,
  'unknown-calendar': (p) =>
    `unknown calendar "${p.name}" (defined: ${p.defined.length === 0 ? 'none' : list.format(p.defined)})`,
  'unknown-event-type': (p) => `unknown event type (known: ${list.format(p.known)})`,

  'not-a-condition': () =>
    'must be a condition object ({ "all": [...] }, { "any": [...] }, { "not": {...} } or { "fact", "operator", "value" })',
  'conditions-top-level': () =>
    'the top level of conditions must be { "all": [...] }, { "any": [...] }, { "not": {...} } or { "condition": "name" }',
  'conditions-not-a-list': () => 'must be a list of conditions',
  'conditions-too-deep': (p) => `conditions nest deeper than ${p.max} levels`,
  'conditions-too-wide': (p) => `lists more than ${n(p.max)} conditions`,
  'conditions-too-many': (p) =>
    p.scope === 'rule'
      ? `the rule's conditions hold more than ${n(p.max)} conditions`
      : `the rule set's conditions hold more than ${n(p.max)} conditions in all`,
  'one-boolean': (p) => `use one of all / any / not per condition object, not ${p.keys.join(' and ')}`,
  'key-beside': (p) =>
    `unknown key "${p.key}" beside "${p.beside}"${p.allowed === undefined ? '' : ` (allowed: ${list.format(p.allowed)})`}`,
  'key-in-condition': (p) => `unknown key "${p.key}" in a condition`,
  'key-in-fact-reference': (p) => `unknown key "${p.key}" in a fact reference (allowed: fact, path)`,
  'priority-range': (p) => `must be a whole number from 1 to ${p.max}`,
  'operator-not-a-string': () => 'must be a string naming an operator',
  'operator-unknown': (p) => `unknown operator "${p.operator}" (known: ${list.format(p.known)})`,
  'decorator-unknown': (p) => `unknown operator decorator "${p.decorator}" (known: ${list.format(p.known)})`,
  'decorators-too-many': (p) => `"${p.operator}" has ${p.count} decorators; at most ${p.max}`,
  'operator-needs-list': (p) =>
    `operator "${p.operator}" needs a list value${p.example === undefined ? '' : `, e.g. ${p.example}`}`,
  'operator-needs-number': (p) =>
    `operator "${p.operator}" needs a number value${p.dateHint ? ' (dates are compared on a date fact such as purchase.localDate)' : ''}`,
  'operator-needs-date': (p) =>
    `operator "${p.operator}" compares a date here: the value must be a date (YYYY-MM-DD), e.g. "2026-06-01"`,
  'fact-unknown': (p) => `unknown fact ${json(p.fact)} (known: ${list.format(p.known)})`,
  'path-leading-zero': (p) =>
    `"${p.path}": the index [${p.index}] has a leading zero, which json-rules-engine reads as a property named "${p.index}": write [${Number(p.index)}]`,
  'path-not-plain': (p) =>
    p.expression
      ? `"${p.path}" is not a plain property path: filter, script, wildcard and recursive expressions are not allowed ${EXAMPLE_PATHS}`
      : `"${p.path}" is not a plain property path ${EXAMPLE_PATHS}`,
  'path-into-scalar': (p) => `"${p.path}": ${p.at} is a ${p.type} and has no field "${p.field}"`,
  'path-not-a-list': (p) => `"${p.path}": ${p.at} is not a list, so [${p.index}] cannot apply`,
  'decorator-needs-list': (p) =>
    `"${p.operator}": ${p.decorator} takes the values of a list, but the ${p.side} is ${p.text ? 'text' : 'neither a list nor text'}`,
  'lookup-needs-list': (p) =>
    `"${p.operator}": ${p.base} looks the other side up in a list (or text), but the ${p.side} is neither`,
  'path-no-field': (p) =>
    `"${p.path}": fact "${p.fact}" has no field "${p.field}" (known at ${p.at}: ${list.format(p.known)})`,
  'value-not-taken': (p) =>
    `${json(p.value)} is not a value ${p.field} takes (${
      p.values === undefined ? `a whole number from ${p.from} to ${p.to}` : `one of ${list.format(p.values.map(json))}`
    })`,
  'never-holds': (p) =>
    `${p.field} ${p.operator} ${String(p.value)} can never hold: ${p.field} is a whole number from ${p.from} to ${p.to}`,
  'condition-needs-name': () => 'must name a condition of the rule set\'s "conditions"',
  'condition-unknown': (p) =>
    `unknown condition "${p.name}" (the rule set's conditions: ${p.known.length === 0 ? 'none' : list.format(p.known)})`,
  'condition-cycle': (p) => `"${p.name}" refers back to itself: ${p.through.join(' → ')}`,

  'holidays-need-calendar': () => 'a cadence anchored to holidays names their calendar',
  'holidays-no-repeat': () => 'a cadence anchored to holidays does not repeat: each holiday is an anchor',
  'only-holidays': (p) =>
    `only a cadence anchored to holidays ('anchor': 'holidays') names ${p.key === 'calendar' ? 'a calendar' : 'holidays'}`,
  'slack-preferred-only': () => "only a preferred window ('use': 'preferred') has a slack",
  'month-days-empty': () => 'a month-days blackout needs first or last greater than 0',
  'escalation-fallback': () => 'an escalation may only fall back to phone or home-visit',
  'not-a-message-channel': (p) => `"${p.value}" is not a message channel (sms or wechat)`,
};

/** The end of a message that names the nearest of what was meant. */
export const didYouMeanEn = (s: JsonScalar): string => `: did you mean ${json(s)}?`;
