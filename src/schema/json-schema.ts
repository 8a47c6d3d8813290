import { z } from 'zod';
import { FACT_NAMES } from '../facts/vocabulary.js';
import { OPERATOR_DECORATORS, OPERATORS } from '../rules/conditions.js';
import { RuleFileSchema } from './ruleset.js';

const PLAIN_PATH = '^\\$(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[(?:0|[1-9]\\d{0,3})\\])*$';
const DECORATED_OPERATOR_PATTERN = `^(?:(?:${OPERATOR_DECORATORS.join('|')}):)+(?:${OPERATORS.join('|')})$`;

/** The json-rules-engine condition tree, as analysts' editors should see it. */
function conditionDefs(): Record<string, unknown> {
  const meta = {
    name: { type: 'string' },
    description: { type: 'string' },
    priority: { type: 'integer', minimum: 1, maximum: 1000 },
  };
  return {
    Conditions: {
      description:
        'json-rules-engine conditions: { "all": [...] }, { "any": [...] } or { "not": {...} } at the top level.',
      oneOf: [
        { $ref: '#/$defs/AllCondition' },
        { $ref: '#/$defs/AnyCondition' },
        { $ref: '#/$defs/NotCondition' },
        { $ref: '#/$defs/ConditionReference' },
      ],
    },
    Condition: {
      oneOf: [
        { $ref: '#/$defs/AllCondition' },
        { $ref: '#/$defs/AnyCondition' },
        { $ref: '#/$defs/NotCondition' },
        { $ref: '#/$defs/FactCondition' },
      ],
    },
    AllCondition: {
      type: 'object',
      required: ['all'],
      additionalProperties: false,
      properties: { all: { type: 'array', maxItems: 100, items: { $ref: '#/$defs/Condition' } }, ...meta },
    },
    AnyCondition: {
      type: 'object',
      required: ['any'],
      additionalProperties: false,
      properties: { any: { type: 'array', maxItems: 100, items: { $ref: '#/$defs/Condition' } }, ...meta },
    },
    NotCondition: {
      type: 'object',
      required: ['not'],
      additionalProperties: false,
      properties: { not: { $ref: '#/$defs/Condition' }, ...meta },
    },
    ConditionReference: {
      type: 'object',
      required: ['condition'],
      additionalProperties: false,
      description:
        'A named condition of the rule set (its top-level "conditions"), as json-rules-engine refers to shared conditions.',
      properties: {
        condition: { type: 'string', description: 'The name of a condition in the rule set\'s "conditions".' },
        ...meta,
      },
    },
    FactCondition: {
      type: 'object',
      required: ['fact', 'operator', 'value'],
      additionalProperties: false,
      properties: {
        fact: { enum: FACT_NAMES, description: 'The fact to test; see docs/facts.md.' },
        path: {
          type: 'string',
          pattern: PLAIN_PATH,
          description: 'A plain property path such as "$.membership.tier" or "$.tags[0]".',
        },
        // The plain names as an enum (completion, and "Value is not accepted. Valid values: …" for a typo), or a
        // decorated one by pattern, with a message that names them.
        operator: {
          description: `One of ${OPERATORS.join(', ')}, optionally decorated (${OPERATOR_DECORATORS.map((d) => `${d}:`).join(', ')}).`,
          anyOf: [
            { enum: [...OPERATORS] },
            {
              type: 'string',
              pattern: DECORATED_OPERATOR_PATTERN,
              patternErrorMessage: `an operator: ${OPERATORS.join(', ')}; or one decorated, e.g. "not:in", "someFact:equal"`,
            },
          ],
        },
        value: { description: 'A JSON value, or { "fact": ..., "path": ... } to compare with another fact.' },
        ...meta,
      },
    },
  };
}

/**
 * The JSON Schema of a rule file, generated from the zod schema (so the two
 * never disagree) with the condition tree spelled out for editors.
 */
export function ruleFileJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(RuleFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  > & {
    $defs?: Record<string, unknown>;
  };
  return {
    ...generated,
    $id: 'https://unpkg.com/rx-followup/schema/ruleset.schema.json',
    title: 'rx-followup rule file',
    description:
      'One file of an rx-followup rule set. Every *.json file of a rules folder is merged into one set, which must have an id and a version. Generated from the zod schema: do not edit by hand (npm run schema).',
    $defs: { ...(generated.$defs ?? {}), ...conditionDefs() },
  };
}
