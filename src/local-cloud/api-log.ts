import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';

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

/** Append-only JSONL log of every API call, `api-log.jsonl` in the data directory. */
export class ApiLog {
  private readonly stream: WriteStream;
  constructor(dataDir: string) {
    this.stream = createWriteStream(join(dataDir, 'api-log.jsonl'), { flags: 'a' });
  }
  write(entry: ApiLogEntry): void {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
