/**
 * Where each value of a JSON text starts: a small position-recording JSON
 * scanner, so validation issues can point at `file:line:column`.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Positions by dotted path (`rules[2].event.params.offsets[0]`); the root is `''`. */
export type PositionMap = ReadonlyMap<string, Position>;

const IDENT = /^[A-Za-z_$][\w$-]*$/;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENT.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Maps every value of `text` (valid JSON) to the line and column where it starts. */
export function locateJson(text: string): PositionMap {
  const positions = new Map<string, Position>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      i++;
    }
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    positions.set(path, here());
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyAt = here();
        const key = readString();
        positions.set(`${childPath(path, key)}#key`, keyAt);
        skipSpace();
        i++; // ':'
        value(childPath(path, key));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // '}'
        return;
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value(childPath(path, index));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // ']'
        return;
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  value('');
  return positions;
}

/**
 * The position an issue path should point at: the value itself, or for an
 * unknown key (`Unrecognized key: "x"`) the key, or else the nearest
 * enclosing value that exists.
 */
export function positionOf(positions: PositionMap, path: string, message = ''): Position | undefined {
  const unknownKey = /Unrecognized keys?: "([^"]+)"/.exec(message);
  if (unknownKey?.[1] !== undefined) {
    const key = positions.get(`${childPath(path, unknownKey[1])}#key`);
    if (key) return key;
  }
  let p = path;
  for (;;) {
    const found = positions.get(p);
    if (found) return found;
    if (p === '') return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}
