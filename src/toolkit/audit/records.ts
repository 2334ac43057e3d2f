import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { describeArn } from '../whoami.js';

const gunzipAsync = promisify(gunzip);

/** The fields of a CloudTrail record (docs: "CloudTrail record contents") that `bulkhead audit` reads. */
export interface CloudTrailRecord {
  eventTime?: string;
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    accountId?: string;
    principalId?: string;
    userName?: string;
    invokedBy?: string;
    sessionContext?: { sessionIssuer?: { type?: string; userName?: string; arn?: string } };
  };
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId?: string;
  requestID?: string;
  eventID?: string;
  readOnly?: boolean | string;
  sourceIPAddress?: string;
}

/** One call, as `bulkhead audit --json` prints it (docs/machine-interface.md). */
export interface AuditEvent {
  time: string;
  accountId: string;
  accountName: string | null;
  region: string | null;
  /** The service's prefix (`iam` for iam.amazonaws.com) and the full event source. */
  service: string;
  eventSource: string;
  eventName: string;
  principal: { type: string | null; name: string; arn: string | null; principalId: string | null };
  error: { code: string; message: string | null } | null;
  readOnly: boolean | null;
  sourceIp: string | null;
  requestId: string | null;
  eventId: string | null;
  /** The log file (S3 key) the record came from. */
  logFile: string;
}

export type ParsedLogFile = { ok: true; records: CloudTrailRecord[] } | { ok: false; reason: string };

/** A log file's bytes: gzipped `{"Records":[…]}` as CloudTrail writes it; anything else is a reason, not a throw. */
export async function parseLogFile(bytes: Uint8Array): Promise<ParsedLogFile> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, reason: 'not a gzip file' };
  let text: string;
  try {
    text = (await gunzipAsync(bytes)).toString('utf8');
  } catch (err) {
    return { ok: false, reason: `corrupt gzip data (${(err as Error).message})` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON after gunzip' };
  }
  const records = (doc as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return { ok: false, reason: 'no "Records" list in it' };
  return { ok: true, records: records.filter((r): r is CloudTrailRecord => typeof r === 'object' && r !== null) };
}

/** Who made the call, short: `alice (Admin)` (an Identity Center user and permission set), `Role/session`, `user/ci`, `root`. */
export function principalName(identity: CloudTrailRecord['userIdentity']): string {
  const type = identity?.type;
  const arn = identity?.arn;
  if (type === 'Root') return 'root';
  if (type === 'AWSService') return identity?.invokedBy ?? 'AWS service';
  if (type === 'IAMUser' && identity?.userName) return `user/${identity.userName}`;
  if (arn) {
    const parts = describeArn(arn);
    if (parts.permissionSet && parts.user) return `${parts.user} (${parts.permissionSet})`;
    if (parts.role) return parts.user ? `${parts.role}/${parts.user}` : parts.role;
    if (parts.user) return parts.user === 'root' ? 'root' : `user/${parts.user}`;
    return arn.split(':').slice(5).join(':') || arn;
  }
  if (type === 'AWSAccount' && identity?.accountId) return `account ${identity.accountId}`;
  return identity?.principalId ?? identity?.invokedBy ?? type ?? 'unknown';
}

function readOnlyOf(value: CloudTrailRecord['readOnly']): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** A record as an AuditEvent; undefined for one without a valid time or an event name. */
export function toAuditEvent(
  record: CloudTrailRecord,
  folderAccountId: string,
  logFile: string,
): AuditEvent | undefined {
  const ms = record.eventTime ? Date.parse(record.eventTime) : Number.NaN;
  if (Number.isNaN(ms) || !record.eventName) return undefined;
  const source = record.eventSource ?? '';
  const id = record.userIdentity;
  return {
    time: new Date(ms).toISOString(),
    accountId: record.recipientAccountId ?? folderAccountId,
    accountName: null,
    region: record.awsRegion ?? null,
    service: source.replace(/\.amazonaws\.com$/, '') || 'unknown',
    eventSource: source,
    eventName: record.eventName,
    principal: {
      type: id?.type ?? null,
      name: principalName(id),
      arn: id?.arn ?? null,
      principalId: id?.principalId ?? null,
    },
    error: record.errorCode ? { code: record.errorCode, message: record.errorMessage ?? null } : null,
    readOnly: readOnlyOf(record.readOnly),
    sourceIp: record.sourceIPAddress ?? null,
    requestId: record.requestID ?? null,
    eventId: record.eventID ?? null,
    logFile,
  };
}
