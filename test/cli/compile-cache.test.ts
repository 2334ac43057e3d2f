import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_CACHE_LIMITS, commandOf, heapFlagsFor } from '../../src/cli/boot.js';

// bin/bulkhead.js starts the bundled CLI with a V8 code cache per command (src/cli/boot.ts): the built CLI is run
// for real, with BULKHEAD_COMPILE_CACHE pointing at a folder of its own.
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'bulkhead.js');

function run(args: string[], cache: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BULKHEAD_COMPILE_CACHE: cache, NO_COLOR: '1' },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('the compile cache', () => {
  it('is written once per command, then read, and gives the same output', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulkhead-cc-')), 'cache');
    const first = run(['--help'], dir);
    expect(first.status).toBe(0);
    const written = files(dir);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^[0-9a-f]{16}-default\.bin$/);
    const path = join(dir, written[0]!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const before = statSync(path).mtimeMs;
    const second = run(['--help'], dir);
    expect(second).toEqual(first);
    expect(statSync(path).mtimeMs).toBe(before); // accepted by V8: not written again
    expect(run(['--version'], dir).status).toBe(0);
    expect(run(['validate', '--help'], dir).status).toBe(0);
    expect(files(dir).map((f) => f.replace(/^[0-9a-f]+-/, ''))).toEqual(['default.bin', 'validate.bin']);
  });

  it('runs code that imports one of Node’s modules on demand, from the cache too', () => {
    // V8 drops a script's dynamic import() handler when it comes from a cache: the bundle has none left.
    const base = mkdtempSync(join(tmpdir(), 'bulkhead-cc-'));
    for (const round of [1, 2]) {
      const out = join(base, `schema-${round}.json`);
      const r = run(['schema', '--out', out], join(base, 'cache'));
      expect(r.status, r.err).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('$schema');
    }
  });

  it('replaces a cache V8 refuses (another build, a damaged file) and still runs the command', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulkhead-cc-')), 'cache');
    expect(run(['--help'], dir).status).toBe(0);
    const path = join(dir, files(dir)[0]!);
    writeFileSync(path, 'not bytecode');
    const again = run(['--help'], dir);
    expect(again.status).toBe(0);
    expect(again.out).toContain('Usage: bulkhead');
    expect(readFileSync(path).length).toBeGreaterThan(100_000); // bytecode again
    const rewritten = statSync(path).mtimeMs;
    expect(run(['--help'], dir).status).toBe(0);
    expect(statSync(path).mtimeMs).toBe(rewritten); // and V8 takes it
  });

  it('does not run a cache others could have written (a shared folder), and replaces it with its own', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulkhead-cc-')), 'cache');
    expect(run(['--help'], dir).status).toBe(0);
    const path = join(dir, files(dir)[0]!);
    chmodSync(path, 0o666);
    const planted = statSync(path).mtimeMs;
    expect(run(['--help'], dir).status).toBe(0);
    expect(statSync(path).mtimeMs).not.toBe(planted); // not taken: compiled afresh and written again
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('is not written with BULKHEAD_COMPILE_CACHE=off, and a folder that cannot be written costs nothing but time', () => {
    const base = mkdtempSync(join(tmpdir(), 'bulkhead-cc-'));
    const off = run(['--help'], 'off');
    expect(off.status).toBe(0);
    expect(files(base)).toEqual([]);
    // A folder that cannot be made (a file stands in its way; root can write anywhere else).
    const blocker = join(base, 'a-file');
    writeFileSync(blocker, '');
    const r = run(['validate', '--help'], join(blocker, 'cache'));
    expect(r.status).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Usage: bulkhead validate');
  });

  it('is taken by V8 for apply too, which runs with heap flags of its own', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulkhead-cc-')), 'cache');
    expect(run(['apply', '--help'], dir).status).toBe(0);
    const path = join(dir, files(dir)[0]!);
    expect(path).toMatch(/-apply\.bin$/);
    const written = statSync(path).mtimeMs;
    expect(run(['apply', '--help'], dir).status).toBe(0);
    expect(statSync(path).mtimeMs).toBe(written); // not refused (V8 checks the flags a cache was made under)
    expect(heapFlagsFor('apply')).toContain('--heap-growing-percent=');
    expect(heapFlagsFor('validate')).not.toContain('--heap-growing-percent=');
  });

  it("prunes other builds' caches beyond its limits when it writes one, and nothing else in the folder", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulkhead-cc-')), 'cache');
    mkdirSync(dir);
    const hourAgo = (h: number) => (Date.now() - h * 3600_000) / 1000;
    // Older builds' caches, one more than the limit, each an hour older than the last; one from last month.
    const old = Array.from(
      { length: COMPILE_CACHE_LIMITS.maxFiles },
      (_, i) => `${i.toString(16).padStart(16, '0')}-apply.bin`,
    );
    old.forEach((name, i) => {
      writeFileSync(join(dir, name), 'old bytecode', { mode: 0o600 });
      utimesSync(join(dir, name), hourAgo(i + 1), hourAgo(i + 1));
    });
    writeFileSync(join(dir, 'ffffffffffffffff-plan.bin'), 'old', { mode: 0o600 });
    utimesSync(join(dir, 'ffffffffffffffff-plan.bin'), hourAgo(24 * 30), hourAgo(24 * 30));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    utimesSync(join(dir, 'notes.txt'), hourAgo(24 * 30), hourAgo(24 * 30));
    expect(run(['--help'], dir).status).toBe(0);
    const left = files(dir);
    const written = left.find((f) => f.endsWith('-default.bin'))!;
    // The new one, the newest old ones up to the limit, and the file that is not a cache.
    const kept = old.slice(0, COMPILE_CACHE_LIMITS.maxFiles - 1);
    expect(left).toEqual([...kept, written, 'notes.txt'].sort());
  });

  it('names caches by the command, not by values the user typed', () => {
    expect(commandOf(['apply', '-f', 'org.yaml'])).toBe('apply');
    expect(commandOf(['--json', 'plan'])).toBe('plan');
    expect(commandOf(['--help'])).toBe('default');
    expect(commandOf(['../../etc/passwd'])).toBe('default');
    expect(commandOf(['Apply'])).toBe('default');
  });
});
