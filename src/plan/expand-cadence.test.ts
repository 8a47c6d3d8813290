/**
 * Candidates that would share an id (one kind, purpose and due) are one contact: every rule that asked for it, each
 * reason once, every drug — in the first one's place. Others, however near, stay apart.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../i18n/explanation.js';
import { dedupe } from './expand-cadence.js';
import { checkCandidate } from '../../test/plan-helpers.js';

const HOUR = 3_600_000;
// Thu 2026-03-12 02:20 UTC (10:20 in Shanghai).
const DUE = Date.parse('2026-03-12T02:20:00Z');
const due = (rule: string) =>
  explain('due', { at: '2026-03-12T10:20:00+08:00', anchor: 'purchase', offset: 'P7D' }, rule);

describe('dedupe', () => {
  it('one contact for one kind, purpose and due: both rules, each reason once, both drugs, in the first one’s place', () => {
    const shared = explain('escalation.safety');
    const first = checkCandidate(DUE, {
      ruleIds: ['cadence.a'],
      reasons: [due('cadence.a'), shared],
      drugCodes: ['D'],
    });
    const refill = checkCandidate(DUE, { purpose: 'refill-reminder', kind: 'refill', ruleIds: ['cadence.r'] });
    const second = checkCandidate(DUE, {
      ruleIds: ['cadence.b'],
      // The same explanation made again, and one of its own.
      reasons: [explain('escalation.safety'), due('cadence.b')],
      drugCodes: ['E', 'D'],
    });
    const before = structuredClone([first, refill, second]);
    const out = dedupe([first, refill, second]);
    expect(out.map((c) => [c.purpose, c.ruleIds, c.drugCodes])).toEqual([
      ['medication-check', ['cadence.a', 'cadence.b'], ['D', 'E']],
      ['refill-reminder', ['cadence.r'], ['D']],
    ]);
    expect(out[0]?.reasons).toEqual([due('cadence.a'), shared, due('cadence.b')]);
    // Neither candidate was changed: the merged one is new.
    expect([first, refill, second]).toEqual(before);
    expect(out[1]).toBe(refill);
  });

  it('keeps apart what differs in due, purpose or kind', () => {
    const a = checkCandidate(DUE);
    const later = checkCandidate(DUE + HOUR, { ruleIds: ['cadence.b'] });
    const otherPurpose = checkCandidate(DUE, { purpose: 'care-call', ruleIds: ['cadence.c'] });
    const otherKind = checkCandidate(DUE, { kind: 'refill', ruleIds: ['cadence.d'] });
    expect(dedupe([a, later, otherPurpose, otherKind])).toEqual([a, later, otherPurpose, otherKind]);
  });

  it('finds the one to join among several due at that moment', () => {
    const check = checkCandidate(DUE, { ruleIds: ['cadence.a'] });
    const care = checkCandidate(DUE, { purpose: 'care-call', ruleIds: ['cadence.c'] });
    const careAgain = checkCandidate(DUE, { purpose: 'care-call', ruleIds: ['cadence.c2'], drugCodes: ['E'] });
    const out = dedupe([check, care, careAgain]);
    expect(out.map((c) => [c.purpose, c.ruleIds, c.drugCodes])).toEqual([
      ['medication-check', ['cadence.a'], ['D']],
      ['care-call', ['cadence.c', 'cadence.c2'], ['D', 'E']],
    ]);
  });
});
