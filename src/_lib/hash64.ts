/** Lower-case hex digits as char codes. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const nibble = (n: number, shift: number): number => HEX_CODES[(n >>> shift) & 15] as number;

/**
 * `prefix` followed by a fast, stable 64-bit hash, as 16 hex digits, of `parts.join('\u0000')` (two independent
 * 32-bit multiply-xorshift lanes over UTF-16 code units), computed without building the joined string. For ids,
 * not for security: the rule-set hash uses SHA-256. Ids must not change between versions: a test pins some.
 */
export function hash64Hex(prefix: string, parts: readonly string[]): string {
  let length = parts.length - 1;
  for (const part of parts) length += part.length;
  let h1 = 0xdeadbeef ^ length;
  let h2 = 0x41c6ce57 ^ length;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      // The '\u0000' between two parts.
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    const text = parts[p] as string;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // h2 then h1, big-endian: one flat string from char codes instead of eight pieces joined.
  return (
    prefix +
    String.fromCharCode(
      nibble(h2, 28),
      nibble(h2, 24),
      nibble(h2, 20),
      nibble(h2, 16),
      nibble(h2, 12),
      nibble(h2, 8),
      nibble(h2, 4),
      nibble(h2, 0),
      nibble(h1, 28),
      nibble(h1, 24),
      nibble(h1, 20),
      nibble(h1, 16),
      nibble(h1, 12),
      nibble(h1, 8),
      nibble(h1, 4),
      nibble(h1, 0),
    )
  );
}
