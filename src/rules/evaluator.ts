import type { Engine } from 'json-rules-engine';
import type { FactSet } from '../facts/build-facts.js';
import type { Rule } from '../schema/ruleset.js';
import { compileConditions, factsRead } from './compile-conditions.js';
import { cachingPathResolver } from './paths.js';

/** Orders rules by priority (highest first), then id: the one order every result follows. */
export function compareRules(a: Rule, b: Rule): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Decides which rules of a fixed set hold for a set of facts. */
export interface RuleEvaluator {
  /** Ids of the rules whose conditions hold, by priority (highest first), then id. */
  evaluate(facts: FactSet): Promise<string[]>;
}

/** An evaluator that can also answer synchronously. */
export interface SyncRuleEvaluator extends RuleEvaluator {
  evaluateSync(facts: FactSet): string[];
  /**
   * `sets.map(evaluateSync)`, for fact sets that share their `customer` and
   * `purchase` (the lines of one purchase): a rule that reads neither `line`
   * nor `incident` is evaluated on the first set only, in the same order.
   */
  evaluateEachSync(sets: readonly FactSet[]): string[][];
}

/**
 * A rule whose evaluation throws (an operator meeting a value of the wrong kind, known only at run time: `swap:in`
 * on a field that is null for this customer) does not hold; json-rules-engine would throw a TypeError out of the
 * whole run. Validation refuses every mismatch it can see; this is the rest.
 */
function holdsOrNot(holds: (facts: Record<string, unknown>) => boolean): (facts: Record<string, unknown>) => boolean {
  return (facts) => {
    try {
      return holds(facts);
    } catch {
      return false;
    }
  };
}

/**
 * The compiled evaluator: each rule's conditions compiled once into a plain
 * function with json-rules-engine's semantics (see compile-conditions.ts).
 */
export function createCompiledEvaluator(rules: readonly Rule[]): SyncRuleEvaluator {
  const compiled = [...rules]
    .filter((r) => r.enabled)
    .sort(compareRules)
    .map((r) => {
      const read = factsRead(r.conditions);
      return {
        id: r.id,
        holds: holdsOrNot(compileConditions(r.conditions)),
        samePerLine: !read.has('line') && !read.has('incident'),
      };
    });
  const evaluateSync = (facts: FactSet): string[] => {
    const out: string[] = [];
    for (const rule of compiled) if (rule.holds(facts as unknown as Record<string, unknown>)) out.push(rule.id);
    return out;
  };
  const evaluateEachSync = (sets: readonly FactSet[]): string[][] => {
    const out: string[][] = [];
    const first = sets[0];
    const known: (boolean | undefined)[] = [];
    for (const facts of sets) {
      const reuse = facts !== first && facts.customer === first?.customer && facts.purchase === first?.purchase;
      const ids: string[] = [];
      for (let r = 0; r < compiled.length; r++) {
        const rule = compiled[r] as (typeof compiled)[number];
        let holds: boolean;
        if (reuse && rule.samePerLine) holds = known[r] as boolean;
        else {
          holds = rule.holds(facts as unknown as Record<string, unknown>);
          if (facts === first) known[r] = holds;
        }
        if (holds) ids.push(rule.id);
      }
      out.push(ids);
    }
    return out;
  };
  return {
    evaluateSync,
    evaluateEachSync,
    evaluate: (facts) => {
      try {
        return Promise.resolve(evaluateSync(facts));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** json-rules-engine, imported once, on first use. */
let jsonRulesEngine: Promise<typeof import('json-rules-engine')> | undefined;

/** A json-rules-engine Engine with these rules, our own path resolver, and no fact replacement in event params. */
async function engineOf(rules: readonly Rule[]): Promise<Engine> {
  const { Engine: EngineClass } = await (jsonRulesEngine ??= import('json-rules-engine'));
  const created = new EngineClass([], {
    allowUndefinedFacts: true,
    allowUndefinedConditions: false,
    replaceFactsInEventParams: false,
    pathResolver: cachingPathResolver(),
  });
  for (const rule of rules) {
    // Validated: a top-level tree of plain-path conditions, named conditions resolved.
    created.addRule({
      name: rule.id,
      priority: rule.priority,
      conditions: rule.conditions as never,
      event: { type: 'rx-followup.rule-holds' },
    });
  }
  return created;
}

/**
 * The reference evaluator: one json-rules-engine `Engine`, built once, with our
 * own plain-path resolver (jsonpath-plus is never called) and no fact
 * replacement in event params. Runs are serialised: a json-rules-engine Engine
 * keeps a run status that concurrent runs would trample. json-rules-engine is
 * loaded on the first evaluation, so planners with the compiled evaluator (the
 * default) never load it, nor jsonpath-plus with it.
 */
export function createEngineEvaluator(rules: readonly Rule[]): RuleEvaluator {
  const sorted = [...rules].filter((r) => r.enabled).sort(compareRules);
  const rank = new Map(sorted.map((r, i) => [r.id, i]));
  let engine: Promise<Engine> | undefined;
  const load = (): Promise<Engine> => engineOf(sorted);
  /**
   * A run that throws (an operator meeting a value of the wrong kind) is done again rule by rule, each rule in an
   * engine of its own: a rule whose evaluation throws does not hold, as in the compiled evaluator.
   */
  const alone = new Map<string, Promise<Engine>>();
  const holdsAlone = async (rule: Rule, facts: FactSet): Promise<boolean> => {
    let one = alone.get(rule.id);
    if (one === undefined) {
      one = engineOf([rule]);
      alone.set(rule.id, one);
    }
    try {
      return (await (await one).run({ ...facts })).results.length > 0;
    } catch {
      return false;
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    evaluate(facts) {
      const run = queue.then(async () => {
        engine ??= load();
        let names: string[];
        try {
          names = (await (await engine).run({ ...facts })).results.map((r) => String(r.name));
        } catch {
          names = [];
          for (const rule of sorted) if (await holdsAlone(rule, facts)) names.push(rule.id);
        }
        return names.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
