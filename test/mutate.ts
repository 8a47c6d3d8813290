/** Mutations of valid JSON documents (rule sets, inputs), shared by the fuzzing and the fast-validator tests. */
import fc from 'fast-check';

export type Json = unknown;

/**
 * A copy of `value` with one node (picked by `pick`) replaced, deleted or given a junk key; or, as JavaScript
 * callers can, emptied into a hole of its list (`delete list[i]`).
 */
export function mutate(value: Json, pick: number, action: 'replace' | 'delete' | 'add' | 'hole', junk: Json): Json {
  const copy = structuredClone(value);
  const nodes: { parent: Record<string | number, Json> | Json[]; key: string | number }[] = [];
  const walk = (node: Json): void => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      nodes.push({ parent: node as Record<string, Json>, key });
      walk((node as Record<string | number, Json>)[key]);
    }
  };
  walk(copy);
  const target = nodes[pick % Math.max(nodes.length, 1)];
  if (!target) return junk;
  const parent = target.parent as Record<string | number, Json>;
  if (action === 'hole') delete parent[target.key];
  else if (action === 'replace') parent[target.key] = junk;
  else if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(target.key), 1);
    else delete parent[target.key];
  } else {
    const child = parent[target.key];
    if (child !== null && typeof child === 'object' && !Array.isArray(child))
      (child as Record<string, Json>)['zz_junk'] = junk;
    else parent[target.key] = [child, junk];
  }
  return copy;
}

export const arbMutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const, 'hole' as const),
  junk: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      'P3',
      '-P1D',
      '25:00',
      '2026-02-30',
      '$..x',
      'Asia/Nowhere',
      Number.POSITIVE_INFINITY,
      -0,
      '',
      undefined,
      null,
    ),
  ),
});
