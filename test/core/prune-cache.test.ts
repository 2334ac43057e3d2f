import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCache, STALE_TEMPORARY_MS } from '../../src/core/prune-cache.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const HOUR = 3600_000;
const isEntry = (name: string) => /^e-\d+\.bin$/.test(name);
const roomy = { maxAgeMs: 100 * HOUR, maxFiles: 100, maxBytes: 1 << 20 };

/** A folder with the files named, each `bytes` long and written `hoursAgo` before NOW. */
function folder(files: Record<string, { hoursAgo: number; bytes?: number }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-prune-'));
  for (const [name, f] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, Buffer.alloc(f.bytes ?? 10));
    const at = (NOW - f.hoursAgo * HOUR) / 1000;
    utimesSync(path, at, at);
  }
  return dir;
}

const left = (dir: string) => readdirSync(dir).sort();

describe('pruneCache', () => {
  it('removes entries older than the age limit and keeps the rest', () => {
    const dir = folder({ 'e-1.bin': { hoursAgo: 1 }, 'e-2.bin': { hoursAgo: 30 }, 'e-3.bin': { hoursAgo: 200 } });
    expect(pruneCache(dir, isEntry, { ...roomy, maxAgeMs: 24 * HOUR }, undefined, NOW)).toBe(2);
    expect(left(dir)).toEqual(['e-1.bin']);
  });

  it('keeps the newest entries up to the count limit, counting the one just written', () => {
    const dir = folder({
      'e-1.bin': { hoursAgo: 4 },
      'e-2.bin': { hoursAgo: 1 },
      'e-3.bin': { hoursAgo: 3 },
      'e-4.bin': { hoursAgo: 2 },
      'e-9.bin': { hoursAgo: 50 },
    });
    // e-9 is the entry just written (its time does not matter): it stays, and two others with it.
    pruneCache(dir, isEntry, { ...roomy, maxFiles: 3 }, join(dir, 'e-9.bin'), NOW);
    expect(left(dir)).toEqual(['e-2.bin', 'e-4.bin', 'e-9.bin']);
  });

  it('keeps the newest entries that fit in the byte limit', () => {
    const dir = folder({
      'e-1.bin': { hoursAgo: 1, bytes: 400 },
      'e-2.bin': { hoursAgo: 2, bytes: 400 },
      'e-3.bin': { hoursAgo: 3, bytes: 100 },
      'e-4.bin': { hoursAgo: 4, bytes: 400 },
    });
    pruneCache(dir, isEntry, { ...roomy, maxBytes: 1000 }, undefined, NOW);
    expect(left(dir)).toEqual(['e-1.bin', 'e-2.bin', 'e-3.bin']);
  });

  it("removes a dead writer's temporary, not one being written, and only of its own kind", () => {
    const staleHours = STALE_TEMPORARY_MS / HOUR + 1;
    const dir = folder({
      'e-1.bin.4242.tmp': { hoursAgo: staleHours },
      'e-2.bin.4343.tmp': { hoursAgo: 0 },
      'other.bin.4444.tmp': { hoursAgo: staleHours },
      'e-3.bin': { hoursAgo: 0 },
    });
    expect(pruneCache(dir, isEntry, roomy, undefined, NOW)).toBe(1);
    expect(left(dir)).toEqual(['e-2.bin.4343.tmp', 'e-3.bin', 'other.bin.4444.tmp']);
  });

  it('leaves every other file of the folder alone, however old, and folders named like entries', () => {
    const dir = folder({
      'notes.txt': { hoursAgo: 9000 },
      'e-x.bin': { hoursAgo: 9000 },
      'e-1.bin': { hoursAgo: 9000 },
    });
    mkdirSync(join(dir, 'e-2.bin'));
    expect(pruneCache(dir, isEntry, { ...roomy, maxAgeMs: HOUR }, undefined, NOW)).toBe(1);
    expect(left(dir)).toEqual(['e-2.bin', 'e-x.bin', 'notes.txt']);
  });

  it('leaves a link named like an entry, and what it points to', () => {
    const outside = folder({ 'precious.txt': { hoursAgo: 9000 } });
    const dir = folder({ 'e-1.bin': { hoursAgo: 9000 } });
    symlinkSync(join(outside, 'precious.txt'), join(dir, 'e-2.bin'));
    expect(pruneCache(dir, isEntry, { ...roomy, maxAgeMs: HOUR }, undefined, NOW)).toBe(1);
    expect(left(dir)).toEqual(['e-2.bin']);
    expect(readFileSync(join(outside, 'precious.txt')).length).toBe(10);
  });

  it('does nothing for a folder that is not there', () => {
    expect(pruneCache(join(tmpdir(), 'bulkhead-prune-missing', 'x'), isEntry, roomy, undefined, NOW)).toBe(0);
  });
});
