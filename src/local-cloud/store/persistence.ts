import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  ftruncateSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Mutation } from './state.js';
import type { Store } from './store.js';

const SNAPSHOT = 'state.json';
const JOURNAL = 'journal.jsonl';

/**
 * Durable state: a snapshot written atomically (temp file, fsync, rename, fsync of the directory)
 * plus an append-only journal of acknowledged mutations, fsynced before the request is answered.
 * Journal entries are whole records, so replaying an entry already in the snapshot is harmless.
 */
export class Persistence {
  private journalFd: number;
  private journalLines = 0;

  constructor(
    private readonly dataDir: string,
    private readonly snapshotEvery = 2000,
  ) {
    this.journalFd = openSync(join(dataDir, JOURNAL), 'a');
  }

  /** Loads the snapshot and replays the journal into `store`. A torn last line (a crash mid-write, never acknowledged) is ignored. */
  load(store: Store): void {
    const snapPath = join(this.dataDir, SNAPSHOT);
    if (existsSync(snapPath)) {
      store.load(JSON.parse(readFileSync(snapPath, 'utf8')) as Record<string, [string, unknown][]>);
    }
    const journalPath = join(this.dataDir, JOURNAL);
    const text = readFileSync(journalPath, 'utf8');
    const lines = text.split('\n');
    for (const line of lines) {
      if (line === '') continue;
      let entry: Mutation[];
      try {
        entry = JSON.parse(line) as Mutation[];
      } catch {
        break; // a torn tail: it was never acknowledged
      }
      for (const m of entry) store.apply(m);
      this.journalLines++;
    }
  }

  /** Appends one batch of mutations and fsyncs it. Returns once the data is on disk. */
  commit(mutations: Mutation[], store: Store): void {
    if (mutations.length === 0) return;
    writeSync(this.journalFd, `${JSON.stringify(mutations)}\n`);
    fsyncSync(this.journalFd);
    this.journalLines++;
    if (this.journalLines >= this.snapshotEvery) this.snapshot(store);
  }

  /** Writes a full snapshot atomically, then empties the journal. */
  snapshot(store: Store): void {
    const path = join(this.dataDir, SNAPSHOT);
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(store.dump()));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    fsyncDir(this.dataDir);
    ftruncateSync(this.journalFd, 0);
    fsyncSync(this.journalFd);
    this.journalLines = 0;
  }

  close(store: Store): void {
    this.snapshot(store);
    closeSync(this.journalFd);
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
