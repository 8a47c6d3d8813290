/**
 * Keys of an input that are not fields but look like one: `occupaton`, `do_not_call`, `StoreId`. Unknown keys are
 * ignored (an export's extra columns), so such a key loses its value without a word — an accountant's blackout, a
 * customer's do-not-call. The fields are read off the input schema's objects once; other unknown keys say nothing.
 */
import type { z } from 'zod';
import { explain, type Explanation } from '../i18n/explanation.js';

/** A key that looks like a field of its object: where it is, and the field it looks like. */
export interface NearMiss {
  readonly path: string;
  readonly field: string;
}

/** The fields of one object of the schema, and the objects (or lists of objects) some of them hold. */
interface Fields {
  readonly names: readonly string[];
  /** Each name as {@link looseName} makes it, in the same order. */
  readonly loose: readonly string[];
  /** Each name to the fields of the object (or objects) it holds, or `null` when it holds none: one lookup a key. */
  readonly nested: ReadonlyMap<string, Fields | null>;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The fields of the object a schema describes, through optional, nullable, list, union and pipe wrappers. */
export function fieldsOf(schema: z.ZodType): Fields | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const names = Object.keys(def.shape ?? {});
      const nested = new Map<string, Fields | null>();
      for (const name of names)
        nested.set(name, fieldsOf((def.shape as Record<string, z.ZodType>)[name] as z.ZodType) ?? null);
      return { names, loose: names.map(looseName), nested };
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return fieldsOf(def.innerType as z.ZodType);
    case 'array':
      return fieldsOf(def.element as z.ZodType);
    case 'pipe':
      return fieldsOf(def.in as z.ZodType);
    case 'union':
      for (const option of def.options ?? []) {
        const fields = fieldsOf(option);
        if (fields !== undefined) return fields;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A name without case or separators: `do_not_call`, `Do-Not-Call` and `doNotCall` are one. */
const looseName = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');

/** Keys longer than this are not taken for a field (the longest field name has 19 characters). */
const MAX_KEY = 40;
/** Unknown keys looked at per input, however many it has: the walk stays bounded. */
const MAX_LOOKED_AT = 1_000;

/** Whether `a` becomes `b` by at most one edit (a letter added, dropped, changed, or two swapped). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The field an unknown key looks like, if one: the same loosely, or one edit from it (keys of 4 or more letters). */
function lookalike(key: string, fields: Fields): string | undefined {
  if (key.length > MAX_KEY) return undefined;
  const loose = looseName(key);
  for (let i = 0; i < fields.loose.length; i++) {
    const name = fields.loose[i] as string;
    if (loose === name || (loose.length >= 4 && oneEditApart(loose, name))) return fields.names[i];
  }
  return undefined;
}

/** `customer.contact.doNotCall`, `purchase.items[1].quantity`. */
function pathOf(segments: readonly (string | number)[]): string {
  let path = '';
  for (const s of segments) path += typeof s === 'number' ? `[${s}]` : path === '' ? s : `.${s}`;
  return path;
}

/** The near misses of an input (already validated) against `fields`, in the input's key order. */
export function nearMisses(input: unknown, fields: Fields): NearMiss[] {
  const walk: Walk = { out: [], at: [], looked: 0 };
  walkFields(input, fields, walk);
  return walk.out;
}

/** A walk over an input: the near misses found, where it is (segments, joined only for a near miss), keys looked at. */
interface Walk {
  readonly out: NearMiss[];
  readonly at: (string | number)[];
  looked: number;
}

/** Walks `value` against the fields it may have (`here`), noting each key that is not one but looks like one. */
function walkFields(value: unknown, here: Fields, walk: Walk): void {
  const { at } = walk;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walkFields(value[i], here, walk);
      at.pop();
    }
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  for (const key of Object.keys(value)) {
    const nested = here.nested.get(key);
    if (nested === null) continue;
    if (nested !== undefined) {
      at.push(key);
      walkFields((value as Record<string, unknown>)[key], nested, walk);
      at.pop();
    } else if (walk.looked++ < MAX_LOOKED_AT) {
      const field = lookalike(key, here);
      if (field !== undefined) walk.out.push({ path: pathOf([...at, key]), field });
    }
  }
}

/** The near misses of an input as plan (or worklist) warnings; `prefix` goes before each path (`options.`). */
export function nearMissWarnings(input: unknown, fields: Fields | undefined, prefix = ''): Explanation[] {
  if (fields === undefined) return [];
  return nearMisses(input, fields).map((m) =>
    explain('warning.unknown-field', { path: `${prefix}${m.path}`, field: m.field }),
  );
}
