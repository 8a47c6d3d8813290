/**
 * The public types catch what analysts and developers mistype, at compile time (`npm run typecheck` compiles this
 * file: each `@ts-expect-error` fails the type-check when the line below it compiles). At run time the same
 * mistakes are still refused, with paths.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  defineRule,
  defineRuleSet,
  InputError,
  RuleSetError,
  type PlanInput,
  type RuleSetInput,
} from '../src/index.js';
import { baseInput } from './helpers.js';
import { explain } from '../src/i18n/explanation.js';
import type { Messages } from '../src/i18n/messages-en.js';
import type { Catalogue } from '../src/i18n/catalogue.js';
import { Words } from '../src/i18n/words.js';
import { WorklistWords } from '../src/worklist/words.js';
import { cliWords } from '../src/cli/cli-words.js';
import type { ReasonParams } from '../src/i18n/reason-params.js';
import {
  buildFacts,
  type CustomerFact,
  type IncidentFact,
  type LineFact,
  type PurchaseFact,
} from '../src/facts/build-facts.js';
import {
  FACT_SHAPES,
  parsePlanInput,
  type CadenceParams,
  type Channel,
  type EscalationParams,
  type TouchpointKind,
  type Urgency,
} from '../src/index.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });

describe('typed inputs', () => {
  it('plan() takes a PlanInput: a misspelt field is a compile error, and still an InputError at run time', async () => {
    const input = baseInput();
    const typo = planner.plan({
      ...input,
      purchase: {
        id: 'p',
        customerId: 'C1',
        // @ts-expect-error `purchasedat` is not a field of Purchase
        purchasedat: '2026-03-05T10:00:00+08:00',
        items: [{ drugCode: 'A', quantity: 1 }],
      },
    });
    await expect(typo).rejects.toBeInstanceOf(InputError);
    const items = [{ drugCode: 'A', quantity: '2' }];
    // @ts-expect-error quantity is a number
    void planner.plan({ ...input, purchase: { ...input.purchase, items } }).catch(() => undefined);
    // Data of unknown shape is passed deliberately, with a cast: validated all the same.
    const parsed: unknown = JSON.parse(JSON.stringify(input));
    expect((await planner.plan(parsed as PlanInput)).customerId).toBe('C1');
    // null and Date are part of the input type (SQL exports, drivers).
    const exported: PlanInput = {
      ...input,
      asOf: null,
      purchase: { ...input.purchase, purchasedAt: new Date('2026-03-05T02:00:00Z'), storeId: null },
    };
    expect((await planner.plan(exported)).asOf).toBe('2026-03-05T10:00:00+08:00');
  });

  it('createPlanner() takes a rule set: an unknown event type is a compile error, and a RuleSetError at run time', () => {
    const bad = {
      id: 'x',
      version: '1',
      rules: [{ id: 'r', description: 'd', conditions: { all: [] }, event: { type: 'cadense', params: {} } }],
    };
    // @ts-expect-error `cadense` is not an event type
    expect(() => createPlanner({ ruleSet: bad })).toThrow(RuleSetError);
    // @ts-expect-error a rule set is an object, not a path
    expect(() => createPlanner({ ruleSet: 'rules/' })).toThrow(RuleSetError);
    expect(() => createPlanner({ ruleSet: bad as unknown as RuleSetInput })).toThrow(RuleSetError);
  });

  it('defineRuleSet and defineRule give completion and checks, and return what they are given', () => {
    const rule = defineRule({
      id: 'cadence.用药回访',
      description: 'a call 3 days after the purchase',
      conditions: { all: [{ fact: 'customer', path: '$.membership.tier', operator: 'equal', value: 'loyal' }] },
      event: {
        type: 'cadence',
        params: { anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: '用药回访', tolerance: 'P2D' },
      },
    });
    const set = defineRuleSet({ id: 'mine', version: '1', defaults: { timeZone: 'Asia/Shanghai' }, rules: [rule] });
    expect(set.rules[0]).toBe(rule);
    expectTypeOf(set.id).toEqualTypeOf<'mine'>();
    expect(createPlanner({ ruleSet: set }).ruleSet.rules[0]?.id).toBe('cadence.用药回访');
    defineRule({
      id: 'r',
      description: 'd',
      // @ts-expect-error `fakt` is not a condition property, and "customers" not a fact
      conditions: { all: [{ fakt: 'customers', operator: 'equal', value: 1 }] },
      event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
    });
    defineRule({
      id: 'r',
      description: 'd',
      conditions: { all: [] },
      event: {
        type: 'cadence',
        // @ts-expect-error `channel` must be one of phone, sms, wechat, home-visit
        params: { anchor: 'purchase', offsets: ['P3D'], channel: 'email', purpose: 'x', tolerance: 'P1D' },
      },
    });
  });
});

describe('types kept with their source', () => {
  it('the facts rules see have exactly the fields FACT_SHAPES (validation and docs) names', () => {
    expectTypeOf<keyof CustomerFact>().toEqualTypeOf<keyof (typeof FACT_SHAPES)['customer']>();
    expectTypeOf<keyof PurchaseFact>().toEqualTypeOf<keyof (typeof FACT_SHAPES)['purchase']>();
    expectTypeOf<keyof LineFact>().toEqualTypeOf<keyof (typeof FACT_SHAPES)['line']['fields']>();
    expectTypeOf<keyof IncidentFact>().toEqualTypeOf<keyof (typeof FACT_SHAPES)['incident']['fields']>();
    // And at run time, on real facts.
    const facts = buildFacts(parsePlanInput(baseInput()), 'Asia/Shanghai');
    expect(Object.keys(facts.customer).sort()).toEqual(Object.keys(FACT_SHAPES.customer).sort());
    expect(Object.keys(facts.purchase).sort()).toEqual(Object.keys(FACT_SHAPES.purchase).sort());
    expect(Object.keys(facts.lines[0]?.fact ?? {}).sort()).toEqual(Object.keys(FACT_SHAPES.line.fields).sort());
  });

  it('the channels, urgencies and kinds of a plan are the ones rules may name', () => {
    expectTypeOf<Channel>().toEqualTypeOf<CadenceParams['channel']>();
    expectTypeOf<Exclude<Urgency, 'routine'>>().toEqualTypeOf<EscalationParams['urgency']>();
    expectTypeOf<Exclude<TouchpointKind, 'escalation'>>().toEqualTypeOf<CadenceParams['kind']>();
  });

  it('a reason is made with the params its code says, and its messages read no other', () => {
    expect(explain('warning.no-course', { drugCode: 'D', index: 0 }).params).toEqual({ drugCode: 'D', index: 0 });
    // @ts-expect-error a warning about a course names the line's index too
    explain('warning.no-course', { drugCode: 'D' });
    // @ts-expect-error `indx` is not a param of the warning
    explain('warning.no-course', { drugCode: 'D', index: 0, indx: 1 });
    // @ts-expect-error not a reason's code
    explain('warning.no-cours', { drugCode: 'D', index: 0 });
    // @ts-expect-error a skipped day says why: a blackout's kind or a cap's
    explain('skipped', { from: '2026-03-05', why: 'sunspots' });
    expectTypeOf<Parameters<Messages['held.stopped']>[0]>().toEqualTypeOf<
      Readonly<ReasonParams['held.stopped'] & { of?: string }>
    >();
  });

  it('every catalogue has one shape: a function per code, from the params that code has', () => {
    type Sample = { greet: { readonly name: string }; bye: Record<string, never> };
    const ok: Catalogue<Sample> = { greet: ({ name }) => `hi ${name}`, bye: () => 'bye' };
    expect(ok.greet({ name: 'Li' })).toBe('hi Li');
    // @ts-expect-error a catalogue without one of the codes
    const missing: Catalogue<Sample> = { greet: ({ name }) => name };
    // @ts-expect-error a message reading a param its code does not have
    const misread: Catalogue<Sample> = { greet: (p) => p.nam, bye: () => '' };
    expect([missing, misread].length).toBe(2);
    const words = new WorklistWords(new Words('en'));
    expect(words.say('no-policy', { purchase: 'P1' })).toContain('P1');
    // @ts-expect-error a worklist phrase is said with its own params
    words.say('no-policy', { purchaseId: 'P1' });
    const say = cliWords('en');
    expect(say('overflow', { count: 2 })).toContain('2');
    // @ts-expect-error the CLI's overflow line needs its count
    say('overflow');
  });
});
