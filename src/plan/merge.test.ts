/**
 * A merge under the per-day cap: a routine contact the cap would exceed joins the day's contact (moved to its slot, or
 * as it is). What the merged contact keeps of each, and what it says.
 */
import { describe, expect, it } from 'vitest';
import { explain, type Explanation } from '../i18n/explanation.js';
import type { CapRule } from './compile.js';
import { mergedInto, type Joining } from './merge.js';
import { placeAt, type Candidate, type Placed, type PlanState } from './plan-state.js';
import { checkCandidate } from '../../test/plan-helpers.js';
import type { Slot } from './windows.js';

const HOUR = 3_600_000;
// Wed 2026-06-03 00:00 UTC.
const DAY3 = Date.parse('2026-06-03T00:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();
// Only what a merge reads: how instants are shown.
const state = { at } as unknown as PlanState;

/** A per-day cap of two routine contacts a day. */
const CAP = { id: 'cap.two-a-day', params: { kind: 'per-day', max: 2 } } as unknown as CapRule;

/** The check due at 10:00 on day 3 (tolerance to 10:00 on day 5), with the reason it is due. */
function contact(over: Partial<Candidate>): Candidate {
  const reasons = [explain('due', { at: at(DAY3 + 10 * HOUR), anchor: 'purchase', offset: 'P2D' }, 'cadence.check')];
  return checkCandidate(DAY3 + 10 * HOUR, { reasons, ...over });
}

/** The day's contact: the check, placed at 10:00-11:00 on day 3 by the window rule, its start free from 09:00 to 18:00. */
function dayContact(over: Partial<Candidate> = {}): Placed {
  const c = contact(over);
  const placedAt: Explanation = explain(
    'placed.at',
    { at: at(DAY3 + 10 * HOUR), use: 'fallback', days: 'Mon-Sat', hours: '09:00-18:00' },
    'window.weekdays',
  );
  const said = { reasons: [...c.reasons, placedAt], ruleIds: [...c.ruleIds, 'window.weekdays'] };
  return placeAt(c, DAY3 + 10 * HOUR, DAY3 + 11 * HOUR, 20607, DAY3 + 9 * HOUR, DAY3 + 18 * HOUR, said);
}

/** A refill reminder for E due at 14:00 the same day, its slot 14:00-15:00 (by `ruleId`), its start free 12:00-20:00. */
function joining(ruleId: string | null = 'window.afternoons'): Joining {
  const c = contact({
    purpose: 'refill-reminder',
    kind: 'refill',
    dueMs: DAY3 + 14 * HOUR,
    ruleIds: ['cadence.refill'],
    reasons: [],
    drugCodes: ['E', 'D'],
  });
  const placed = explain('placed.at', {
    at: at(DAY3 + 14 * HOUR),
    use: 'fallback',
    days: 'Mon-Sat',
    hours: '14:00-16:00',
  });
  const slot: Slot = {
    start: DAY3 + 14 * HOUR,
    end: DAY3 + 15 * HOUR,
    epochDay: 20607,
    ruleId,
    window: { use: 'fallback', days: 'Mon-Sat', hours: '14:00-16:00' },
  };
  const said = { reasons: [placed], ruleIds: ruleId === null ? ['cadence.refill'] : ['cadence.refill', ruleId] };
  return { c, said, slot, lo: DAY3 + 12 * HOUR, hi: DAY3 + 20 * HOUR };
}

/** The fields a merge may give a new value. */
const CHANGED = ['purpose', 'ruleIds', 'drugCodes', 'startMs', 'endMs', 'dueMs', 'reachLoMs', 'reachHiMs'] as const;
const pick = (p: Placed, keys: readonly (keyof Placed)[]): Partial<Placed> =>
  Object.fromEntries(keys.map((k) => [k, p[k]]));

describe('mergedInto: one contact for both', () => {
  it('as it is: every purpose, rule and drug once, the earlier due, the start only where both may, why', () => {
    const day = dayContact();
    const j = joining();
    const { contact: into, said } = mergedInto(state, day, j, CAP, false);
    expect(into.purpose).toBe('medication-check+refill-reminder');
    // Its own rules, then the joining contact's (as placement said them), then the cap that merged them.
    expect(into.ruleIds).toEqual([
      'cadence.check',
      'window.weekdays',
      'cadence.refill',
      'window.afternoons',
      'cap.two-a-day',
    ]);
    expect(into.drugCodes).toEqual(['D', 'E']);
    expect(j.c.drugCodes).toEqual(['E', 'D']); // the joining candidate's own list is not changed
    expect([into.startMs, into.endMs]).toEqual([DAY3 + 10 * HOUR, DAY3 + 11 * HOUR]);
    expect(into.dueMs).toBe(DAY3 + 10 * HOUR);
    // Its start may lie only where both may: 12:00 (the refill's earliest) to 18:00 (the check's latest).
    expect([into.reachLoMs, into.reachHiMs]).toEqual([DAY3 + 12 * HOUR, DAY3 + 18 * HOUR]);
    // What the merge says, added to the day's reasons when placement hands its contacts on.
    expect(said).toEqual([
      explain('merged.cap', { purpose: 'refill-reminder', channel: 'phone', max: 2 }, 'cap.two-a-day'),
      // The joining contact's reasons, said of its purpose.
      { code: 'placed.at', params: { ...j.said.reasons[0]?.params, of: 'refill-reminder' } },
    ]);
  });

  it('moved to the joining slot: why first, the slot and its window rule (once)', () => {
    const day = dayContact();
    const { contact: into, said } = mergedInto(state, day, joining('window.afternoons'), CAP, true);
    expect([into.startMs, into.endMs]).toEqual([DAY3 + 14 * HOUR, DAY3 + 15 * HOUR]);
    expect(said[0]).toEqual(
      explain(
        'merged.moved',
        {
          from: at(DAY3 + 10 * HOUR),
          at: at(DAY3 + 14 * HOUR),
          purpose: 'refill-reminder',
          use: 'fallback',
          days: 'Mon-Sat',
          hours: '14:00-16:00',
        },
        'window.afternoons',
      ),
    );
    // The slot's window rule comes with the move, before the joining contact's own rules.
    expect(into.ruleIds).toEqual([
      'cadence.check',
      'window.weekdays',
      'window.afternoons',
      'cadence.refill',
      'cap.two-a-day',
    ]);
  });

  it('moved to a slot no window rule gave (the customer’s own hours): no rule id for it', () => {
    const into = mergedInto(state, dayContact(), joining(null), CAP, true).contact;
    expect(into.ruleIds).toEqual(['cadence.check', 'window.weekdays', 'cadence.refill', 'cap.two-a-day']);
    expect(into.ruleIds).not.toContain(null);
  });

  it('into an earlier plan’s contact, re-issued: it keeps its own due', () => {
    // The earlier contact was due at 16:00; the joining one at 14:00 — the re-issued contact still says 16:00.
    const into = mergedInto(
      state,
      dayContact({ earlierContactId: 'tp_earlier', dueMs: DAY3 + 16 * HOUR }),
      joining(),
      CAP,
      false,
    ).contact;
    expect(into.dueMs).toBe(DAY3 + 16 * HOUR);
  });

  it('a new value: the day’s contact and the joining one are not changed', () => {
    const day = dayContact();
    const before = structuredClone(day);
    const j = joining();
    const merged = mergedInto(state, day, j, CAP, true).contact;
    expect(day).toEqual(before);
    expect(j.c.drugCodes).toEqual(['E', 'D']);
    expect(merged).not.toBe(day);
    // The day's reasons, shared: what the merge says is handed back beside them, not added to a copy.
    expect(merged.reasons).toBe(day.reasons);
    // Every other field carried over as it was.
    expect({ ...merged, ...pick(day, CHANGED) }).toEqual(day);
    expect(Object.keys(merged)).toEqual(Object.keys(day));
  });
});
