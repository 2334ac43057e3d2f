import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BulkheadError } from '../../core/errors.js';
import { openPrivate, tightenFile } from './private-files.js';
import type { Mutation } from './state.js';
import type { Store } from './store.js';

export const SNAPSHOT = 'state.json';
export const JOURNAL = 'journal.jsonl';

export interface PersistenceOptions {
  /** Journal lines between snapshots. */
  snapshotEvery?: number;
  /** Where repairs are reported (the daemon log). */
  log?: (message: string) => void;
  /** The write call, replaceable to test short writes and a full disk; `fs.writeSync`'s contract. */
  write?: (fd: number, buffer: Buffer, offset: number, length: number) => number;
}

/**
 * Durable state: a snapshot written atomically (temp file, fsync, rename, fsync of the directory)
 * plus an append-only journal of acknowledged mutations, fsynced before the request is answered.
 * Journal entries are whole records, so replaying an entry already in the snapshot is harmless.
 * Both files hold access keys: they are created 0600 (see private-files.ts).
 */
export class Persistence {
  private readonly journalFd: number;
  private journalLines = 0;
  /** The journal's length in bytes: where the next record starts, and where a failed append is cut back to. */
  private journalSize: number;
  private readonly snapshotEvery: number;
  private readonly log: (message: string) => void;
  private readonly write: NonNullable<PersistenceOptions['write']>;

  constructor(
    private readonly dataDir: string,
    options: PersistenceOptions = {},
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 2000;
    this.log = options.log ?? (() => undefined);
    this.write = options.write ?? ((fd, buffer, offset, length) => writeSync(fd, buffer, offset, length));
    this.journalFd = openPrivate(join(dataDir, JOURNAL), 'a');
    this.journalSize = fstatSync(this.journalFd).size;
  }

  /**
   * Loads the snapshot and replays the journal into `store`. A torn last record (a crash, power cut or
   * full disk mid-append: never acknowledged) is cut off the file, so that the records appended after
   * this start do not follow it on the same line and get lost at the next start. A damaged record
   * that is not the last is refused: dropping what follows would lose acknowledged writes.
   */
  load(store: Store): void {
    const snapPath = join(this.dataDir, SNAPSHOT);
    if (existsSync(snapPath)) {
      tightenFile(snapPath); // a snapshot written by an older version may be world-readable
      store.load(JSON.parse(readFileSync(snapPath, 'utf8')) as Record<string, [string, unknown][]>);
    }
    const journalPath = join(this.dataDir, JOURNAL);
    const data = readFileSync(journalPath);
    let offset = 0;
    let lineNo = 0;
    while (offset < data.length) {
      const end = data.indexOf(0x0a, offset);
      lineNo++;
      if (end < 0) {
        this.cutTornTail(offset, data.length - offset);
        break;
      }
      const line = data.subarray(offset, end).toString('utf8');
      offset = end + 1;
      if (line === '') continue;
      let entry: Mutation[];
      try {
        entry = JSON.parse(line) as Mutation[];
      } catch {
        throw new BulkheadError('local-cloud-state', `${journalPath}:${lineNo} is not a journal record`, {
          source: 'internal',
          hint: 'the journal is damaged before its end; keep a copy of the data directory and run `bulkhead local reset` to start afresh',
        });
      }
      for (const m of entry) store.apply(m);
      this.journalLines++;
    }
  }

  private cutTornTail(at: number, bytes: number): void {
    ftruncateSync(this.journalFd, at);
    fsyncSync(this.journalFd);
    this.journalSize = at;
    this.log(
      `journal.jsonl: removed a torn last record (${bytes} bytes without a line end, never acknowledged: a crash or full disk mid-append); the journal now ends at byte ${at}`,
    );
  }

  /** Appends one batch of mutations, checks it was written whole, and fsyncs it. Returns once the data is on disk. */
  commit(mutations: Mutation[], store: Store): void {
    if (mutations.length === 0) return;
    const record = Buffer.from(`${JSON.stringify(mutations)}\n`, 'utf8');
    try {
      writeAll(this.write, this.journalFd, record);
      fsyncSync(this.journalFd);
    } catch (err) {
      // Never leave half a record behind: the next append would be glued to it.
      try {
        ftruncateSync(this.journalFd, this.journalSize);
      } catch {
        // the load-time repair still cuts it
      }
      throw err;
    }
    this.journalSize += record.length;
    this.journalLines++;
    if (this.journalLines >= this.snapshotEvery) this.snapshot(store);
  }

  /** Writes a full snapshot atomically, then empties the journal. */
  snapshot(store: Store): void {
    const path = join(this.dataDir, SNAPSHOT);
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openPrivate(tmp, 'w');
    try {
      writeAll(this.write, fd, Buffer.from(JSON.stringify(store.dump()), 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    fsyncDir(this.dataDir);
    ftruncateSync(this.journalFd, 0);
    fsyncSync(this.journalFd);
    this.journalSize = 0;
    this.journalLines = 0;
  }

  close(store: Store): void {
    this.snapshot(store);
    closeSync(this.journalFd);
  }
}

/** Writes the whole buffer (a write may be short), or throws. */
function writeAll(write: NonNullable<PersistenceOptions['write']>, fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) {
    const n = write(fd, data, written, data.length - written);
    if (n <= 0) throw new Error(`a write stopped after ${written} of ${data.length} bytes`);
    written += n;
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}
