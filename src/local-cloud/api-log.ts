import { closeSync, fstatSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openPrivate } from './store/private-files.js';

export interface ApiLogEntry {
  time: string;
  requestId: string;
  service: string;
  operation: string;
  account: string | null;
  principal: string | null;
  status: number;
  /** `OK` or the AWS error code. */
  result: string;
  durationMs: number;
}

export const API_LOG = 'api-log.jsonl';
/** The previous log, kept when the current one reaches its size bound. */
export const API_LOG_PREVIOUS = 'api-log.1.jsonl';
/** Default bound of one log file: at most twice this on disk (current + previous). */
export const API_LOG_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Append-only JSONL log of every API call, `api-log.jsonl` in the data directory (0600: it names
 * principals). Bounded: when a line would take it past `maxBytes`, it becomes `api-log.1.jsonl`
 * (replacing the one before) and a new log starts.
 */
export class ApiLog {
  private fd: number;
  private size: number;
  private readonly path: string;

  constructor(
    private readonly dataDir: string,
    private readonly maxBytes = API_LOG_MAX_BYTES,
  ) {
    this.path = join(dataDir, API_LOG);
    this.fd = openPrivate(this.path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(entry: ApiLogEntry): void {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    if (this.size > 0 && this.size + line.length > this.maxBytes) this.rotate();
    try {
      writeSync(this.fd, line);
      this.size += line.length;
    } catch {
      // The API log is a convenience: a full disk must not fail the request it describes.
    }
  }

  private rotate(): void {
    closeSync(this.fd);
    renameSync(this.path, join(this.dataDir, API_LOG_PREVIOUS));
    this.fd = openPrivate(this.path, 'a');
    this.size = 0;
  }

  close(): Promise<void> {
    closeSync(this.fd);
    return Promise.resolve();
  }
}
