import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * A cache file's bytes, only if this user could have written it and nobody else could have: a regular file owned by
 * this user that neither its group nor others may write. A cache folder that
 * others can write (BULKHEAD_COMPILE_CACHE pointed at a shared folder) then cannot hand this process bytecode or a
 * validated spec planted by someone else. The file is checked through the descriptor it is read from, so it cannot
 * be swapped between the check and the read. Undefined for anything else, and for a file that cannot be read.
 * Where there are no user ids (Windows), only the file's kind is checked.
 */
export function readOwnFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const uid = process.getuid?.();
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
