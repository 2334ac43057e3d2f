import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { ApiLog } from '../../src/local-cloud/api-log.js';
import type { ApiLogEntry } from '../../src/local-cloud/api-log.js';
import { TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import { Persistence } from '../../src/local-cloud/store/persistence.js';
import type { Mutation } from '../../src/local-cloud/store/state.js';
import { Store } from '../../src/local-cloud/store/store.js';
import type { Harness } from './helpers.js';
import { startHarness, tempDataDir } from './helpers.js';

const dirs: string[] = [];
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

async function start(dataDir: string): Promise<Harness> {
  const h = await startHarness({ dataDir });
  running.push(h);
  return h;
}

async function stop(h: Harness): Promise<void> {
  running.splice(running.indexOf(h), 1);
  await h.stop();
}

/** What a power cut would leave of a running server's directory: its files, with a lock owned by no one. */
function crashCopy(from: string): string {
  const to = dir();
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'server.lock'));
  rmSync(join(to, 'server.json'));
  return to;
}

async function ouNames(h: Harness): Promise<string[]> {
  const rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  const ous = await h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
  return (ous.OrganizationalUnits ?? []).map((o) => o.Name ?? '');
}

async function createOu(h: Harness, name: string): Promise<void> {
  const rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }));
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the journal after a torn last record', () => {
  it('keeps the writes acknowledged after the repair through the next crash and restart', async () => {
    const d = dir();
    const first = await start(d);
    await first.org.send(new CreateOrganizationCommand({}));
    await createOu(first, 'Before');
    // A crash mid-append: the last record is cut short, never acknowledged.
    const crashed = crashCopy(d);
    await stop(first);
    appendFileSync(join(crashed, 'journal.jsonl'), '[{"op":"put","table":"ous","key":"torn');

    const second = await start(crashed);
    expect(await ouNames(second)).toEqual(['Before']);
    expect(readFileSync(join(crashed, 'daemon.log'), 'utf8')).toMatch(/journal\.jsonl: removed a torn last record/);
    await createOu(second, 'After'); // acknowledged: it must survive whatever comes next

    const third = await start(crashCopy(crashed)); // a second crash, then a restart
    expect((await ouNames(third)).sort()).toEqual(['After', 'Before']);
  });

  it('refuses a journal damaged before its end, naming the line, rather than dropping what follows', async () => {
    const d = dir();
    const h = await start(d);
    await h.org.send(new CreateOrganizationCommand({}));
    await createOu(h, 'One');
    const crashed = crashCopy(d);
    await stop(h);
    const journal = join(crashed, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, ['{garbage', ...lines].join('\n'));
    await expect(startHarness({ dataDir: crashed })).rejects.toThrow(/journal\.jsonl:1 is not a journal record/);
  });
});

describe('journal appends', () => {
  const put = (key: string): Mutation[] => [
    { op: 'put', table: 'ous', key, value: { id: key, name: key, parentId: 'r-1' } },
  ];

  it('finish a short write', () => {
    const d = dir();
    const p = new Persistence(d, { write: (fd, buf, off, len) => appendChunk(fd, buf, off, Math.min(len, 7)) });
    p.commit(put('ou-short'), new Store(TABLE_NAMES));
    const store = new Store(TABLE_NAMES);
    new Persistence(d).load(store);
    expect(store.get('ous', 'ou-short')?.name).toBe('ou-short');
  });

  it('fail on a full disk without leaving half a record, so later appends are not lost', () => {
    const d = dir();
    let full = true;
    const p = new Persistence(d, {
      write: (fd, buf, off, len) => {
        if (!full) return appendChunk(fd, buf, off, len);
        appendChunk(fd, buf, off, Math.min(len, 10)); // part of it lands, then the disk is full
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    const store = new Store(TABLE_NAMES);
    expect(() => p.commit(put('ou-lost'), store)).toThrow(/ENOSPC/);
    expect(readFileSync(join(d, 'journal.jsonl'), 'utf8')).toBe('');
    full = false;
    p.commit(put('ou-kept'), store);
    const reloaded = new Store(TABLE_NAMES);
    new Persistence(d).load(reloaded);
    expect(reloaded.get('ous', 'ou-kept')?.name).toBe('ou-kept');
    expect(reloaded.get('ous', 'ou-lost')).toBeUndefined();
  });
});

function appendChunk(fd: number, buf: Buffer, off: number, len: number): number {
  return writeSync(fd, buf, off, len);
}

describe('data files holding secrets', () => {
  it('are created 0600 in a 0700 directory', async () => {
    const d = join(dir(), 'fresh');
    const h = await start(d);
    await h.org.send(new CreateOrganizationCommand({}));
    expect(mode(d)).toBe(0o700);
    for (const f of ['journal.jsonl', 'server.json', 'api-log.jsonl'])
      expect([f, mode(join(d, f))]).toEqual([f, 0o600]);
    await stop(h);
    expect(mode(join(d, 'state.json'))).toBe(0o600);
  });

  it('are tightened when an older version left them open', async () => {
    const d = dir();
    await stop(await start(d));
    chmodSync(d, 0o755);
    for (const f of ['journal.jsonl', 'state.json', 'api-log.jsonl']) chmodSync(join(d, f), 0o644);
    await start(d);
    expect(mode(d)).toBe(0o700);
    for (const f of ['journal.jsonl', 'state.json', 'api-log.jsonl']) expect([f, mode(join(d, f))]).toEqual([f, 0o600]);
  });
});

describe('the API log', () => {
  it('is bounded: past its size it becomes api-log.1.jsonl and a new one starts', async () => {
    const d = dir();
    const log = new ApiLog(d, 2000);
    const entry = (n: number): ApiLogEntry => ({
      time: new Date(0).toISOString(),
      requestId: `req-${n}`,
      service: 'iam',
      operation: 'ListRoles',
      account: '111122223333',
      principal: 'arn:aws:iam::111122223333:root',
      status: 200,
      result: 'OK',
      durationMs: 1,
    });
    for (let n = 0; n < 100; n++) log.write(entry(n));
    await log.close();
    const current = join(d, 'api-log.jsonl');
    const previous = join(d, 'api-log.1.jsonl');
    expect(existsSync(previous)).toBe(true);
    expect(statSync(current).size).toBeLessThanOrEqual(2000);
    expect(statSync(previous).size).toBeLessThanOrEqual(2000);
    expect(readFileSync(current, 'utf8').trim().split('\n').at(-1)).toContain('"req-99"');
    expect(mode(previous)).toBe(0o600);
  });
});
