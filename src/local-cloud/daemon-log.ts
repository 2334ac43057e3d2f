import { closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openPrivate } from './store/private-files.js';

export const DAEMON_LOG = 'daemon.log';

/**
 * Appends a line to `daemon.log` in the data directory: where a detached server's stderr goes too,
 * so what the server noticed about its own state (a torn journal repaired) is found in one place.
 */
export function daemonLog(dataDir: string, message: string): void {
  const fd = openPrivate(join(dataDir, DAEMON_LOG), 'a');
  try {
    writeSync(fd, `${new Date().toISOString()} ${message}\n`);
  } finally {
    closeSync(fd);
  }
}
