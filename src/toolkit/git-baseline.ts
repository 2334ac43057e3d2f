import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { silentIoHost } from '../core/events.js';
import type { OrgModel } from '../model/organization.js';

/**
 * The spec as committed at git HEAD, when the file is in a git repository, HEAD has it, it differs
 * from the working file and it is valid; 'unchanged' when HEAD has the same text; otherwise
 * undefined. Includes are not followed at HEAD.
 */
export async function specAtGitHead(file: string): Promise<OrgModel | 'unchanged' | undefined> {
  let text: string;
  try {
    text = execFileSync('git', ['show', `HEAD:./${basename(file)}`], {
      cwd: dirname(file),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
  } catch {
    return undefined; // not a repository, no commit yet, or the file is new
  }
  if (text === readFileSync(file, 'utf8')) return 'unchanged';
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-head-'));
  try {
    const copy = join(dir, basename(file));
    writeFileSync(copy, text);
    const { validate } = await import('./validate.js');
    return (await validate({ file: copy, io: silentIoHost })).model;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
