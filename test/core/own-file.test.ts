import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOwnFile } from '../../src/core/own-file.js';

const folder = () => mkdtempSync(join(tmpdir(), 'bulkhead-own-file-'));

describe('readOwnFile', () => {
  it('reads a file of this user that only this user may write', () => {
    const file = join(folder(), 'cache.bin');
    writeFileSync(file, 'bytes', { mode: 0o600 });
    expect(readOwnFile(file)?.toString()).toBe('bytes');
    chmodSync(file, 0o644); // others may read it: still no one else could have written it
    expect(readOwnFile(file)?.toString()).toBe('bytes');
  });

  it('refuses a file its group or anyone may write, a folder, and a file that is not there', () => {
    const dir = folder();
    const file = join(dir, 'cache.bin');
    writeFileSync(file, 'bytes', { mode: 0o600 });
    for (const mode of [0o620, 0o602, 0o666]) {
      chmodSync(file, mode);
      expect(readOwnFile(file)).toBeUndefined();
    }
    mkdirSync(join(dir, 'sub'));
    expect(readOwnFile(join(dir, 'sub'))).toBeUndefined();
    expect(readOwnFile(join(dir, 'missing.bin'))).toBeUndefined();
  });

  // Only root can give a file away; CI runs as root.
  it.runIf(process.getuid?.() === 0)('refuses a file another user owns, even one only its owner may write', () => {
    const file = join(folder(), 'cache.bin');
    writeFileSync(file, 'bytes', { mode: 0o600 });
    chownSync(file, 65534, 65534);
    expect(readOwnFile(file)).toBeUndefined();
  });
});
