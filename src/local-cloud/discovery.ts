import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BulkheadError } from '../core/errors.js';
import { isProcessAlive, readServerRecord } from './store/lock.js';

/** What `findRunningLocalCloud` reports about a server started from a data directory. */
export interface RunningLocalCloud {
  pid: number;
  endpoint: string;
  port: number;
  managementAccountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  startedAt: string;
}

/** The server recorded in `dataDir`, if its process is alive. */
export function findRunningLocalCloud(dataDir: string): RunningLocalCloud | undefined {
  const record = readServerRecord(dataDir);
  if (record === undefined || !isProcessAlive(record.pid)) return undefined;
  return {
    pid: record.pid,
    endpoint: record.endpoint,
    port: record.port,
    managementAccountId: record.managementAccountId,
    credentials: { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey },
    region: record.region,
    startedAt: record.startedAt,
  };
}

/** Deletes the local cloud's state (not the directory). Refuses while a server runs on it. */
export function resetLocalCloud(dataDir: string): void {
  const running = findRunningLocalCloud(dataDir);
  if (running !== undefined) {
    throw new BulkheadError('local-cloud-running', `the local cloud is running (pid ${running.pid}) on ${dataDir}`, {
      hint: 'stop it first with `bulkhead local stop`',
    });
  }
  const files = [
    'state.json',
    'journal.jsonl',
    'api-log.jsonl',
    'api-log.1.jsonl',
    'server.json',
    'server.lock',
    'daemon.log',
  ];
  for (const f of files) rmSync(join(dataDir, f), { force: true });
}
