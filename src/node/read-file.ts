/** Reading a file that someone named: a regular file only, never blocking on a FIFO, at most so many bytes. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { TextCoded } from '../i18n/text-issue-codes.js';

/**
 * The bytes of a regular file (a FIFO, device, socket or folder is refused, and is never opened in a way that could
 * block), at most `maxBytes` actually read; or what stops it, in words (nothing of the file is echoed).
 */
export async function readRegularFile(
  file: string,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: TextCoded }> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer; the handle is refused below as not a regular file.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, problem: describeFsError(error) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, problem: { code: 'file-is-folder', params: { what: 'file' } } };
    if (!info.isFile()) return { ok: false, problem: { code: 'file-not-regular', params: {} } };
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(64 * 1024, maxBytes + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (size > maxBytes) return { ok: false, problem: { code: 'file-too-large', params: { max: maxBytes } } };
    }
    return { ok: true, bytes: Buffer.concat(chunks, size) };
  } catch (error) {
    return { ok: false, problem: describeFsError(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A file system error by code, without the OS's own text. */
export function describeFsError(error: unknown): TextCoded {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return { code: 'file-missing', params: {} };
    case 'ELOOP':
      return { code: 'file-loop', params: {} };
    case 'EACCES':
    case 'EPERM':
      return { code: 'file-permission', params: {} };
    case 'EISDIR':
      return { code: 'file-is-folder', params: { what: 'rule-file' } };
    case 'ENOTDIR':
      return { code: 'file-path-not-folder', params: {} };
    default:
      return { code: 'file-unreadable', params: { code: typeof code === 'string' ? code : 'unknown error' } };
  }
}
