/**
 * Compiles validated json-rules-engine conditions into plain synchronous
 * functions with json-rules-engine 7.3's semantics: the same operators and
 * decorators, the same fact-value validators, `path` read only from non-null
 * objects (otherwise the fact value itself), `{ fact, path }` values, `all` /
 * `any` evaluated by priority sets with the same short-circuits, and the same
 * exceptions (e.g. `in` against a value that has no `indexOf`), which the evaluator turns into "the rule
 * does not hold" (evaluator.ts).
 */
import { parsePath, resolveSegments } from './paths.js';

/** The facts of one evaluation: fact name → value (`undefined` when absent). */
export type Facts = Readonly<Record<string, unknown>>;
/** A compiled condition. */
export type CompiledCondition = (facts: Facts) => boolean;

// `any`, as json-rules-engine's operators take whatever the fact and the rule hold (validators guard them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Op = (factValue: any, jsonValue: any) => boolean;
type Validator = (factValue: unknown) => boolean;

const always: Validator = () => true;
const numberValidator: Validator = (v) => Number.parseFloat(v as string).toString() !== 'NaN';

const BASE: Record<string, [Op, Validator]> = {
  equal: [(a, b) => a === b, always],
  notEqual: [(a, b) => a !== b, always],
  in: [(a, b) => b.indexOf(a) > -1, always],
  notIn: [(a, b) => b.indexOf(a) === -1, always],
  contains: [(a, b) => a.indexOf(b) > -1, Array.isArray],
  doesNotContain: [(a, b) => a.indexOf(b) === -1, Array.isArray],
  lessThan: [(a, b) => a < b, numberValidator],
  lessThanInclusive: [(a, b) => a <= b, numberValidator],
  greaterThan: [(a, b) => a > b, numberValidator],
  greaterThanInclusive: [(a, b) => a >= b, numberValidator],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Decorator = [(factValue: any, jsonValue: any, next: Op) => boolean, Validator];
const DECORATORS: Record<string, Decorator> = {
  someFact: [(f, j, next) => f.some((fv: unknown) => next(fv, j)), Array.isArray],
  someValue: [(f, j, next) => j.some((jv: unknown) => next(f, jv)), always],
  everyFact: [(f, j, next) => f.every((fv: unknown) => next(fv, j)), Array.isArray],
  everyValue: [(f, j, next) => j.every((jv: unknown) => next(f, jv)), always],
  swap: [(f, j, next) => next(j, f), always],
  not: [(f, j, next) => !next(f, j), always],
};

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `decorator:…:operator` as one function, decorators applied as json-rules-engine's OperatorMap does. */
export function compileOperator(name: string): Op {
  const parts = name.split(':');
  const baseName = parts.pop() as string;
  const base = own(BASE, baseName) ? BASE[baseName] : undefined;
  if (!base) throw new Error(`Unknown operator: ${name}`);
  const [baseCb, baseValidator] = base;
  let op: Op = (a, b) => baseValidator(a) && baseCb(a, b);
  // json-rules-engine applies the innermost decorator first: "a:b:op" is a(b(op)).
  for (const decoratorName of [...parts].reverse()) {
    const decorator = own(DECORATORS, decoratorName) ? DECORATORS[decoratorName] : undefined;
    if (!decorator) throw new Error(`Unknown operator: ${name}`);
    const [cb, validator] = decorator;
    const next = op;
    op = (a, b) => validator(a) && cb(a, b, next);
  }
  return op;
}

type Node = Record<string, unknown>;

/** Reads a fact, and the path in it when there is one; the path is parsed here, once, not on every read. */
function compileFactValue(fact: string, path: unknown): (facts: Facts) => unknown {
  if (typeof path !== 'string' || path === '') return (facts) => (own(facts, fact) ? facts[fact] : undefined);
  const segments = parsePath(path);
  return (facts) => {
    const value = own(facts, fact) ? facts[fact] : undefined;
    return value !== null && typeof value === 'object' ? resolveSegments(value, segments) : value;
  };
}

function compileValue(value: unknown): (facts: Facts) => unknown {
  if (value !== null && typeof value === 'object' && own(value, 'fact')) {
    const ref = value as { fact: string; path?: unknown };
    return compileFactValue(ref.fact, ref.path);
  }
  // json-rules-engine evaluates a per-run clone of the conditions, so an object or list
  // value is never the very object a fact holds: a private copy keeps that true here.
  const constant = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  return () => constant;
}

function priorityOf(node: Node): number {
  const p = node['priority'];
  const n = typeof p === 'number' ? Math.trunc(p) : Number.parseInt(String(p), 10);
  return Number.isFinite(n) && n !== 0 ? n : 1;
}

function compileNode(node: Node): CompiledCondition {
  if (own(node, 'all') || own(node, 'any')) {
    const kind = own(node, 'all') ? 'all' : 'any';
    const children = (node[kind] as Node[]).map((c) => ({ priority: priorityOf(c), run: compileNode(c) }));
    if (children.length === 0) return () => true;
    if (children.length === 1) {
      const only = (children[0] as { run: CompiledCondition }).run;
      return (facts) => only(facts) === true;
    }
    // Priority sets, highest first; every condition of a set is evaluated, sets short-circuit.
    const byPriority = new Map<number, CompiledCondition[]>();
    for (const c of children) byPriority.set(c.priority, [...(byPriority.get(c.priority) ?? []), c.run]);
    const sets = [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, runs]) => runs);
    if (kind === 'all') {
      return (facts) => {
        for (const set of sets) {
          let all = true;
          for (const run of set) if (run(facts) !== true) all = false;
          if (!all) return false;
        }
        return true;
      };
    }
    return (facts) => {
      for (const set of sets) {
        let any = false;
        for (const run of set) if (run(facts) === true) any = true;
        if (any) return true;
      }
      return false;
    };
  }
  if (own(node, 'not')) {
    const inner = compileNode(node['not'] as Node);
    return (facts) => !(inner(facts) === true);
  }
  const factValue = compileFactValue(node['fact'] as string, node['path']);
  const op = compileOperator(node['operator'] as string);
  const value = compileValue(node['value']);
  return (facts) => op(factValue(facts), value(facts));
}

/** Compiles a validated top-level condition tree. */
export function compileConditions(conditions: unknown): CompiledCondition {
  const run = compileNode(conditions as Node);
  return (facts) => run(facts) === true;
}

/** The facts a validated condition tree reads: each condition's `fact`, and any `{ fact }` value it compares with. */
export function factsRead(conditions: unknown, into: Set<string> = new Set()): Set<string> {
  const node = conditions as Node;
  for (const kind of ['all', 'any'] as const)
    if (own(node, kind)) for (const child of node[kind] as Node[]) factsRead(child, into);
  if (own(node, 'not')) factsRead(node['not'], into);
  if (typeof node['fact'] === 'string') into.add(node['fact']);
  const value = node['value'];
  if (value !== null && typeof value === 'object' && own(value, 'fact'))
    into.add(String((value as { fact: unknown }).fact));
  return into;
}
