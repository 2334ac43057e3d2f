import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';

/**
 * Who holds the apply lock, as written into the lock policy's description. `holder` is the line
 * people read ("alice@build-7 (pid 4242)"); host, pid and the start identity let `bulkhead unlock`
 * tell whether that process is still alive. Locks written by older versions carry only
 * holder, since and token.
 */
export interface LockHolder {
  holder: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** Random per acquisition: release deletes the lock only while the token is still ours. */
  token: string;
  host?: string;
  pid?: number;
  /** When the holding process started (ISO 8601), for people. */
  startedAt?: string;
  /** Linux: `<boot id>/<start time in clock ticks>`, which tells a reused pid from the holder. */
  processStart?: string;
  /** The command that took the lock, e.g. "bulkhead apply org.yaml". */
  command?: string;
}

/** The process a lock is taken for; tests describe other processes with `describeProcess`. */
export interface ProcessIdentity {
  host: string;
  pid: number;
  startedAt?: string;
  processStart?: string;
}

export type LockHolderState = 'this-process' | 'alive-here' | 'dead-here' | 'other-host' | 'unknown';

/** AWS: a policy description holds at most 512 characters. */
export const MAX_DESCRIPTION_LENGTH = 512;
const MAX_COMMAND_LENGTH = 160;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Linux only: `/proc/<pid>/stat` field 22 is the start time in clock ticks since boot, exact and
 * immune to wall-clock changes; with the boot id it names one process for the host's lifetime.
 */
function processStartOf(pid: number): string | undefined {
  const bootId = readText('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readText(`/proc/${pid}/stat`);
  if (!bootId || stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? `${bootId}/${ticks}` : undefined;
}

/** The identity of a process on this host (pid, and its start where the system tells). */
export function describeProcess(pid: number): ProcessIdentity {
  const processStart = processStartOf(pid);
  return {
    host: hostname(),
    pid,
    ...(pid === process.pid ? { startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString() } : {}),
    ...(processStart ? { processStart } : {}),
  };
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no user database (some containers)
  }
}

export function defaultHolder(identity: ProcessIdentity = describeProcess(process.pid)): string {
  return `${userName()}@${identity.host} (pid ${identity.pid})`;
}

/** What this process was asked to do, for the holder record. */
export function defaultCommand(): string {
  return ['bulkhead', ...process.argv.slice(2)].join(' ');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The description to store: JSON, cut down (command first, then the holder line) to AWS's limit. */
export function encodeHolder(holder: LockHolder): string {
  let record: LockHolder = holder.command ? { ...holder, command: clip(holder.command, MAX_COMMAND_LENGTH) } : holder;
  let text = JSON.stringify(record);
  if (text.length > MAX_DESCRIPTION_LENGTH && record.command) {
    const { command, ...rest } = record;
    const room = MAX_DESCRIPTION_LENGTH - JSON.stringify({ ...rest, command: '' }).length;
    record = room >= 16 ? { ...rest, command: clip(command, room) } : rest;
    text = JSON.stringify(record);
  }
  for (const field of ['processStart', 'startedAt'] as const) {
    if (text.length <= MAX_DESCRIPTION_LENGTH) break;
    const { [field]: _dropped, ...rest } = record;
    record = rest;
    text = JSON.stringify(record);
  }
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    const room = MAX_DESCRIPTION_LENGTH - JSON.stringify({ ...record, holder: '', host: '' }).length;
    record = { ...record, holder: clip(record.holder, Math.max(8, room)) };
    delete record.host; // a clipped host name would be another host: better none
    text = JSON.stringify(record);
  }
  return text;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads a lock description; anything but an object with holder, since and token is undefined. */
export function parseHolder(description: string | undefined): LockHolder | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(description ?? '');
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const holder = str(r['holder']);
  const since = str(r['since']);
  const token = str(r['token']);
  if (holder === undefined || since === undefined || token === undefined) return undefined;
  const out: LockHolder = { holder, since, token };
  const host = str(r['host']);
  if (host !== undefined) out.host = host;
  if (typeof r['pid'] === 'number') out.pid = r['pid'];
  for (const key of ['startedAt', 'processStart', 'command'] as const) {
    const value = str(r[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Host and pid of a holder; older versions only wrote "user@host (pid N)". */
function whereIs(holder: LockHolder): { host: string; pid: number } | undefined {
  if (holder.host !== undefined && holder.pid !== undefined) return { host: holder.host, pid: holder.pid };
  const legacy = /@([^@\s]+) \(pid (\d+)\)$/.exec(holder.holder);
  return legacy ? { host: legacy[1]!, pid: Number(legacy[2]) } : undefined;
}

/**
 * Whether the process holding a lock still runs. Only a process on this host can be checked:
 * signal 0 tests for its existence without touching it; ESRCH means it is gone, EPERM that it
 * runs as another user. A live pid whose start differs from the recorded one was reused.
 */
export function lockHolderState(holder: LockHolder | undefined): LockHolderState {
  const where = holder && whereIs(holder);
  if (!where || !Number.isSafeInteger(where.pid) || where.pid <= 0) return 'unknown';
  if (where.host !== hostname()) return 'other-host';
  const nowStart = holder.processStart !== undefined ? processStartOf(where.pid) : undefined;
  const reused = nowStart !== undefined && nowStart !== holder.processStart;
  if (where.pid === process.pid) return reused ? 'dead-here' : 'this-process';
  try {
    process.kill(where.pid, 0);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return 'dead-here';
    if (code !== 'EPERM') return 'unknown';
  }
  return reused ? 'dead-here' : 'alive-here';
}
