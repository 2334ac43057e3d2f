import { spawn } from 'node:child_process';
import { closeSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BulkheadError } from '../core/errors.js';
import type { LocalCloudOptions } from './config.js';
import type { RunningLocalCloud } from './discovery.js';
import { findRunningLocalCloud } from './discovery.js';
import { DAEMON_LOG } from './daemon-log.js';
import { isProcessAlive } from './store/lock.js';
import { ensurePrivateDir, openPrivate } from './store/private-files.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts the local cloud in a detached background process and waits until it serves. */
export async function startDetachedLocalCloud(
  options: LocalCloudOptions,
  timeoutMs = 10_000,
): Promise<RunningLocalCloud> {
  const dataDir = resolve(options.dataDir);
  const already = findRunningLocalCloud(dataDir);
  if (already !== undefined) {
    throw new BulkheadError(
      'local-cloud-locked',
      `the local cloud is already running on ${dataDir} (pid ${already.pid}, ${already.endpoint})`,
      {
        hint: 'use `bulkhead local status` to see it, or `bulkhead local stop` first',
      },
    );
  }
  const daemon = fileURLToPath(new URL('./daemon.js', import.meta.url));
  if (!existsSync(daemon))
    throw new BulkheadError('local-cloud-daemon', `cannot find the local cloud daemon at ${daemon}`, {
      source: 'internal',
      hint: 'run `npm run build`',
    });
  ensurePrivateDir(dataDir);
  const logPath = join(dataDir, DAEMON_LOG);
  const log = openPrivate(logPath, 'a');
  const child = spawn(process.execPath, [daemon, JSON.stringify({ ...options, dataDir })], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const running = findRunningLocalCloud(dataDir);
    if (running !== undefined && running.pid === pid) return running;
    if (pid === undefined || !isProcessAlive(pid)) break;
    await sleep(50);
  }
  const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n').slice(-3).join('\n') : '';
  throw new BulkheadError(
    'local-cloud-start-failed',
    `the local cloud did not start${tail === '' ? '' : `: ${tail}`}`,
    { hint: `see ${logPath}` },
  );
}

/** Stops the server recorded in `dataDir` (SIGTERM, then waits). Returns false when none was running. */
export async function stopLocalCloud(dataDir: string, timeoutMs = 10_000): Promise<boolean> {
  const running = findRunningLocalCloud(dataDir);
  if (running === undefined) return false;
  if (running.pid === process.pid) {
    throw new BulkheadError(
      'local-cloud-in-process',
      'the local cloud runs in this process; close it through its handle',
    );
  }
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(running.pid)) return true;
    await sleep(50);
  }
  throw new BulkheadError(
    'local-cloud-stop-timeout',
    `the local cloud (pid ${running.pid}) did not stop within ${timeoutMs} ms`,
  );
}
