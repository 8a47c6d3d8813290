/** A routine contact's reach: where it may start, what it waits for first, or why no slot can take it. */
import { describe, expect, it } from 'vitest';
import { explain, type Explanation } from '../i18n/explanation.js';
import type { Candidate, Overflow, Placed, PlanState } from './plan-state.js';
import { checkCandidate } from '../../test/plan-helpers.js';
import type { WindowUse } from './compile.js';
import { reachOf, usesOf, type NoReach, type Reach } from './reach.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Mon 2026-06-01 00:00 UTC.
const T0 = Date.parse('2026-06-01T00:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();

interface World {
  asOfMs?: number;
  escalations?: { dueMs: number; startMs: number; purpose?: string }[];
  declined?: { untilMs: number; contactId: string } | null;
}

// Only what the reach reads: asOf, the history's pause, the horizon, how instants are shown; and the plan's escalations.
function reachIn(world: World, c: Candidate, uses: readonly WindowUse[]): Reach | NoReach {
  const state = {
    facts: { asOfMs: world.asOfMs ?? T0, history: world.declined ? { declined: world.declined } : null },
    horizonEndMs: T0 + 120 * DAY,
    compiled: { ruleSet: { defaults: { horizon: 'P120D' } } },
    at,
  } as unknown as PlanState;
  const escalations = (world.escalations ?? []).map(
    (e) => ({ dueMs: e.dueMs, startMs: e.startMs, purpose: e.purpose ?? 'complaint-resolution' }) as Placed,
  );
  return reachOf(state, escalations, c, uses);
}

/** A phone check due on day 3 at 10:00, with a tolerance of two days after. */
function check(over: Partial<Candidate> = {}): Candidate {
  return checkCandidate(T0 + 3 * DAY + 10 * HOUR, over);
}

const CALLS = usesOf('phone');
const reached = (r: Reach | NoReach): Reach => {
  if (!r.ok) throw new Error(`no reach: ${r.why.code}`);
  return r;
};
const refused = (r: Reach | NoReach): NoReach => {
  if (r.ok) throw new Error('reached');
  return r;
};
const codes = (notes: readonly Explanation[]): string[] => notes.map((n) => n.code);

describe('reachOf: where it may start, and what it waits for', () => {
  it('is the tolerance from the due, with nothing to say, when nothing holds the contact back', () => {
    const c = check();
    const r = reached(reachIn({}, c, CALLS));
    expect([r.lo, r.hi, r.floor, r.reachLo, r.reachHi, r.lastStart]).toEqual([
      c.dueMs,
      c.latestMs,
      T0,
      c.dueMs,
      c.latestMs,
      c.latestMs,
    ]);
    expect(r.notes).toEqual([]);
    expect(r.uses).toBe(CALLS);
    expect(c.reasons).toEqual([]);
  });

  it('starts no earlier than asOf, nor past the horizon', () => {
    const c = check({ latestMs: T0 + 200 * DAY });
    const r = reached(reachIn({ asOfMs: c.dueMs + HOUR }, c, CALLS));
    expect([r.lo, r.floor, r.hi]).toEqual([c.dueMs + HOUR, c.dueMs + HOUR, T0 + 120 * DAY]);
  });

  it('waits for the latest-starting escalation reported before the contact was due, and says so', () => {
    const c = check();
    const r = reached(
      reachIn(
        {
          escalations: [
            { dueMs: c.dueMs - 5 * HOUR, startMs: c.dueMs + 2 * HOUR },
            { dueMs: c.dueMs - 3 * HOUR, startMs: c.dueMs + 4 * HOUR, purpose: 'wrong-drug-recall' },
            // Reported after the due (and after asOf): not waited for.
            { dueMs: c.dueMs + HOUR, startMs: c.dueMs + 9 * HOUR },
          ],
        },
        c,
        CALLS,
      ),
    );
    expect([r.lo, r.floor]).toEqual([c.dueMs + 4 * HOUR, c.dueMs + 4 * HOUR]);
    expect(r.notes).toEqual([
      { code: 'waits-for-escalation', params: { purpose: 'wrong-drug-recall', at: at(c.dueMs + 4 * HOUR) } },
    ]);
  });

  it('of equal starts waits for the first; one reported after the due but before asOf counts', () => {
    const c = check();
    const asOfMs = c.dueMs + 2 * HOUR;
    const r = reached(
      reachIn(
        {
          asOfMs,
          escalations: [
            { dueMs: c.dueMs + HOUR, startMs: c.dueMs + 6 * HOUR, purpose: 'first' },
            { dueMs: c.dueMs - HOUR, startMs: c.dueMs + 6 * HOUR, purpose: 'second' },
          ],
        },
        c,
        CALLS,
      ),
    );
    expect(r.lo).toBe(c.dueMs + 6 * HOUR);
    expect(r.notes.map((n) => n.params['purpose'])).toEqual(['first']);
  });

  it('does not wait for an escalation that starts before it could', () => {
    const c = check();
    const r = reached(reachIn({ escalations: [{ dueMs: c.dueMs - 5 * HOUR, startMs: c.dueMs - HOUR }] }, c, CALLS));
    expect(r.lo).toBe(c.dueMs);
    // It still starts no earlier than the escalation.
    expect(r.floor).toBe(c.dueMs - HOUR);
    expect(r.notes).toEqual([]);
  });

  it('waits until a pause in calls ends, and says so; a message does not wait', () => {
    const c = check();
    const declined = { untilMs: c.dueMs + DAY, contactId: 'tp_declined' };
    const r = reached(reachIn({ declined }, c, CALLS));
    expect([r.lo, r.floor]).toEqual([c.dueMs + DAY, c.dueMs + DAY]);
    expect(codes(r.notes)).toEqual(['calls-paused']);
    expect(r.notes[0]?.params).toEqual({ until: at(c.dueMs + DAY), contact: 'tp_declined' });
    const message = check({ channel: 'sms' });
    expect(reached(reachIn({ declined }, message, usesOf('sms'))).lo).toBe(message.dueMs);
    // A pause that ended before the contact could start says nothing.
    const over = { untilMs: c.dueMs, contactId: 'tp_declined' };
    expect(reached(reachIn({ declined: over }, c, CALLS)).notes).toEqual([]);
  });
});

describe('reachOf: refused', () => {
  it('is refused when the pause lasts past the last start its overflow allows', () => {
    const c = check();
    const declined = { untilMs: c.latestMs + HOUR, contactId: 'tp_declined' };
    const r = refused(reachIn({ declined }, c, CALLS));
    expect(r.why).toEqual({
      code: 'suppressed.paused',
      params: { until: at(c.latestMs + HOUR), contact: 'tp_declined', latest: at(c.latestMs) },
    });
    // Moving later by its overflow, it reaches past the pause.
    const later: Overflow = {
      move: 'later',
      limitMs: c.latestMs + DAY,
      params: { move: 'later', within: 'P1D' },
      earlier: null,
    };
    expect(reached(reachIn({ declined }, check({ overflow: later }), CALLS)).lo).toBe(c.latestMs + HOUR);
  });

  it('is refused beyond the horizon, with the horizon and its end', () => {
    const c = check({ dueMs: T0 + 121 * DAY, earliestMs: T0 + 121 * DAY, latestMs: T0 + 122 * DAY });
    expect(refused(reachIn({}, c, CALLS)).why).toEqual({
      code: 'suppressed.beyond-horizon',
      params: { due: at(c.dueMs), horizon: 'P120D', end: at(T0 + 120 * DAY) },
    });
  });

  it('is refused when its time is over, naming its overflow where that reached further', () => {
    const c = check();
    const asOfMs = c.latestMs + HOUR;
    expect(refused(reachIn({ asOfMs }, c, CALLS)).why).toEqual({
      code: 'suppressed.tolerance-ended',
      params: { end: at(c.latestMs), asOf: at(asOfMs), tolAfter: 'P2D' },
    });
    const later: Overflow = {
      move: 'later',
      limitMs: c.latestMs + 30 * 60_000,
      params: { move: 'later', within: 'PT30M' },
      earlier: null,
    };
    expect(refused(reachIn({ asOfMs }, check({ overflow: later }), CALLS)).why.params).toEqual({
      end: at(c.latestMs),
      asOf: at(asOfMs),
      tolAfter: 'P2D',
      move: 'later',
      within: 'PT30M',
      overflowEnd: at(c.latestMs + 30 * 60_000),
    });
    // Its tolerance over, its overflow still ahead: reached, to the overflow's last start.
    const ahead = { ...later, limitMs: c.latestMs + DAY };
    const r = reached(reachIn({ asOfMs }, check({ overflow: ahead }), CALLS));
    expect([r.lastStart, r.reachHi]).toEqual([c.latestMs + DAY, c.latestMs + DAY]);
  });

  it('is refused without windows for its channel, naming the uses it would take', () => {
    expect(refused(reachIn({}, check(), [])).why).toEqual({
      code: 'suppressed.no-windows',
      params: { uses: 'preferred,fallback', channel: 'phone' },
    });
    expect(refused(reachIn({}, check({ channel: 'wechat' }), [])).why.params).toEqual({
      uses: 'message',
      channel: 'wechat',
    });
  });
});

describe('reachOf: how far, and the bounds', () => {
  it('reaches back as far as an earlier-moving overflow allows, never before the floor', () => {
    const c = check();
    const earlier: Overflow = {
      move: 'earlier',
      limitMs: c.dueMs - 2 * DAY,
      params: { move: 'earlier', within: 'P2D' },
      earlier: null,
    };
    expect(reached(reachIn({}, check({ overflow: earlier }), CALLS)).reachLo).toBe(c.dueMs - 2 * DAY);
    expect(reached(reachIn({ asOfMs: c.dueMs - DAY }, check({ overflow: earlier }), CALLS)).reachLo).toBe(
      c.dueMs - DAY,
    );
    // A later-moving policy that looks earlier first reaches back by its `earlier`.
    const later: Overflow = {
      move: 'later',
      limitMs: c.latestMs + DAY,
      params: { move: 'later', within: 'P1D' },
      earlier,
    };
    const r = reached(reachIn({}, check({ overflow: later }), CALLS));
    expect([r.reachLo, r.reachHi]).toEqual([c.dueMs - 2 * DAY, c.latestMs + DAY]);
  });

  it('moving earlier, never into a pause in calls that ended before it was due (a message may)', () => {
    // Due day 3 10:00; its overflow may move it two days earlier, to day 1 10:00; calls are paused until day 2 10:00.
    // Its own range starts after the pause, so it does not wait (nothing to say), but the pause is its floor: it
    // reaches back to day 2 10:00, not day 1. (Found by the invariant property: a refill reminder moved earlier,
    // out of an accountant's month-end days, into the pause a declined call began.)
    const c = check();
    const earlier: Overflow = {
      move: 'earlier',
      limitMs: c.dueMs - 2 * DAY,
      params: { move: 'earlier', within: 'P2D' },
      earlier: null,
    };
    const declined = { untilMs: c.dueMs - DAY, contactId: 'tp_declined' };
    const r = reached(reachIn({ declined }, check({ overflow: earlier }), CALLS));
    expect([r.lo, r.floor, r.reachLo, r.notes]).toEqual([c.dueMs, c.dueMs - DAY, c.dueMs - DAY, []]);
    // Should no slot take it, its suppression says why its span starts at day 2 10:00.
    expect(r.pausedOverflow).toEqual(explain('calls-paused', { until: at(c.dueMs - DAY), contact: 'tp_declined' }));
    const message = check({ overflow: earlier, channel: 'sms' });
    const m = reached(reachIn({ declined }, message, usesOf('sms')));
    expect([m.reachLo, m.pausedOverflow]).toEqual([c.dueMs - 2 * DAY, null]);
    // A pause that ended before the overflow's limit, or with no earlier overflow, kept nothing back: nothing to say.
    const before = { untilMs: c.dueMs - 3 * DAY, contactId: 'tp_declined' };
    expect(reached(reachIn({ declined: before }, check({ overflow: earlier }), CALLS)).pausedOverflow).toBeNull();
    expect(reached(reachIn({ declined }, c, CALLS)).pausedOverflow).toBeNull();
    // A pause over its own range is said among its notes (it waits), not again.
    const longer = { untilMs: c.dueMs + HOUR, contactId: 'tp_declined' };
    const waits = reached(reachIn({ declined: longer }, check({ overflow: earlier }), CALLS));
    expect([codes(waits.notes), waits.pausedOverflow]).toEqual([['calls-paused'], null]);
  });

  it('at the bounds: each limit is inclusive where the contact may still start there', () => {
    const c = check();
    // An escalation reported at the very moment the contact is due is not one reported before it.
    const sameMoment = [{ dueMs: c.dueMs, startMs: c.dueMs + HOUR }];
    expect(reached(reachIn({ escalations: sameMoment }, c, CALLS)).notes).toEqual([]);
    // Nor, reported at asOf, one reported before asOf.
    const atAsOf = [{ dueMs: c.dueMs + HOUR, startMs: c.dueMs + 2 * HOUR }];
    expect(reached(reachIn({ asOfMs: c.dueMs + HOUR, escalations: atAsOf }, c, CALLS)).lo).toBe(c.dueMs + HOUR);
    // An escalation starting when the contact may start anyway: nothing to wait for.
    const together = [{ dueMs: c.dueMs - HOUR, startMs: c.dueMs }];
    expect(reached(reachIn({ escalations: together }, c, CALLS)).notes).toEqual([]);
    // Due at the horizon's end: still within it.
    const last = T0 + 120 * DAY;
    expect(reachIn({}, check({ dueMs: last, earliestMs: last, latestMs: last + DAY }), CALLS).ok).toBe(true);
    // A pause ending at the last start: it may start then.
    const pause = { untilMs: c.latestMs, contactId: 'tp_declined' };
    expect(reached(reachIn({ declined: pause }, c, CALLS)).lo).toBe(c.latestMs);
    // Its last start at asOf: it may start then.
    expect(reached(reachIn({ asOfMs: c.latestMs }, c, CALLS)).lo).toBe(c.latestMs);
  });

  it('names no overflow when its time is over and the overflow reaches no further (one moving earlier)', () => {
    const c = check();
    const earlier: Overflow = {
      move: 'earlier',
      limitMs: c.dueMs - DAY,
      params: { move: 'earlier', within: 'P1D' },
      earlier: null,
    };
    const asOfMs = c.latestMs + HOUR;
    expect(refused(reachIn({ asOfMs }, check({ overflow: earlier }), CALLS)).why.params).toEqual({
      end: at(c.latestMs),
      asOf: at(asOfMs),
      tolAfter: 'P2D',
    });
  });
});
