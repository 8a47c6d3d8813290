import fc from 'fast-check';
import type { Rule } from '../src/index.js';
import { OPERATOR_DECORATORS, OPERATORS } from '../src/rules/conditions.js';

const FACTS = ['customer', 'purchase', 'line', 'incident'];
const PATHS = [
  undefined,
  '$.tier',
  '$.tags',
  '$.tags[0]',
  '$.contact.sms',
  '$.ageYears',
  '$.a',
  '$.a.b',
  '$.list[1]',
  '$.n',
];

const scalar = fc.oneof(
  fc.constantFrom(0, 1, 2, -1, 3.5, '1', '2', 'a', 'loyal', '', 'NaN', true, false, null),
  fc.integer({ min: -5, max: 5 }),
);
const jsonValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.constant({ x: 1 }));

const operator = fc
  .tuple(fc.array(fc.constantFrom(...OPERATOR_DECORATORS), { maxLength: 2 }), fc.constantFrom(...OPERATORS))
  .map(([decorators, base]) => [...decorators, base].join(':'));

const leaf = fc.record(
  {
    fact: fc.constantFrom(...FACTS, 'unknownFact'),
    path: fc.constantFrom(...PATHS),
    operator,
    value: fc.oneof(
      { weight: 4, arbitrary: jsonValue },
      {
        weight: 1,
        arbitrary: fc.record(
          { fact: fc.constantFrom(...FACTS), path: fc.constantFrom(...PATHS) },
          { requiredKeys: ['fact'] },
        ),
      },
    ),
    priority: fc.constantFrom(undefined, 1, 2, 3),
  },
  { requiredKeys: ['fact', 'operator', 'value'] },
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('bool')),
  bool: fc.oneof(
    fc.record(
      { all: fc.array(tie('tree'), { maxLength: 4 }), priority: fc.constantFrom(undefined, 1, 2) },
      { requiredKeys: ['all'] },
    ),
    fc.record(
      { any: fc.array(tie('tree'), { maxLength: 4 }), priority: fc.constantFrom(undefined, 1, 2) },
      { requiredKeys: ['any'] },
    ),
    fc.record({ not: tie('tree') }),
  ),
}));

const top = fc.oneof(
  fc.record({ all: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ not: tree }),
);

const factObject = fc.dictionary(
  fc.constantFrom('tier', 'tags', 'contact', 'ageYears', 'a', 'list', 'n'),
  fc.oneof(jsonValue, fc.record({ sms: scalar, b: jsonValue })),
  { maxKeys: 5 },
);
const factValue = fc.oneof(
  { weight: 4, arbitrary: factObject },
  { weight: 1, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Random rules over random facts, for comparing evaluators. */
export function arbConditionCase(): fc.Arbitrary<{ rules: Rule[]; facts: Record<string, unknown> }> {
  return fc.record({
    rules: fc.array(fc.tuple(top, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }).map((list) =>
      list.map(
        ([conditions, priority], i) =>
          ({
            id: `r${i}`,
            description: 'generated',
            priority,
            enabled: true,
            conditions,
            event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
          }) as unknown as Rule,
      ),
    ),
    facts: fc.record({ customer: factValue, purchase: factValue, line: factValue, incident: factValue }),
  });
}
