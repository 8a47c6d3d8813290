/**
 * A zod schema read as a plain function for the common case, a valid value: the function returns what the schema's
 * parse returns, or `undefined` as soon as anything is doubtful — the caller then lets zod parse, and name every
 * problem. It is made from the schema's own definition, so the schema stays the one source of the shape: the
 * containers (objects, arrays, optional, nullable, pipes, unions) and the plain leaves with zod's standard checks
 * (lengths, bounds, whole numbers, patterns, enums) are read here without building zod's result objects; the
 * schema's transforms, custom types and refinements are its own functions, called as zod calls them; any other node
 * (a default, a catch, a string format, a check not known here) is run by zod itself (`_zod.run`, that node alone).
 *
 * Why in _lib: it reads zod 4's definitions (`schema._zod.def`), an engine detail the domain code should not see.
 * A valid input's zod parse was the largest single cost of a plan (several times this reading).
 */
import type { z } from 'zod';

/** A node's reading: its output, or NO (doubtful: zod decides). */
type Read = (value: unknown) => unknown;
const NO: unique symbol = Symbol('no');

/** The parts of zod 4's internals read here (`zod/v4/core`'s `$ZodType._zod`). */
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface Internals {
  def: Def;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  run(payload: Payload, ctx: object): Payload | Promise<Payload>;
  check?(payload: Payload): unknown;
}
interface Node {
  _zod: Internals;
}
interface Def {
  type: string;
  checks?: Node[];
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  innerType?: Node;
  in?: Node;
  out?: Node;
  options?: Node[];
  entries?: Record<string, unknown>;
  values?: unknown[];
  coerce?: boolean;
  transform?: unknown;
  fn?: unknown;
}
interface CheckDef {
  check: string;
  when?: (payload: Payload) => boolean;
  maximum?: number;
  minimum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const CTX = Object.freeze({ async: false });

/**
 * How one schema is being compiled: the path of the node at hand, and (for tests) where to note each node left to
 * zod.
 */
interface Compiling {
  path: string;
  left: string[] | undefined;
}
type Compile = (node: Node, at: Compiling, step?: string) => Read;

/** zod's own run of one node: its output, or NO when it reports a problem (or would need to wait). */
function byZod(node: Node, at: Compiling): Read {
  at.left?.push(`${at.path}: ${node._zod.def.type}`);
  const internals = node._zod;
  return (value) => {
    const result = internals.run({ value, issues: [] }, CTX);
    if (result instanceof Promise || result.issues.length > 0) return NO;
    return result.value;
  };
}

/** A standard check as a predicate, or undefined when it is not one read here. */
function standardCheck(check: Node): ((value: never) => boolean) | undefined {
  const def = check._zod.def as unknown as CheckDef;
  switch (def.check) {
    case 'max_length':
      return (v: { length: number }) => v.length <= (def.maximum as number);
    case 'min_length':
      return (v: { length: number }) => v.length >= (def.minimum as number);
    case 'length_equals':
      return (v: { length: number }) => v.length === def.length;
    case 'greater_than':
      return def.inclusive ? (v: number) => v >= (def.value as number) : (v: number) => v > (def.value as number);
    case 'less_than':
      return def.inclusive ? (v: number) => v <= (def.value as number) : (v: number) => v < (def.value as number);
    case 'number_format':
      return def.format === 'safeint' ? (v: number) => Number.isSafeInteger(v) : undefined;
    case 'string_format':
      return def.format === 'regex' && def.pattern && !def.pattern.global && !def.pattern.sticky
        ? (v: string) => (def.pattern as RegExp).test(v)
        : undefined;
    default:
      return undefined;
  }
}

/** A refinement (`refine`, `superRefine`, `check`) run as zod runs it, on the value read so far. */
function refinement(check: Node): (value: unknown) => boolean {
  const def = check._zod.def as unknown as CheckDef;
  const run = check._zod.check as (payload: Payload) => unknown;
  return (value) => {
    const payload = takePayload(value);
    try {
      if (def.when && !def.when(payload)) return true;
      const returned = run(payload);
      return !(returned instanceof Promise) && payload.issues.length === 0;
    } finally {
      givePayload(payload);
    }
  };
}

/**
 * The checks of a node read here (a cheap test first: the bounds, a length, before the elements); undefined when one
 * is of a kind this file does not read, and then zod runs the whole node.
 */
function checksOf(
  def: Def,
): { before: ((value: never) => boolean)[]; after: ((value: unknown) => boolean)[] } | undefined {
  const before: ((value: never) => boolean)[] = [];
  const after: ((value: unknown) => boolean)[] = [];
  for (const check of def.checks ?? []) {
    const checkDef = check._zod.def as unknown as CheckDef;
    if (checkDef.check === 'custom') {
      after.push(refinement(check));
      continue;
    }
    // A standard check is applied whatever its `when` says (zod's length checks carry one that asks whether the value
    // has a length, as every string and array has): where zod would skip it, reading here is only stricter, and the
    // value goes to zod.
    const standard = standardCheck(check);
    if (standard === undefined) return undefined;
    before.push(standard);
  }
  return { before, after };
}

function passes(tests: readonly ((value: never) => boolean)[], value: unknown): boolean {
  for (let i = 0; i < tests.length; i++) if (!(tests[i] as (value: unknown) => boolean)(value)) return false;
  return true;
}

function leaf(isType: (value: unknown) => boolean, node: Node, at: Compiling): Read {
  const def = node._zod.def;
  const checks = checksOf(def);
  // A node that is a check itself (`z.email()`, `z.uuid()`: a string format) is zod's to read.
  if (checks === undefined || def.coerce || 'check' in def) return byZod(node, at);
  const { before, after } = checks;
  return (value) => (isType(value) && passes(before, value) && passes(after, value) ? value : NO);
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

interface Field {
  key: string;
  read: Read;
  optin: 'optional' | 'defaulted' | undefined;
  optout: 'optional' | undefined;
}

function object(node: Node, at: Compiling, compile: Compile): Read {
  const def = node._zod.def;
  const shape = def.shape as Record<string, Node>;
  const checks = checksOf(def);
  // An object keeping or refusing unknown keys, or with symbol keys, or checks not read here: zod reads it.
  if (def.catchall !== undefined || checks === undefined || Object.getOwnPropertySymbols(shape).length > 0)
    return byZod(node, at);
  const fields: Field[] = Object.keys(shape)
    .filter((key) => key !== '__proto__')
    .map((key) => {
      const el = shape[key] as Node;
      return { key, read: compile(el, at, `.${key}`), optin: el._zod.optin, optout: el._zod.optout };
    });
  const { after } = checks;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return NO;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const { key, read, optin, optout } = fields[i] as Field;
      // zod's handlePropertyResult, for a property without problems (a value read is a key present: `in` asks only
      // about undefined).
      const raw = input[key];
      const present = raw !== undefined || key in input;
      if (!present && optout === 'optional' && optin === 'optional') continue;
      const result = read(raw);
      if (result === NO) {
        if (optin !== undefined && optout === 'optional' && !present) continue;
        return NO;
      }
      if (!present && optin === undefined) return NO;
      if (result !== undefined) out[key] = result;
      else if (present || (optin === 'defaulted' && optout !== 'optional')) out[key] = undefined;
    }
    return passes(after, out) ? out : NO;
  };
}

function array(node: Node, at: Compiling, compile: Compile): Read {
  const def = node._zod.def;
  const checks = checksOf(def);
  if (checks === undefined) return byZod(node, at);
  const element = compile(def.element as Node, at, '[]');
  const { before, after } = checks;
  return (value) => {
    // The length first: a list past its bound is not read element by element.
    if (!Array.isArray(value) || !passes(before, value)) return NO;
    const out: unknown[] = [];
    // An index loop, so a hole is read (as undefined) as zod reads it.
    for (let i = 0; i < value.length; i++) {
      const result = element(value[i]);
      if (result === NO) return NO;
      out.push(result);
    }
    return passes(after, out) ? out : NO;
  };
}

/**
 * A transform's function called as zod calls it (`ZodTransform`'s parse): with the value and a payload whose
 * `addIssue` records a problem; a problem, or a promise, is a doubt.
 */
function transform(def: Def): Read {
  const fn = def.transform as (value: unknown, payload: Payload & { addIssue(issue: unknown): void }) => unknown;
  // A function of the value alone (`(value) => value ?? undefined`) cannot report a problem: called without a payload.
  // (One that reached for a second argument anyway would throw, and a throw is a doubt.)
  if (fn.length < 2)
    return (value) => {
      const out = (fn as (value: unknown) => unknown)(value);
      return out instanceof Promise ? NO : out;
    };
  return (value) => {
    const payload = takePayload(value);
    try {
      const out = fn(value, payload);
      return out instanceof Promise || payload.issues.length > 0 ? NO : out;
    } finally {
      givePayload(payload);
    }
  };
}
function reject(this: Payload, issue: unknown): void {
  this.issues.push(issue);
}

/**
 * The payload a transform or a refinement is called with: one object reused from call to call (most fields of a
 * valid input run a transform; allocating two objects for each was a tenth of the reading), a fresh one when a
 * call is made while the shared one is in use (a transform that reads another schema this way).
 */
type SharedPayload = Payload & { addIssue(issue: unknown): void };
let spare: SharedPayload | null = { value: undefined, issues: [], addIssue: reject };
function takePayload(value: unknown): SharedPayload {
  const payload = spare ?? { value, issues: [], addIssue: reject };
  spare = null;
  payload.value = value;
  return payload;
}
function givePayload(payload: SharedPayload): void {
  payload.value = undefined;
  // A new list only after a problem (setting a list's length is a call into the engine, a valid value has none).
  if (payload.issues.length !== 0) payload.issues = [];
  spare = payload;
}

/** `z.custom(fn)`: the value as it is when `fn` holds of it (zod's `handleRefineResult`), else a doubt. */
function custom(fn: (value: unknown) => unknown): Read {
  return (value) => {
    const ok = fn(value);
    return ok instanceof Promise || !ok ? NO : value;
  };
}

/** A wrapper or a leaf without checks of its own: a wrapper's checks (rare) are left to zod with the wrapper. */
const plain = (node: Node): boolean => (node._zod.def.checks?.length ?? 0) === 0;

function oneOf(values: Set<unknown>, node: Node, at: Compiling): Read {
  return plain(node) ? (value) => (values.has(value) ? value : NO) : byZod(node, at);
}

function optional(node: Node, at: Compiling, compile: Compile): Read {
  const inner = node._zod.def.innerType as Node;
  if (!plain(node) || inner._zod.optin === 'defaulted') return byZod(node, at);
  // `.nullish()` (optional of nullable) in one step: it wraps most optional fields.
  if (inner._zod.def.type === 'nullable' && plain(inner)) {
    const read = compile(inner._zod.def.innerType as Node, at);
    return (value) => (value === undefined ? undefined : value === null ? null : read(value));
  }
  const read = compile(inner, at);
  return (value) => (value === undefined ? undefined : read(value));
}

function nullable(node: Node, at: Compiling, compile: Compile): Read {
  if (!plain(node)) return byZod(node, at);
  const read = compile(node._zod.def.innerType as Node, at);
  return (value) => (value === null ? null : read(value));
}

function pipe(node: Node, at: Compiling, compile: Compile): Read {
  if (!plain(node)) return byZod(node, at);
  const first = compile(node._zod.def.in as Node, at);
  const second = compile(node._zod.def.out as Node, at);
  return (value) => {
    const middle = first(value);
    return middle === NO ? NO : second(middle);
  };
}

/** zod's union: the first option that takes the value. */
function union(node: Node, at: Compiling, compile: Compile): Read {
  if (!plain(node)) return byZod(node, at);
  const options = (node._zod.def.options ?? []).map((option, i) => compile(option, at, `|${i}`));
  return (value) => {
    for (let i = 0; i < options.length; i++) {
      const result = (options[i] as Read)(value);
      if (result !== NO) return result;
    }
    return NO;
  };
}

/** How each kind of zod node is read; a kind not here is run by zod. */
const READERS: Record<string, (node: Node, at: Compiling, compile: Compile) => Read> = {
  string: (node, at) => leaf(isString, node, at),
  number: (node, at) => leaf(isNumber, node, at),
  boolean: (node, at) => leaf(isBoolean, node, at),
  enum: (node, at) => oneOf(new Set(Object.values(node._zod.def.entries ?? {})), node, at),
  literal: (node, at) => oneOf(new Set(node._zod.def.values), node, at),
  object,
  array,
  optional,
  nullable,
  pipe,
  union,
  unknown: (node, at) => (plain(node) ? (value) => value : byZod(node, at)),
  transform: (node, at) => (plain(node) ? transform(node._zod.def) : byZod(node, at)),
  custom: (node, at) =>
    plain(node) && typeof node._zod.def.fn === 'function'
      ? custom(node._zod.def.fn as (value: unknown) => unknown)
      : byZod(node, at),
};

const compileNode: Compile = (node, at, step = '') => {
  const here: Compiling = step === '' ? at : { path: `${at.path}${step}`, left: at.left };
  const reader = Object.hasOwn(READERS, node._zod.def.type) ? READERS[node._zod.def.type] : undefined;
  return reader ? reader(node, here, compileNode) : byZod(node, here);
};

/**
 * The schema's parse result for a value it accepts, or `undefined` when it may not (then parse it with zod to learn
 * why). Never accepts what the schema refuses; a value that throws while read (a getter, a proxy) gives `undefined`.
 */
export function fastReader<S extends z.ZodType>(schema: S): (value: unknown) => z.output<S> | undefined {
  let read: Read | undefined;
  return (value) => {
    // Compiled at the first use, not at import.
    read ??= compileNode(schema as unknown as Node, { path: '', left: undefined });
    try {
      const result = read(value);
      return result === NO ? undefined : (result as z.output<S>);
    } catch {
      // A getter or proxy that throws: zod meets the same input and reports it its own way.
      return undefined;
    }
  };
}

/**
 * The nodes of a schema run by zod itself rather than read here (for tests: a schema of the input should have
 * none), as `path: type`. A container listed is read by zod with everything inside it.
 */
export function nodesLeftToZod(schema: z.ZodType): string[] {
  const left: string[] = [];
  compileNode(schema as unknown as Node, { path: '', left });
  return left;
}
