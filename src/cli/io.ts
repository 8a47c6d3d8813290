/**
 * What a command reads and writes: the process's streams, environment and clock when run as `rx-followup`, a test's
 * when run in-process (`runCli`). Commands never reach for `process.*` themselves.
 */
import type { Readable, Writable } from 'node:stream';

/** An output stream, and whether it is a terminal (progress lines and colours only then). */
export type CliOutput = Writable & { readonly isTTY?: boolean | undefined };

export interface CliIo {
  /** `--input -` reads it. */
  readonly stdin: Readable;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** `LC_ALL` / `LANG` (the locale), `NO_COLOR`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock: read only for a default `--as-of` (and the day `lint` and `diff` check calendars against). */
  readonly now: () => number;
}
