/** Retries of calls not reached: which history contacts count, how they group, when a retry is a message. */
import { describe, expect, it } from 'vitest';
import { mustParse } from '../events/event-module.js';
import type { RetryRule } from '../events/retry.js';
import type { HistoryContact } from '../facts/history.js';
import { retriesOf } from './history-retries.js';
import type { PlanState } from './plan-state.js';

const HOUR = 3_600_000;
// Mon 2026-06-01 00:00 UTC.
const T0 = Date.parse('2026-06-01T00:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();

type Record = HistoryContact['record'];
let n = 0;
/** A routine phone check of purchase P1 attempted at `attemptedMs`, with what became of it. */
function contact(attemptedMs: number, status: Record['status'], over: Partial<Record> = {}): HistoryContact {
  n++;
  return {
    record: {
      id: over.id ?? `tp_${String(n).padStart(2, '0')}`,
      purchaseId: 'P1',
      kind: 'follow-up',
      channel: 'phone',
      urgency: 'routine',
      purpose: 'medication-check',
      due: at(attemptedMs),
      window: { start: at(attemptedMs), end: at(attemptedMs + HOUR) },
      drugCodes: ['D'],
      status,
      ...over,
    } as Record,
    dueMs: attemptedMs,
    startMs: attemptedMs,
    endMs: attemptedMs + HOUR,
    attemptedMs,
  };
}

function rule(over: Partial<RetryRule['params']> = {}): RetryRule {
  return {
    type: 'retry',
    id: 'retry.calls',
    priority: 5,
    params: { after: 'P1D', tolerance: 'P1D', max: 2, then: [], otherTimeOfDay: true, ...over },
    after: mustParse('P1D'),
    tolerance: mustParse('P1D'),
  };
}

function stateOf(contacts: HistoryContact[]): PlanState {
  return {
    facts: { purchase: { id: 'P1' }, history: { contacts } },
    zone: 'UTC',
    at,
  } as unknown as PlanState;
}

const retries = (contacts: HistoryContact[], over: Partial<RetryRule['params']> = {}) =>
  retriesOf(stateOf(contacts), rule(over)).map((c) => ({
    channel: c.channel,
    purpose: c.purpose,
    due: at(c.dueMs),
    code: c.reasons[0]?.code,
    params: c.reasons[0]?.params,
    drugs: c.drugCodes,
    missedAt: c.missedAtMs === null ? null : at(c.missedAtMs),
  }));

describe('retriesOf', () => {
  it("retries this purchase's routine calls not reached, a day after the latest miss", () => {
    const miss = contact(T0 + 10 * HOUR, 'not-reached', { id: 'tp_a' });
    expect(retries([miss])).toEqual([
      {
        channel: 'phone',
        purpose: 'medication-check',
        due: at(T0 + 34 * HOUR),
        code: 'due.retry',
        params: { at: at(T0 + 34 * HOUR), attempt: 1, max: 2, lastAttempt: at(T0 + 10 * HOUR), contact: 'tp_a' },
        drugs: ['D'],
        missedAt: at(T0 + 10 * HOUR),
      },
    ]);
    // Not at another time of day when the rule says not to.
    expect(retries([miss], { otherTimeOfDay: false })[0]?.missedAt).toBeNull();
  });

  it("leaves out another purchase's contacts, escalations and urgent ones", () => {
    expect(
      retries([
        contact(T0, 'not-reached', { purchaseId: 'P0' }),
        contact(T0, 'not-reached', { kind: 'escalation', urgency: 'high', purpose: 'complaint-resolution' }),
        contact(T0, 'not-reached', { kind: 'escalation', purpose: 'recall' }),
        contact(T0, 'not-reached', { urgency: 'critical', purpose: 'visit' }),
      ]),
    ).toEqual([]);
  });

  it('counts the misses since the purpose was last made or declined; a miss at that moment does not count', () => {
    const made = contact(T0 + 10 * HOUR, 'done');
    expect(retries([contact(T0, 'not-reached'), made])).toEqual([]);
    expect(retries([contact(T0, 'not-reached'), contact(T0 + 10 * HOUR, 'declined')])).toEqual([]);
    expect(retries([made, contact(T0 + 10 * HOUR, 'not-reached')])).toEqual([]);
    const after = retries([contact(T0, 'not-reached'), made, contact(T0 + 20 * HOUR, 'not-reached')]);
    expect(after.map((r) => r.params?.['attempt'])).toEqual([1]);
  });

  it('groups by purposes as a set and by drugs; the latest miss (the greater id of equal times) is the one named', () => {
    const a = contact(T0, 'not-reached', { id: 'tp_1', purpose: 'care-call+refill-reminder' });
    const b = contact(T0 + HOUR, 'not-reached', { id: 'tp_3', purpose: 'refill-reminder+care-call' });
    const c = contact(T0 + HOUR, 'not-reached', { id: 'tp_2', purpose: 'care-call+refill-reminder' });
    const other = contact(T0, 'not-reached', { id: 'tp_4', drugCodes: ['E'] });
    const out = retries([a, b, c, other], { max: 3 });
    expect(out.map((r) => [r.purpose, r.params?.['attempt'], r.params?.['contact'], r.drugs])).toEqual([
      ['refill-reminder+care-call', 3, 'tp_3', ['D']],
      ['medication-check', 1, 'tp_4', ['E']],
    ]);
  });

  it('after max misses, once by the first message channel of `then`, else nothing', () => {
    const misses = [contact(T0, 'not-reached'), contact(T0 + 30 * HOUR, 'not-reached', { id: 'tp_x' })];
    expect(retries(misses, { max: 1 })).toEqual([]);
    const message = retries(misses, { max: 1, then: ['wechat', 'sms'] });
    expect(message).toEqual([
      {
        channel: 'wechat',
        purpose: 'medication-check',
        due: at(T0 + 54 * HOUR),
        code: 'due.retry-message',
        params: { at: at(T0 + 54 * HOUR), attempts: 2, lastAttempt: at(T0 + 30 * HOUR), contact: 'tp_x' },
        drugs: ['D'],
        missedAt: null,
      },
    ]);
    // One message only: a third miss asks for nothing more.
    expect(retries([...misses, contact(T0 + 60 * HOUR, 'not-reached')], { max: 1, then: ['wechat'] })).toEqual([]);
  });
});
