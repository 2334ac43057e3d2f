import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BulkheadError } from '../../core/errors.js';

export const LOCK_FILE = 'server.lock';
export const SERVER_FILE = 'server.json';

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory's lock: a file created exclusively holding our pid. A lock left by a
 * dead process is taken over; a live holder (including another server in this process) refuses.
 */
export function acquireLock(dataDir: string, token: string): void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, token, since: new Date().toISOString() }));
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = readPid(path);
      if (pid !== undefined && isProcessAlive(pid)) {
        throw new BulkheadError(
          'local-cloud-locked',
          `the local cloud data directory ${dataDir} is in use by process ${pid}`,
          {
            hint: 'stop it with `bulkhead local stop`, or pass another --data directory',
          },
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new BulkheadError('local-cloud-locked', `could not take the lock in ${dataDir}`);
}

export function releaseLock(dataDir: string, token: string): void {
  const path = join(dataDir, LOCK_FILE);
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { token?: unknown };
    if (parsed.token === token) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

/** What a running server writes so that `status`, `stop` and library callers can find it. */
export interface ServerRecord {
  pid: number;
  port: number;
  host: string;
  endpoint: string;
  region: string;
  managementAccountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  startedAt: string;
}

export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  const path = join(dataDir, SERVER_FILE);
  // It holds the admin secret, hence owner-only; written then renamed so readers never see half of it.
  writeFileSync(`${path}.tmp`, JSON.stringify(record, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function readServerRecord(dataDir: string): ServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8')) as ServerRecord;
  } catch {
    return undefined;
  }
}

export function removeServerRecord(dataDir: string, pid: number): void {
  const record = readServerRecord(dataDir);
  if (record?.pid === pid) rmSync(join(dataDir, SERVER_FILE), { force: true });
}
