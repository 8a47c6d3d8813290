/** Reading a file that someone named: a regular file only, never blocking on a FIFO, at most so many bytes. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The bytes of a regular file (a FIFO, device, socket or folder is refused, and is never opened in a way that could
 * block), at most `maxBytes` actually read; or what stops it, in words (nothing of the file is echoed).
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer; the handle is refused below as not a regular file.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, message: 'is a folder, not a file' };
    if (!info.isFile()) return { ok: false, message: 'is not a regular file (a device, FIFO or socket): not read' };
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(64 * 1024, maxBytes + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (size > maxBytes) return { ok: false, message: `the file is larger than ${maxBytes} bytes` };
    }
    return { ok: true, bytes: Buffer.concat(chunks, size) };
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A file system error in words, without the OS's own text. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder (or a symbolic link to nothing)';
    case 'ELOOP':
      return 'symbolic links that loop: not read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a rule file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
  }
}
