import { mapLimit } from '../../providers/aws/paginate.js';
import type { BucketReader } from '../../providers/aws/trail-logs.js';
import { parseLogFile, toAuditEvent, type AuditEvent } from './records.js';
import { dayFolders, fileMayHold, type TimeWindow } from './window.js';

export interface LogFile {
  key: string;
  /** The account folder it sits in. */
  accountId: string;
}

/** A log file that was skipped, with why. */
export interface AuditWarning {
  code: 'unreadable-log-file' | 'unparsable-log-file';
  key: string;
  message: string;
}

export interface ReadProgress {
  phase: 'list' | 'read';
  done: number;
  total: number;
}

const ACCOUNT_FOLDER = /^\d{12}$/;

function lastSegment(folder: string, under: string): string {
  return folder.slice(under.length).replace(/\/$/, '');
}

/**
 * The log files of the window under `root` (`[prefix/]AWSLogs/[<org-id>/]`): the given accounts or every account
 * folder found there, every region folder under each account's `CloudTrail/`, and only the day folders of the window
 * (never the whole bucket), each listed to its last page.
 */
export async function listLogFiles(
  reader: BucketReader,
  root: string,
  options: { accountIds?: string[]; window: TimeWindow; concurrency: number; onProgress?: (p: ReadProgress) => void },
): Promise<LogFile[]> {
  const accounts =
    options.accountIds ??
    (await reader.list(root, '/')).folders.map((f) => lastSegment(f, root)).filter((a) => ACCOUNT_FOLDER.test(a));
  const regionsPerAccount = await mapLimit(accounts, options.concurrency, async (accountId) => {
    const under = `${root}${accountId}/CloudTrail/`;
    const { folders } = await reader.list(under, '/');
    return folders.map((f) => ({ accountId, region: lastSegment(f, under) }));
  });
  const days = dayFolders(options.window);
  const folders = regionsPerAccount
    .flat()
    .flatMap(({ accountId, region }) =>
      days.map((day) => ({ accountId, prefix: `${root}${accountId}/CloudTrail/${region}/${day}/` })),
    );
  let listed = 0;
  const perFolder = await mapLimit(folders, options.concurrency, async (folder) => {
    const { keys } = await reader.list(folder.prefix);
    options.onProgress?.({ phase: 'list', done: ++listed, total: folders.length });
    return keys
      .filter((key) => fileMayHold(key, options.window))
      .map((key): LogFile => ({ key, accountId: folder.accountId }));
  });
  return perFolder.flat();
}

/**
 * Downloads and parses the files, at most `concurrency` at a time. A file that cannot be read or parsed is
 * skipped with a warning: one bad object must not hide the rest of the log.
 */
export async function readLogFiles(
  reader: BucketReader,
  files: readonly LogFile[],
  options: { concurrency: number; keep: (event: AuditEvent) => boolean; onProgress?: (p: ReadProgress) => void },
): Promise<{ events: AuditEvent[]; warnings: AuditWarning[] }> {
  const warnings: AuditWarning[] = [];
  let done = 0;
  const perFile = await mapLimit(files, options.concurrency, async (file) => {
    let bytes: Uint8Array;
    try {
      bytes = await reader.get(file.key);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      warnings.push({
        code: 'unreadable-log-file',
        key: file.key,
        message: `could not read ${file.key}: ${e.name ?? 'Error'}${e.message ? `: ${e.message}` : ''}`,
      });
      return [];
    } finally {
      options.onProgress?.({ phase: 'read', done: ++done, total: files.length });
    }
    const parsed = await parseLogFile(bytes);
    if (!parsed.ok) {
      warnings.push({ code: 'unparsable-log-file', key: file.key, message: `skipped ${file.key}: ${parsed.reason}` });
      return [];
    }
    return parsed.records.flatMap((r) => {
      const event = toAuditEvent(r, file.accountId, file.key);
      return event && options.keep(event) ? [event] : [];
    });
  });
  warnings.sort((a, b) => a.key.localeCompare(b.key));
  return { events: perFile.flat(), warnings };
}
