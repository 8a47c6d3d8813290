/**
 * Plain property paths (`$.a.b`, `$.a[0]`): the only paths rule files may use.
 * Parsed here, resolved here: jsonpath-plus is never called, so no filter or
 * script expression can ever be evaluated.
 */
import type { Coded } from '../i18n/issue-codes.js';

export type PathSegment = string | number;

// Indexes without leading zeros: json-rules-engine's own resolver reads `[01]` as a property named "01".
const PLAIN_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:0|[1-9]\d{0,3})\])*$/;
const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,4})\]/g;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths a resolver keeps parsed: more than any valid rule set holds (20,000 condition nodes, a path each). */
const MAX_CACHED_PATHS = 20_000;

/** Splits a plain path into segments; `null` when it is not a plain path. */
export function parsePath(path: string): readonly PathSegment[] | null {
  let segments: PathSegment[] | null = null;
  if (path.length <= 200 && PLAIN_PATH.test(path)) {
    segments = [];
    for (const m of path.matchAll(SEGMENT)) {
      if (m[1] !== undefined) segments.push(m[1]);
      else segments.push(Number(m[2]));
    }
    if (segments.some((s) => typeof s === 'string' && FORBIDDEN.has(s))) segments = null;
  }
  return segments;
}

/** Why a path is refused, for validation messages. */
export function describeBadPath(path: string): Coded {
  const leadingZero = /\[(0\d+)\]/.exec(path);
  if (leadingZero) return { code: 'path-leading-zero', params: { path, index: leadingZero[1] as string } };
  return { code: 'path-not-plain', params: { path, expression: /[?()@*]|\.\.|\[\s*['"]/.test(path) } };
}

/**
 * Reads `path` from `value` through own properties only; `undefined` when any
 * step is missing. This is the path resolver both evaluators use.
 */
export function resolvePath(value: unknown, path: string): unknown {
  return resolveSegments(value, parsePath(path));
}

/**
 * {@link resolvePath} with a cache of parsed paths of its own, bounded: for an evaluator that is handed paths as
 * text on every call (json-rules-engine), owned by that evaluator.
 */
export function cachingPathResolver(): (value: unknown, path: string) => unknown {
  const parsed = new Map<string, readonly PathSegment[] | null>();
  return (value, path) => {
    let segments = parsed.get(path);
    if (segments === undefined) {
      segments = parsePath(path);
      if (parsed.size < MAX_CACHED_PATHS) parsed.set(path, segments);
    }
    return resolveSegments(value, segments);
  };
}

/** {@link resolvePath} with the path already parsed (`null`: not a plain path, nothing is read). */
export function resolveSegments(value: unknown, segments: readonly PathSegment[] | null): unknown {
  if (segments === null) return undefined;
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}
