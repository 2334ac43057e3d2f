import { lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How much of one kind of cache entry a folder keeps: the newest first, until a limit is reached. */
export interface CacheLimits {
  /** Entries written longer ago than this are removed. */
  maxAgeMs: number;
  /** At most this many entries are kept. */
  maxFiles: number;
  /** The entries kept take at most this many bytes together. */
  maxBytes: number;
}

/** The age limit both of the CLI's caches use. */
export const WEEK_MS = 7 * 24 * 3600_000;

/** A temporary file older than this was left by a writer that died (a write takes well under a second). */
export const STALE_TEMPORARY_MS = 10 * 60_000;

interface Found {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Removes from `dir` the entries of one kind (the names `isEntry` accepts) beyond `limits`, newest kept, and the
 * temporaries of that kind (`<entry>.<pid>.tmp`) a writer left behind. `keep`, the entry just written, always stays.
 * Nothing else in the folder is touched: a cache folder may be one the user chose (BULKHEAD_COMPILE_CACHE), with
 * other files in it. Returns the number of files removed; a folder or file that cannot be read or removed is left.
 */
export function pruneCache(
  dir: string,
  isEntry: (name: string) => boolean,
  limits: CacheLimits,
  keep?: string,
  now = Date.now(),
): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const entries: Found[] = [];
  const doomed: string[] = [];
  for (const name of names) {
    const temporary = /^(.+)\.\d+\.tmp$/.exec(name);
    if (!isEntry(temporary ? temporary[1]! : name)) continue;
    const path = join(dir, name);
    let found: Found;
    try {
      // Not through a link: a link or folder named like an entry is not one this cache wrote.
      const stat = lstatSync(path);
      if (!stat.isFile()) continue;
      found = { path, size: stat.size, mtimeMs: stat.mtimeMs };
    } catch {
      continue;
    }
    if (temporary) {
      if (now - found.mtimeMs > STALE_TEMPORARY_MS) doomed.push(path);
    } else if (path !== keep) entries.push(found);
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : 1));
  let files = keep === undefined ? 0 : 1;
  let bytes = keep === undefined ? 0 : sizeOf(keep);
  for (const entry of entries) {
    const fits =
      now - entry.mtimeMs <= limits.maxAgeMs && files < limits.maxFiles && bytes + entry.size <= limits.maxBytes;
    if (fits) {
      files++;
      bytes += entry.size;
    } else doomed.push(entry.path);
  }
  let removed = 0;
  for (const path of doomed) {
    try {
      rmSync(path, { force: true });
      removed++;
    } catch {
      // another process removed or holds it: the next prune tries again
    }
  }
  return removed;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
