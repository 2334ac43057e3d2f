import {
  chmodSync,
  chownSync,
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
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { cachedValidation, SPEC_CACHE_LIMITS, storeValidation, type SpecCache } from '../../src/toolkit/spec-cache.js';
import { validate } from '../../src/toolkit/validate.js';

const CASES = join(import.meta.dirname, '..', 'cases');
const BUILD = 'a'.repeat(64);

/** Every org.yaml under test/cases (the valid ones are the round-trip cases). */
function caseSpecs(dir = CASES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? caseSpecs(join(dir, e.name)) : e.name === 'org.yaml' ? [join(dir, e.name)] : [],
  );
}

const freshCache = (): SpecCache => ({
  dir: join(mkdtempSync(join(tmpdir(), 'bulkhead-spec-cache-')), 'c'),
  build: BUILD,
});
const entries = (cache: SpecCache) => readdirSync(cache.dir).filter((f) => f.startsWith('spec-'));

const SPEC = `version: 1
organization:
  name: cached
  homeRegion: us-east-1
  managementAccount: { name: root, email: root@example.com, id: "123456789012" }
include:
  - more.yaml
environments:
  prod: { kind: production }
  dev: { kind: development }
organizationalUnits:
  - name: Workloads
    accounts: [prod, dev]
accounts:
  - { name: prod, email: prod@example.com, environment: prod }
`;
const MORE = `accounts:
  - { name: dev, email: dev@example.com, environment: dev }
`;

function specFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-spec-'));
  writeFileSync(join(dir, 'org.yaml'), SPEC);
  writeFileSync(join(dir, 'more.yaml'), MORE);
  return join(dir, 'org.yaml');
}

describe('the spec cache', () => {
  it('gives back exactly what validation gave, for every valid spec among the cases', async () => {
    const cache = freshCache();
    let valid = 0;
    for (const file of caseSpecs()) {
      const result = await validateSpecFile(file);
      storeValidation(cache, result);
      const cached = cachedValidation(cache, file);
      if (result.model === undefined) {
        expect(cached, file).toBeUndefined(); // invalid specs are not kept
        continue;
      }
      valid++;
      // Maps, nested objects and prototypes alike: the model a plan is made from is the same.
      expect(isDeepStrictEqual(cached, result), file).toBe(true);
    }
    expect(valid).toBeGreaterThanOrEqual(50);
  });

  it('holds while the spec and its includes are unchanged, and no longer once either changes', async () => {
    const file = specFolder();
    const cache = freshCache();
    const first = await validate({ file, cache });
    expect(first.model?.accounts.size).toBe(2);
    expect(entries(cache)).toHaveLength(1);
    expect(cachedValidation(cache, file)).toEqual(first);

    writeFileSync(join(file, '..', 'more.yaml'), MORE.replace('dev@', 'dev2@'));
    expect(cachedValidation(cache, file)).toBeUndefined();
    const edited = await validate({ file, cache });
    expect(edited.model?.accounts.get('dev')?.email).toBe('dev2@example.com');
    expect(cachedValidation(cache, file)).toEqual(edited);

    writeFileSync(file, `${SPEC}# a comment\n`);
    expect(cachedValidation(cache, file)).toBeUndefined();
    // An edit that breaks the spec is reported, never answered from the cache.
    writeFileSync(file, SPEC.replace('environment: prod }', 'environment: nowhere }'));
    const broken = await validate({ file, cache });
    expect(broken.model).toBeUndefined();
    expect(broken.diagnostics.map((d) => d.severity)).toContain('error');
    expect(cachedValidation(cache, file)).toBeUndefined();
  });

  it('is not read by another build, and is read again by its own', async () => {
    const file = specFolder();
    const cache = freshCache();
    await validate({ file, cache });
    expect(cachedValidation({ ...cache, build: 'b'.repeat(64) }, file)).toBeUndefined();
    expect(cachedValidation(cache, file)).toBeDefined();
  });

  it('ignores an entry it cannot read, and is replaced by the next validation', async () => {
    const file = specFolder();
    const cache = freshCache();
    await validate({ file, cache });
    const entry = join(cache.dir, entries(cache)[0]!);
    for (const damage of [Buffer.from('not an entry'), readFileSync(entry).subarray(0, 100), Buffer.alloc(0)]) {
      writeFileSync(entry, damage);
      expect(cachedValidation(cache, file)).toBeUndefined();
      expect((await validate({ file, cache })).model).toBeDefined();
      expect(cachedValidation(cache, file)).toBeDefined();
    }
  });

  it('ignores an entry others could have written (a shared cache folder), and replaces it', async () => {
    const file = specFolder();
    const cache = freshCache();
    await validate({ file, cache });
    const entry = join(cache.dir, entries(cache)[0]!);
    chmodSync(entry, 0o666);
    expect(cachedValidation(cache, file)).toBeUndefined();
    expect((await validate({ file, cache })).model).toBeDefined();
    expect(statSync(entry).mode & 0o777).toBe(0o600);
    expect(cachedValidation(cache, file)).toBeDefined();
    if (process.getuid?.() === 0) {
      chownSync(entry, 65534, 65534); // another user's entry, however private
      expect(cachedValidation(cache, file)).toBeUndefined();
    }
  });

  it('keeps entries 0600 in a 0700 folder, and a folder it cannot write costs nothing but time', async () => {
    const file = specFolder();
    const cache = freshCache();
    await validate({ file, cache });
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache.dir, entries(cache)[0]!)).mode & 0o777).toBe(0o600);

    const blocked = mkdtempSync(join(tmpdir(), 'bulkhead-spec-cache-'));
    writeFileSync(join(blocked, 'c'), 'a file where the folder should be');
    const unusable = { dir: join(blocked, 'c'), build: BUILD };
    expect((await validate({ file, cache: unusable })).model).toBeDefined();
    expect(cachedValidation(unusable, file)).toBeUndefined();

    if (process.getuid?.() !== 0) {
      const readOnly = join(blocked, 'ro');
      mkdirSync(readOnly, { mode: 0o500 });
      chmodSync(readOnly, 0o500);
      expect((await validate({ file, cache: { dir: readOnly, build: BUILD } })).model).toBeDefined();
    }
  });

  it('keeps one entry per spec path and working folder', async () => {
    const file = specFolder();
    const cache = freshCache();
    await validate({ file, cache });
    writeFileSync(file, `${SPEC}# edited\n`);
    await validate({ file, cache });
    expect(entries(cache)).toHaveLength(1); // the edit replaced it
    const cwd = process.cwd();
    try {
      process.chdir(join(file, '..'));
      // Relative to here, included files are named differently in diagnostics: another entry.
      expect(cachedValidation(cache, 'org.yaml')).toBeUndefined();
      await validate({ file: 'org.yaml', cache });
      expect(cachedValidation(cache, 'org.yaml')?.files).toEqual(['org.yaml', 'more.yaml']);
    } finally {
      process.chdir(cwd);
    }
    expect(entries(cache)).toHaveLength(2);
  });

  it('keeps the newest entries up to its limit when it stores one: a new folder each run does not pile up', async () => {
    const file = specFolder();
    const cache = freshCache();
    mkdirSync(cache.dir, { recursive: true });
    const old = Array.from(
      { length: SPEC_CACHE_LIMITS.maxFiles + 5 },
      (_, i) => `spec-${String(i).padStart(24, '0')}.bin`,
    );
    old.forEach((name, i) => {
      writeFileSync(join(cache.dir, name), 'old', { mode: 0o600 });
      const at = (Date.now() - (i + 1) * 60_000) / 1000;
      utimesSync(join(cache.dir, name), at, at);
    });
    await validate({ file, cache });
    const left = entries(cache);
    expect(left).toHaveLength(SPEC_CACHE_LIMITS.maxFiles);
    expect(cachedValidation(cache, file)).toBeDefined(); // the one just stored stays
    expect(left.filter((f) => old.includes(f))).toEqual(old.slice(0, SPEC_CACHE_LIMITS.maxFiles - 1));
  });
});
