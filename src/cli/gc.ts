/**
 * A full garbage collection, on demand. V8 lets the heap grow to a few times what is live before it collects: a
 * command that reads a chain's plans store by store calls this between stores, so that its peak memory follows one
 * store. (Engine-specific: `gc` is exposed by a V8 flag, and taken from a fresh context.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
