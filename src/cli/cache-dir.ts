import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI keeps what makes it start faster: the V8 code cache of each command (boot.ts) and the validated
 * specs (spec-first.ts). BULKHEAD_COMPILE_CACHE=off keeps nothing; BULKHEAD_COMPILE_CACHE=DIR keeps them in DIR
 * instead of $XDG_CACHE_HOME/bulkhead/compile-cache.
 */
export function startupCacheDir(): string | undefined {
  const setting = process.env['BULKHEAD_COMPILE_CACHE'];
  if (setting === 'off' || setting === '0') return undefined;
  if (setting) return setting;
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'bulkhead', 'compile-cache');
}
