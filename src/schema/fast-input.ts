import { parseClock, parseLocalDate, WEEKDAYS } from '../calendar/local-date.js';
import { isValidTimeZone } from '../calendar/zone.js';
import { MAX_TEXT } from './common.js';
import { fail, object, str, oneOf, bool, num, list, instantText, type Obj } from './fast-read.js';
import {
  INCIDENT_TYPES,
  INPUT_LIMITS as L,
  MAX_INCIDENTS,
  MAX_ITEMS,
  MAX_TAGS,
  PURCHASED_FOR,
  PURCHASE_KINDS,
  SEVERITIES,
  TIERS,
  CONTACT_PREFERENCES,
  CONTACT_STATUSES,
  MAX_HISTORY_CONTACTS,
  MAX_HISTORY_PURCHASES,
  type ParsedPlanInput,
} from './input.js';
import { historyProblems, purchaseProblems, replanProblems } from './cross-field.js';
import type { ParsedReplanInput } from './replan-input.js';

/**
 * A hand-written check of `PlanInputSchema` for the common case, a valid input:
 * it returns exactly what the zod schema's parse returns (known keys only, in
 * the schema's order, present-but-undefined optional keys kept), or `undefined`
 * as soon as anything is doubtful, and then zod runs to name every problem.
 * So it must never accept what zod refuses: a differential test holds it to that.
 * About ten times cheaper than the zod parse, which was the largest single cost of a plan.
 */

// Optional keys are copied as zod copies them: absent stays absent, present-but-undefined stays undefined, and
// null (an absent value, as SQL exports write it) becomes present-but-undefined.
// A required key is read as is: every required field's check refuses `undefined`, which an absent key reads as.
// Each access names its key (no shared helper taking the key), so every property load stays monomorphic.

const TIER_SET = new Set<string>(TIERS);
const PREFERS_SET = new Set<string>(CONTACT_PREFERENCES);
const FOR_SET = new Set<string>(PURCHASED_FOR);
const KIND_SET = new Set<string>(PURCHASE_KINDS);
const INCIDENT_TYPE_SET = new Set<string>(INCIDENT_TYPES);
const SEVERITY_SET = new Set<string>(SEVERITIES);
const DAY_SET = new Set<string>(WEEKDAYS);

function window(v: unknown): Obj {
  const w = object(v);
  const out: Obj = {};
  out['days'] = list(w['days'], 1, 7, day);
  const from = str(w['from'], Number.POSITIVE_INFINITY, 0);
  const to = str(w['to'], Number.POSITIVE_INFINITY, 0);
  const fromMinutes = parseClock(from);
  const toMinutes = parseClock(to);
  if (fromMinutes === undefined || toMinutes === undefined || toMinutes <= fromMinutes) fail();
  out['from'] = from;
  out['to'] = to;
  return out;
}

function customer(v: unknown): Obj {
  const c = object(v);
  const out: Obj = {};
  out['id'] = str(c['id'], L.idChars, 1);
  const nameV = c['name'];
  if (nameV !== undefined && nameV !== null) out['name'] = textName(nameV);
  else if ('name' in c) out['name'] = undefined;
  const timeZoneV = c['timeZone'];
  if (timeZoneV !== undefined && timeZoneV !== null) out['timeZone'] = zoneName(timeZoneV);
  else if ('timeZone' in c) out['timeZone'] = undefined;
  const birthDateV = c['birthDate'];
  if (birthDateV !== undefined && birthDateV !== null) out['birthDate'] = dateText(birthDateV);
  else if ('birthDate' in c) out['birthDate'] = undefined;
  const occupationV = c['occupation'];
  if (occupationV !== undefined && occupationV !== null) out['occupation'] = textId(occupationV);
  else if ('occupation' in c) out['occupation'] = undefined;
  const membershipV = c['membership'];
  if (membershipV !== undefined && membershipV !== null) out['membership'] = membership(membershipV);
  else if ('membership' in c) out['membership'] = undefined;
  const tagsV = c['tags'];
  if (tagsV !== undefined && tagsV !== null) out['tags'] = tags(tagsV);
  else if ('tags' in c) out['tags'] = undefined;
  const contact = object(c['contact']);
  const contactOut: Obj = {};
  const phoneV = contact['phone'];
  if (phoneV !== undefined && phoneV !== null) contactOut['phone'] = textPhone(phoneV);
  else if ('phone' in contact) contactOut['phone'] = undefined;
  const smsV = contact['sms'];
  if (smsV !== undefined && smsV !== null) contactOut['sms'] = bool(smsV);
  else if ('sms' in contact) contactOut['sms'] = undefined;
  const wechatV = contact['wechat'];
  if (wechatV !== undefined && wechatV !== null) contactOut['wechat'] = bool(wechatV);
  else if ('wechat' in contact) contactOut['wechat'] = undefined;
  const doNotCallV = contact['doNotCall'];
  if (doNotCallV !== undefined && doNotCallV !== null) contactOut['doNotCall'] = bool(doNotCallV);
  else if ('doNotCall' in contact) contactOut['doNotCall'] = undefined;
  const prefersV = contact['prefers'];
  if (prefersV !== undefined && prefersV !== null) contactOut['prefers'] = oneOf(prefersV, PREFERS_SET);
  else if ('prefers' in contact) contactOut['prefers'] = undefined;
  out['contact'] = contactOut;
  const preferredWindowsV = c['preferredWindows'];
  if (preferredWindowsV !== undefined && preferredWindowsV !== null)
    out['preferredWindows'] = windows(preferredWindowsV);
  else if ('preferredWindows' in c) out['preferredWindows'] = undefined;
  return out;
}

const QUANTITY = { int: true, min: 0, minExclusive: true, max: L.quantity };
const POSITIVE = { int: false, min: 0, minExclusive: true, max: L.amount };
const PURCHASE_AMOUNT = { int: false, min: 0, minExclusive: false, max: L.purchaseAmount };
const COURSE_DAYS = { int: true, min: 0, minExclusive: true, max: L.courseDays };
const ONSET_DAYS = { int: true, min: 0, minExclusive: false, max: L.onsetDays };

// Every check is a module-level function: nothing is allocated per call but the result.
const textPhone = (v: unknown): string => {
  const text = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
  return str(text, L.phoneChars, 0);
};
const textId = (v: unknown): string => str(v, L.idChars, 0);
const textName = (v: unknown): string => str(v, L.nameChars, 0);
const textMax = (v: unknown): string => str(v, MAX_TEXT, 0);
const tag = (v: unknown): string => str(v, L.tagChars, 1);
const tags = (v: unknown): string[] => list(v, 0, MAX_TAGS, tag);
const day = (v: unknown): string => oneOf(v, DAY_SET);
const windows = (v: unknown): Obj[] => list(v, 0, L.windows, window);
const zoneName = (v: unknown): string => {
  const name = str(v, Number.POSITIVE_INFINITY, 0);
  return isValidTimeZone(name) ? name : fail();
};
const dateText = (v: unknown): string => {
  const s = str(v, Number.POSITIVE_INFINITY, 0);
  return parseLocalDate(s) === undefined ? fail() : s;
};
const membership = (v: unknown): Obj => {
  const m = object(v);
  return { tier: oneOf(m['tier'], TIER_SET), registeredAt: instantText(m['registeredAt']) };
};
const severity = (v: unknown): string => oneOf(v, SEVERITY_SET);
const forWhom = (v: unknown): string => oneOf(v, FOR_SET);
const item = (v: unknown): Obj => {
  const i = object(v);
  return { drugCode: str(i['drugCode'], L.idChars, 1), quantity: num(i['quantity'], QUANTITY) };
};
const incidents = (v: unknown): Obj[] => list(v, 0, MAX_INCIDENTS, incident);
const courseDays = (v: unknown): number => num(v, COURSE_DAYS);
const onsetDays = (v: unknown): number => num(v, ONSET_DAYS);

function incident(v: unknown): Obj {
  const i = object(v);
  const out: Obj = {};
  out['type'] = oneOf(i['type'], INCIDENT_TYPE_SET);
  out['reportedAt'] = instantText(i['reportedAt']);
  const severityV = i['severity'];
  if (severityV !== undefined && severityV !== null) out['severity'] = severity(severityV);
  else if ('severity' in i) out['severity'] = undefined;
  const noteV = i['note'];
  if (noteV !== undefined && noteV !== null) out['note'] = textMax(noteV);
  else if ('note' in i) out['note'] = undefined;
  const drugCodeV = i['drugCode'];
  if (drugCodeV !== undefined && drugCodeV !== null) out['drugCode'] = str(drugCodeV, L.idChars, 1);
  else if ('drugCode' in i) out['drugCode'] = undefined;
  const resolvedAtV = i['resolvedAt'];
  if (resolvedAtV !== undefined && resolvedAtV !== null) out['resolvedAt'] = instantText(resolvedAtV);
  else if ('resolvedAt' in i) out['resolvedAt'] = undefined;
  return out;
}

function purchase(v: unknown): Obj {
  const p = object(v);
  const out: Obj = {};
  out['id'] = str(p['id'], L.idChars, 1);
  out['customerId'] = str(p['customerId'], L.idChars, 1);
  const storeIdV = p['storeId'];
  if (storeIdV !== undefined && storeIdV !== null) out['storeId'] = textId(storeIdV);
  else if ('storeId' in p) out['storeId'] = undefined;
  out['purchasedAt'] = instantText(p['purchasedAt']);
  const forV = p['for'];
  if (forV !== undefined && forV !== null) out['for'] = forWhom(forV);
  else if ('for' in p) out['for'] = undefined;
  const kindV = p['kind'];
  if (kindV !== undefined && kindV !== null) out['kind'] = oneOf(kindV, KIND_SET);
  else if ('kind' in p) out['kind'] = undefined;
  const amountV = p['amount'];
  if (amountV !== undefined && amountV !== null) out['amount'] = num(amountV, PURCHASE_AMOUNT);
  else if ('amount' in p) out['amount'] = undefined;
  const itemsV = p['items'];
  if (itemsV !== undefined && itemsV !== null) out['items'] = list(itemsV, 0, MAX_ITEMS, item);
  else if ('items' in p) out['items'] = undefined;
  // A sale lists what was sold; a consultation nothing (zod says which, at purchase.items).
  const consultation = out['kind'] === 'consultation';
  const itemCount = (out['items'] as unknown[] | undefined)?.length ?? 0;
  if (consultation ? itemCount > 0 : itemCount === 0) fail();
  const incidentsV = p['incidents'];
  if (incidentsV !== undefined && incidentsV !== null) out['incidents'] = incidents(incidentsV);
  else if ('incidents' in p) out['incidents'] = undefined;
  return out;
}

function course(v: unknown): Obj {
  const c = object(v);
  const out: Obj = {};
  out['drugCode'] = str(c['drugCode'], L.idChars, 1);
  const nameV = c['name'];
  if (nameV !== undefined && nameV !== null) out['name'] = textName(nameV);
  else if ('name' in c) out['name'] = undefined;
  out['unitsPerPack'] = num(c['unitsPerPack'], POSITIVE);
  out['dosePerDay'] = num(c['dosePerDay'], POSITIVE);
  const courseDaysV = c['courseDays'];
  if (courseDaysV !== undefined && courseDaysV !== null) out['courseDays'] = courseDays(courseDaysV);
  else if ('courseDays' in c) out['courseDays'] = undefined;
  const chronicV = c['chronic'];
  if (chronicV !== undefined && chronicV !== null) out['chronic'] = bool(chronicV);
  else if ('chronic' in c) out['chronic'] = undefined;
  const pediatricV = c['pediatric'];
  if (pediatricV !== undefined && pediatricV !== null) out['pediatric'] = bool(pediatricV);
  else if ('pediatric' in c) out['pediatric'] = undefined;
  const specialInstructionsV = c['specialInstructions'];
  if (specialInstructionsV !== undefined && specialInstructionsV !== null)
    out['specialInstructions'] = bool(specialInstructionsV);
  else if ('specialInstructions' in c) out['specialInstructions'] = undefined;
  const onsetDaysV = c['onsetDays'];
  if (onsetDaysV !== undefined && onsetDaysV !== null) out['onsetDays'] = onsetDays(onsetDaysV);
  else if ('onsetDays' in c) out['onsetDays'] = undefined;
  const tagsV = c['tags'];
  if (tagsV !== undefined && tagsV !== null) out['tags'] = tags(tagsV);
  else if ('tags' in c) out['tags'] = undefined;
  return out;
}

const CONTACT_KIND_SET = new Set<string>(['follow-up', 'refill', 'message', 'greeting', 'escalation']);
const CHANNEL_SET = new Set<string>(['phone', 'sms', 'wechat', 'home-visit']);
const URGENCY_SET = new Set<string>(['routine', 'high', 'critical']);
const STATUS_SET = new Set<string>(CONTACT_STATUSES);
const idText = (v: unknown): string => str(v, L.idChars, 1);
const ids = (v: unknown): string[] => list(v, 0, MAX_TAGS, idText);
const codes = (v: unknown): string[] => list(v, 0, MAX_ITEMS, idText);

/** A stay in hospital with its dates: `{ from, until? }`. */
function stay(v: unknown): Obj {
  const h = object(v);
  const out: Obj = {};
  out['from'] = instantText(h['from']);
  const untilV = h['until'];
  if (untilV !== undefined && untilV !== null) out['until'] = instantText(untilV);
  else if ('until' in h) out['until'] = undefined;
  return out;
}

function outcome(v: unknown): Obj {
  const o = object(v);
  const out: Obj = {};
  const stoppedV = o['stoppedMedication'];
  if (stoppedV !== undefined && stoppedV !== null) out['stoppedMedication'] = bool(stoppedV);
  else if ('stoppedMedication' in o) out['stoppedMedication'] = undefined;
  const adverseV = o['adverseReaction'];
  if (adverseV !== undefined && adverseV !== null) out['adverseReaction'] = bool(adverseV);
  else if ('adverseReaction' in o) out['adverseReaction'] = undefined;
  const hospitalisedV = o['hospitalised'];
  if (hospitalisedV !== undefined && hospitalisedV !== null)
    out['hospitalised'] = typeof hospitalisedV === 'object' ? stay(hospitalisedV) : bool(hospitalisedV);
  else if ('hospitalised' in o) out['hospitalised'] = undefined;
  const noteV = o['note'];
  if (noteV !== undefined && noteV !== null) out['note'] = textMax(noteV);
  else if ('note' in o) out['note'] = undefined;
  return out;
}

function contactRecord(v: unknown): Obj {
  const c = object(v);
  const out: Obj = {};
  out['id'] = idText(c['id']);
  out['purchaseId'] = idText(c['purchaseId']);
  out['kind'] = oneOf(c['kind'], CONTACT_KIND_SET);
  out['channel'] = oneOf(c['channel'], CHANNEL_SET);
  out['urgency'] = oneOf(c['urgency'], URGENCY_SET);
  out['purpose'] = str(c['purpose'], L.nameChars, 1);
  out['due'] = instantText(c['due']);
  const w = object(c['window']);
  out['window'] = { start: instantText(w['start']), end: instantText(w['end']) };
  const ruleIdsV = c['ruleIds'];
  if (ruleIdsV !== undefined && ruleIdsV !== null) out['ruleIds'] = ids(ruleIdsV);
  else if ('ruleIds' in c) out['ruleIds'] = undefined;
  const drugCodesV = c['drugCodes'];
  if (drugCodesV !== undefined && drugCodesV !== null) out['drugCodes'] = codes(drugCodesV);
  else if ('drugCodes' in c) out['drugCodes'] = undefined;
  out['status'] = oneOf(c['status'], STATUS_SET);
  const atV = c['at'];
  if (atV !== undefined && atV !== null) out['at'] = instantText(atV);
  else if ('at' in c) out['at'] = undefined;
  const outcomeV = c['outcome'];
  if (outcomeV !== undefined && outcomeV !== null) out['outcome'] = outcome(outcomeV);
  else if ('outcome' in c) out['outcome'] = undefined;
  return out;
}

function earlierPurchase(v: unknown): Obj {
  const e = object(v);
  return { purchase: purchase(e['purchase']), courses: list(e['courses'], 0, MAX_ITEMS * 2, course) };
}

function history(v: unknown): Obj {
  const h = object(v);
  const out: Obj = {};
  const purchasesV = h['purchases'];
  if (purchasesV !== undefined && purchasesV !== null)
    out['purchases'] = list(purchasesV, 0, MAX_HISTORY_PURCHASES, earlierPurchase);
  else if ('purchases' in h) out['purchases'] = undefined;
  const contactsV = h['contacts'];
  if (contactsV !== undefined && contactsV !== null)
    out['contacts'] = list(contactsV, 0, MAX_HISTORY_CONTACTS, contactRecord);
  else if ('contacts' in h) out['contacts'] = undefined;
  return out;
}

function planInput(v: unknown): ParsedPlanInput {
  const x = object(v);
  const out: Obj = {};
  const c = customer(x['customer']);
  const p = purchase(x['purchase']);
  out['customer'] = c;
  out['purchase'] = p;
  const courses = list(x['courses'], 0, MAX_ITEMS * 2, course);
  out['courses'] = courses;
  const asOfV = x['asOf'];
  if (asOfV !== undefined && asOfV !== null) out['asOf'] = instantText(asOfV);
  else if ('asOf' in x) out['asOf'] = undefined;
  const historyV = x['history'];
  if (historyV !== undefined && historyV !== null) out['history'] = history(historyV);
  else if ('history' in x) out['history'] = undefined;
  // The checks that span fields (PlanInputSchema's superRefine).
  const parsed = out as unknown as ParsedPlanInput;
  if (purchaseProblems(parsed.customer.id, parsed.purchase, parsed.courses).length > 0) fail();
  if (parsed.history !== undefined && historyProblems(parsed).length > 0) fail();
  return parsed;
}

function replanInput(v: unknown): ParsedReplanInput {
  const x = object(v);
  const parsed = {
    customer: customer(x['customer']),
    history: history(x['history']),
    asOf: instantText(x['asOf']),
  } as unknown as ParsedReplanInput;
  // The checks that span fields (ReplanInputSchema's superRefine).
  if (replanProblems(parsed).length > 0) fail();
  return parsed;
}

/** `ReplanInputSchema`'s parse result for a valid input; `undefined` to let zod decide (and explain). */
export function fastParseReplanInput(input: unknown): ParsedReplanInput | undefined {
  try {
    return replanInput(input);
  } catch {
    // FAIL, or a throwing getter or proxy: zod meets the same input and reports it its own way.
    return undefined;
  }
}

/** `PlanInputSchema`'s parse result for a valid input; `undefined` to let zod decide (and explain). */
export function fastParsePlanInput(input: unknown): ParsedPlanInput | undefined {
  try {
    return planInput(input);
  } catch {
    // A failed check, or a throwing getter or proxy: zod meets the same input and reports it its own way.
    return undefined;
  }
}
