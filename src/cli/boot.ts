import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { startupCacheDir } from './cache-dir.js';
import { readOwnFile } from '../core/own-file.js';
import { pruneCache, WEEK_MS, type CacheLimits } from '../core/prune-cache.js';

/**
 * Starts the bundled CLI (dist/bin/cli-script.js, one script made by scripts/bundle-cli.js) with a V8 code
 * cache: compiling the bundle and the functions a command runs is much of a short command's start-up, and V8
 * skips it when it is handed the bytecode of an earlier run (a no-change apply of 12 accounts on moto: 0.54 s →
 * 0.44 s). Node 22.1+ has `module.enableCompileCache()` for the same, but not Node 20, and not for a
 * script whose code a command loads lazily: this works on every supported Node.
 *
 * One cache per command (`apply`, `--help`, …): each holds the bytecode of what that command ran, so `--help`
 * does not load apply's. It is written after the command ends, when it was missing or V8 refused it (another
 * Node, another build), atomically (no half-written file is ever read). BULKHEAD_COMPILE_CACHE=off runs without
 * one; BULKHEAD_COMPILE_CACHE=DIR keeps them in DIR instead of $XDG_CACHE_HOME/bulkhead/compile-cache. A cache
 * that cannot be read or written only costs the time it would have saved.
 */
export async function runBundledCli(scriptPath: string, argv: string[]): Promise<number> {
  setFlagsFromString(heapFlagsFor(commandOf(argv)));
  const cacheFile = cacheFileFor(scriptPath, argv);
  const { script, stale } = compile(scriptPath, cacheFile);
  const module = { exports: {} as { main?: (argv: string[]) => Promise<number> } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(scriptPath), module, scriptPath, dirname(scriptPath));
  const code = await module.exports.main!(argv);
  if (stale && cacheFile !== undefined) writeCache(cacheFile, script);
  return code;
}

/** Compiles the script; the cache's bytes are not kept once V8 has read them (7 MB for `apply`). */
function compile(scriptPath: string, cacheFile: string | undefined): { script: Script; stale: boolean } {
  const cached = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(readFileSync(scriptPath, 'latin1'), {
    filename: scriptPath,
    ...(cached ? { cachedData: cached } : {}),
    // No importModuleDynamically: from a code cache V8 drops it, so the bundle has no import() (bundle-cli.js).
  });
  return { script, stale: cached === undefined || script.cachedDataRejected === true };
}

/**
 * V8 grows its young generation while a command allocates, to 16 MB per half by default: a short command then peaks
 * at 110 MB where 92 MB do (a no-change apply, 12 accounts), at the same speed.
 */
const HEAP_FLAGS = '--semi-space-growth-factor=1';
/**
 * `apply` also waits on AWS for minutes, polling: what each poll leaves behind piles up in the old generation, which
 * V8 lets grow to four times what is live before it collects it (a 100-account apply with each creation taking 3 s:
 * 19 MB live, 105 MB resident). Collecting once it has grown by a quarter keeps that apply at 93 MB at the same
 * speed. Not for every command: it made `validate` of 5,000 accounts 35% slower.
 */
const APPLY_HEAP_FLAGS = '--heap-growing-percent=25';

/** The heap flags a command runs with (its code cache is keyed by them: V8 refuses a cache made under others). */
export function heapFlagsFor(command: string): string {
  return command === 'apply' ? `${HEAP_FLAGS} ${APPLY_HEAP_FLAGS}` : HEAP_FLAGS;
}

/** The command a cache is for: the first word that is not an option, or `default`. */
export function commandOf(argv: readonly string[]): string {
  const word = argv.find((a) => !a.startsWith('-'));
  return word !== undefined && /^[a-z][a-z-]{0,30}$/.test(word) ? word : 'default';
}

/** A cache is for one build of the bundle (its path, content, size and time) under one Node, V8 and its flags. */
function cacheFileFor(scriptPath: string, argv: readonly string[]): string | undefined {
  const dir = startupCacheDir();
  if (dir === undefined) return undefined;
  let size = 0;
  let mtime = 0;
  try {
    ({ size, mtimeMs: mtime } = statSync(scriptPath));
  } catch {
    return undefined;
  }
  // V8 checks only a cache's length against the source and its own flags: the build's content hash (written
  // beside the script by bundle-cli.js) keeps another build of the same length from ever using this cache.
  let build: string;
  try {
    build = readFileSync(`${scriptPath}.sha256`, 'utf8').trim();
  } catch {
    return undefined;
  }
  const key = createHash('sha256')
    .update(`${scriptPath}\n${build}\n${size}\n${mtime}\n${process.version}\n${process.versions.v8}\n${process.arch}`)
    .update(`\n${process.execArgv.join(' ')}\n${heapFlagsFor(commandOf(argv))}`)
    .digest('hex')
    .slice(0, 16);
  return join(dir, `${key}-${commandOf(argv)}.bin`);
}

/** Only a cache this user wrote and nobody else can write: V8 runs the bytecode it holds. */
function readCache(file: string): Buffer | undefined {
  return readOwnFile(file);
}

/** A code cache's file name: the key of its build, Node and flags, then its command. */
export const isCompileCacheEntry = (name: string): boolean => /^[0-9a-f]{16}-[a-z][a-z-]{0,30}\.bin$/.test(name);

/**
 * Every build (each `npm run build`, each upgrade) writes new caches, one per command, 2–7 MB each: a day of
 * development left 167 files (169 MB). A week's worth is kept, newest first, up to three builds' worth of the usual
 * commands.
 */
export const COMPILE_CACHE_LIMITS: CacheLimits = { maxAgeMs: WEEK_MS, maxFiles: 24, maxBytes: 64 << 20 };

function writeCache(file: string, script: Script): void {
  const dir = dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
    pruneCache(dir, isCompileCacheEntry, COMPILE_CACHE_LIMITS, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the folder itself is unusable: nothing was written
    }
  }
}
