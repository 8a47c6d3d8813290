/**
 * A fast, stable 64-bit hash, as 16 hex digits, of `parts.join('\u0000')`
 * (two independent 32-bit multiply-xorshift lanes over UTF-16 code units),
 * computed without building the joined string. For ids, not for security: the
 * rule-set hash uses SHA-256. Ids must not change between versions: a test
 * pins some.
 */
export function hash64HexJoined(parts: readonly string[]): string {
  let length = parts.length - 1;
  for (const part of parts) length += part.length;
  const state = { h1: 0xdeadbeef ^ length, h2: 0x41c6ce57 ^ length };
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      // The '\u0000' between two parts.
      state.h1 = Math.imul(state.h1, 2654435761);
      state.h2 = Math.imul(state.h2, 1597334677);
    }
    mix(state, parts[p] as string);
  }
  return finish(state.h1, state.h2);
}

function mix(state: { h1: number; h2: number }, text: string): void {
  let { h1, h2 } = state;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  state.h1 = h1;
  state.h2 = h2;
}

function finish(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number): string => `${HEX[(n >>> 24) & 255]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;
