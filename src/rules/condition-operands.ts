/**
 * The operands of a condition: what kind of value a fact path leads to and the operators that need a list or text
 * (json-rules-engine would throw a TypeError on every evaluation otherwise), and the values a field never takes.
 */
import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';
import type { Coded, JsonScalar } from '../i18n/issue-codes.js';
import { issue } from '../i18n/issues.js';
import { nearest } from '../_lib/nearest.js';
import { FACT_SHAPES, fieldDomain, type FactName, type FieldDomain, type FieldType } from '../facts/vocabulary.js';
import { describeBadPath, parsePath } from './paths.js';

type Json = unknown;

/**
 * What an operand can be, for the operators that need a list or text (`in` reads `indexOf`, `someValue` reads
 * `some`): a list, text, something that is neither (a number, a boolean, an object), or not known until run time
 * (a field that may be null, a list element that may be missing).
 */
export type Kind = 'list' | 'text' | 'other' | 'maybe';

export function kindOfField(type: FieldType): Kind {
  if (type === 'string[]') return 'list';
  if (type === 'string' || type === 'date') return 'text';
  if (type === 'string | null') return 'maybe';
  return 'other';
}

export const kindOfLiteral = (value: Json): Kind =>
  Array.isArray(value) ? 'list' : typeof value === 'string' ? 'text' : 'other';

/** Checks a fact path against the fact's shape: the kind of value at its end, or why the path is wrong. */
export function checkFactPath(
  fact: FactName,
  path: string | undefined,
): { kind: Kind; date?: true } | { problem: Coded } {
  let shape: FieldType = FACT_SHAPES[fact] as FieldType;
  // line and incident are null in the evaluations that have none.
  let mayBeMissing = fact === 'line' || fact === 'incident';
  if (path === undefined) return { kind: 'other' };
  const segments = parsePath(path);
  if (segments === null) return { problem: describeBadPath(path) };
  let walked = '$';
  for (const segment of segments) {
    if (typeof shape === 'object' && 'nullable' in shape) {
      shape = shape.fields as FieldType;
      mayBeMissing = true;
    }
    if (typeof segment === 'number') {
      if (shape !== 'string[]')
        return { problem: { code: 'path-not-a-list', params: { path, at: walked, index: segment } } };
      shape = 'string';
      mayBeMissing = true;
    } else {
      if (typeof shape !== 'object')
        return { problem: { code: 'path-into-scalar', params: { path, at: walked, type: shape, field: segment } } };
      const next: FieldType | undefined = Object.prototype.hasOwnProperty.call(shape, segment)
        ? (shape as Record<string, FieldType>)[segment]
        : undefined;
      if (next === undefined) {
        const known = Object.keys(shape).sort();
        const field = walked === '$' ? segment : `${walked.slice(2)}.${segment}`;
        const suggestion = nearest(segment, known);
        const params = { path, fact, field, at: walked, known };
        return {
          problem: { code: 'path-no-field', params: suggestion === undefined ? params : { ...params, suggestion } },
        };
      }
      shape = next;
    }
    walked += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  }
  const kind = typeof shape === 'object' ? 'other' : kindOfField(shape);
  return {
    kind: mayBeMissing && kind !== 'other' ? 'maybe' : kind,
    ...(shape === 'date' ? { date: true as const } : {}),
  };
}

/**
 * Follows an operator's decorators (outermost first) as json-rules-engine applies them, and says where a list or
 * text is needed and statically absent: json-rules-engine would throw a TypeError there on every evaluation. Where
 * it is only known at run time (a field that may be null), the evaluators treat a mismatch as "does not hold".
 */
export function operandProblem(operator: string, fact: Kind, value: Kind): Coded | undefined {
  const parts = operator.split(':');
  const base = parts.pop() as string;
  let left = fact;
  let right = value;
  for (const decorator of parts) {
    if (decorator === 'someFact' || decorator === 'everyFact') {
      // Its validator asks for a list first: anything else simply does not hold.
      if (left !== 'list') return undefined;
      left = 'maybe';
    } else if (decorator === 'someValue' || decorator === 'everyValue') {
      if (right === 'maybe') return undefined;
      if (right !== 'list')
        return {
          code: 'decorator-needs-list',
          params: { operator, decorator, side: parts.includes('swap') ? 'operand' : 'value', text: right === 'text' },
        };
      right = 'maybe';
    } else if (decorator === 'swap') [left, right] = [right, left];
  }
  if ((base === 'in' || base === 'notIn') && right !== 'list' && right !== 'text' && right !== 'maybe') {
    return { code: 'lookup-needs-list', params: { operator, base, side: parts.includes('swap') ? 'fact' : 'value' } };
  }
  return undefined;
}

/** The domain of a fact path (`customer.tier`), when the field has one. */
function domainOf(fact: FactName, path: unknown): { name: string; domain: FieldDomain } | undefined {
  const segments = typeof path === 'string' ? parsePath(path) : null;
  if (segments === null || segments.some((s) => typeof s !== 'string')) return undefined;
  return fieldDomain(fact, segments as string[]);
}

/**
 * A value the fact never takes, for the operators that compare with values (no decorators): `tier equal "gold"`,
 * `weekday in ["FUN"]`, `localHour greaterThan 30` can never hold. Null stays allowed (a field may be absent).
 */
export function checkDomain(
  fact: FactName,
  path: unknown,
  operator: string,
  value: Json,
  at: string,
  issues: Issue[],
): void {
  const found = domainOf(fact, path);
  if (found === undefined) return;
  const { name, domain } = found;
  const takes = (v: Json): boolean =>
    v === null ||
    ('values' in domain
      ? domain.values.includes(v as string)
      : Number.isInteger(v) && (v as number) >= domain.min && (v as number) <= domain.max);
  const outside = (v: Json, path: string): void => {
    if (takes(v)) return;
    const near =
      'values' in domain && typeof v === 'string'
        ? domain.values.find((d) => d.toLowerCase() === v.trim().toLowerCase())
        : undefined;
    const range = 'values' in domain ? { values: [...domain.values] } : { from: domain.min, to: domain.max };
    issues.push(
      issue(path, 'value-not-taken', {
        value: v as JsonScalar,
        field: name,
        ...range,
        ...(near === undefined ? {} : { suggestion: near }),
      }),
    );
  };
  if (operator === 'equal' || operator === 'notEqual') outside(value, joinPath(at, 'value'));
  else if ((operator === 'in' || operator === 'notIn') && Array.isArray(value))
    value.forEach((v, i) => outside(v, `${joinPath(at, 'value')}[${i}]`));
  else if (
    'min' in domain &&
    typeof value === 'number' &&
    (operator.startsWith('greaterThan') || operator.startsWith('lessThan'))
  ) {
    const never =
      (operator === 'greaterThan' && value >= domain.max) ||
      (operator === 'greaterThanInclusive' && value > domain.max) ||
      (operator === 'lessThan' && value <= domain.min) ||
      (operator === 'lessThanInclusive' && value < domain.min);
    if (never)
      issues.push(
        issue(joinPath(at, 'value'), 'never-holds', { field: name, operator, value, from: domain.min, to: domain.max }),
      );
  }
}
