/** Misspelt keys in a rule file, said once, at the key, with the key they were meant to be. */
import { zodError } from '../schema/zod-issues.js';
import { nearest } from '../_lib/nearest.js';
import type { toIssues } from '../schema/parse-input.js';

type ZodIssue = Parameters<typeof toIssues>[0][number];

/**
 * zod's issues, with a misspelt key said once, at the key, with the key it meant: zod reports an unknown key at the
 * object and a missing one at its place ("Unrecognized key: tolerence" and "tolerance: expected string"); a key that
 * is one or two edits from a missing one becomes `unknown key "tolerence": did you mean "tolerance"?`.
 */
export function withTypos(issues: readonly ZodIssue[], json: unknown): ZodIssue[] {
  const at = (path: readonly PropertyKey[]): unknown => {
    let v: unknown = json;
    for (const key of path)
      v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
    return v;
  };
  const consumed = new Set<ZodIssue>();
  const out: ZodIssue[] = [];
  // Type issues by the object they are in, looked up once per unknown-keys issue (linear however many issues).
  const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('\u0000');
  const byParent = new Map<string, ZodIssue[]>();
  for (const m of issues) {
    if (m.code !== 'invalid_type' || m.path.length === 0) continue;
    const key = pathKey(m.path.slice(0, -1));
    const list = byParent.get(key);
    if (list) list.push(m);
    else byParent.set(key, [m]);
  }
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = at(issue.path);
    if (parent === null || typeof parent !== 'object') continue;
    const depth = issue.path.length;
    // The keys zod says are missing here: required, and absent from the object.
    const missing = (byParent.get(pathKey(issue.path)) ?? []).filter(
      (m) => !Object.prototype.hasOwnProperty.call(parent, m.path[depth] as PropertyKey),
    );
    const left: string[] = [];
    for (const key of issue.keys) {
      const meant = nearest(
        key,
        missing.map((m) => String(m.path[depth])),
      );
      const mate = missing.find((m) => String(m.path[depth]) === meant && !consumed.has(m));
      if (mate === undefined) {
        left.push(key);
        continue;
      }
      consumed.add(mate);
      out.push({
        ...issue,
        path: [...issue.path, key],
        message: zodError('key-unknown', { key, ...(meant === undefined ? {} : { suggestion: meant }) }),
      });
    }
    if (left.length < issue.keys.length) {
      consumed.add(issue);
      if (left.length > 0) out.push({ ...issue, keys: left, message: zodError('keys-unknown', { keys: left }) });
    }
  }
  return [...issues.filter((i) => !consumed.has(i)), ...out];
}
