/**
 * Writes the bulkhead profiles block into an AWS config file: refuses a file the AWS CLI would not read or
 * one that defines the same names outside the block (touching nothing), writes nothing when nothing
 * changes, keeps the previous content in `<file>.bulkhead-backup` (0600), and replaces the file atomically
 * (a temporary file beside it, renamed over it) with the mode it had; a new file is 0600 in a 0700 folder.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BulkheadError } from '../../core/errors.js';
import { editConfig } from './ini-block.js';

export type WriteStatus = 'created' | 'updated' | 'unchanged';

export interface WriteResult {
  file: string;
  status: WriteStatus;
  /** Where the previous content went, when there was any. */
  backup?: string;
}

/** The AWS CLI's config file: AWS_CONFIG_FILE (a leading `~` is the home folder) or ~/.aws/config. */
export function defaultConfigFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const named = env['AWS_CONFIG_FILE'];
  if (named !== undefined && named !== '') return resolve(named.replace(/^~(?=$|[/\\])/, homedir()));
  return join(homedir(), '.aws', 'config');
}

function readExisting(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new BulkheadError('config-invalid', `${file} is not UTF-8 text; the AWS CLI would not read it`, {
      hint: 'fix or move the file away and write again; nothing was changed',
    });
  }
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temp = join(dirname(file), `.${file.split(/[/\\]/).pop() ?? 'config'}.bulkhead-${process.pid}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // openSync's mode is narrowed by the umask; the file keeps exactly the mode it had.
    chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export function writeProfilesBlock(
  fileArg: string,
  session: string,
  blockLines: string[],
  profiles: string[],
): WriteResult {
  // A symlinked config (dotfiles repositories do that) is edited where it points.
  const file = existsSync(fileArg) ? realpathSync(fileArg) : resolve(fileArg);
  const before = readExisting(file);
  const edit = editConfig(before ?? '', session, blockLines, profiles);
  if (!edit.ok) {
    const { problem } = edit;
    throw new BulkheadError(
      problem.code,
      `${fileArg}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`,
      {
        hint: problem.hint,
      },
    );
  }
  if (before !== undefined && edit.text === before) return { file: fileArg, status: 'unchanged' };
  if (before === undefined) {
    const dir = dirname(file);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeAtomically(file, edit.text, 0o600);
    return { file: fileArg, status: 'created' };
  }
  const mode = statSync(file).mode & 0o777;
  const backup = `${file}.bulkhead-backup`;
  writeAtomically(backup, before, 0o600);
  writeAtomically(file, edit.text, mode);
  return { file: fileArg, status: 'updated', backup };
}
