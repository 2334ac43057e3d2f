import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync } from 'node:fs';

/** Data files hold secrets (access keys in state.json and journal.jsonl, the admin key in server.json). */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the data directory owner-only, and tightens one that already exists. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Opens (creating it 0600) a data file, and tightens an existing one left more open by an older version. */
export function openPrivate(path: string, flags: string): number {
  const fd = openSync(path, flags, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

/** Tightens an existing data file to owner-only. */
export function tightenFile(path: string): void {
  chmodSync(path, PRIVATE_FILE_MODE);
}
