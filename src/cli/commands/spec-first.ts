import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RecordingIoHost, type IoHost } from '../../core/events.js';
import type { OrgModel } from '../../model/organization.js';
import type { SpecCache } from '../../toolkit/spec-cache.js';
import { startupCacheDir } from '../cache-dir.js';

/**
 * Validates the spec before anything connects, so a broken spec starts no local cloud and sends no
 * AWS call. Its diagnostics go to the IO host (with `quiet`, only when it is invalid); the model is
 * handed on to the toolkit, which then does not validate again. A valid spec unchanged since a command last
 * validated it is not validated again (the toolkit's spec cache, kept beside the code cache).
 */
export async function requireValidSpec(file: string, io: IoHost, options: { quiet?: boolean } = {}): Promise<OrgModel> {
  const { loadValidModel } = await import('../../toolkit/validate.js');
  const cache = specCache();
  if (!options.quiet) return loadValidModel(file, io, cache);
  const recorded = new RecordingIoHost();
  try {
    return await loadValidModel(file, recorded, cache);
  } catch (err) {
    for (const event of recorded.events) io.notify(event);
    throw err;
  }
}

/**
 * The spec cache of the bundled CLI, whose build is the content hash bundle-cli.js writes beside the script: a
 * rebuilt Bulkhead (new rules) never reads what an older one validated. Run from its sources, nothing is cached.
 */
function specCache(): SpecCache | undefined {
  const dir = startupCacheDir();
  if (dir === undefined) return undefined;
  try {
    const build = readFileSync(`${fileURLToPath(import.meta.url)}.sha256`, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(build) ? { dir, build } : undefined;
  } catch {
    return undefined;
  }
}
