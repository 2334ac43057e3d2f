import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/credentials.js';
import type { ObservedCall } from '../registry.js';
import { redact } from './redact.js';
import type { CloudTrailEventRecord } from './tables.js';

/** The record format version written (the fields of CloudTrail record contents, version 1.09). */
export const EVENT_VERSION = '1.09';
/** Request parameters larger than this are left out of the record, as CloudTrail omits oversized ones. */
const MAX_PARAMETERS_CHARS = 100_000;
/** Event sources of global services: a trail that excludes global service events does not log them. */
export const GLOBAL_EVENT_SOURCES: ReadonlySet<string> = new Set(['iam.amazonaws.com', 'organizations.amazonaws.com']);

const READ_ONLY = /^(Get|List|Describe|Head|Lookup|Search)/;

/** AWS's `readOnly`: the operations that only read (Get…, List…, Describe…, Head…, Lookup…, Search…). */
export const isReadOnly = (operation: string): boolean => READ_ONLY.test(operation);

/** `2024-05-01T12:00:00Z`: CloudTrail's eventTime, to the second. */
export const eventTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function userIdentity(p: Principal): { identity: Record<string, unknown>; username: string } {
  const base = { accountId: p.accountId, accessKeyId: p.accessKeyId };
  if (p.kind === 'assumed-role') {
    const [roleId = p.userId, session = ''] = p.userId.split(':');
    const roleArn = p.roleArn ?? '';
    const sessionIssuer = {
      type: 'Role',
      principalId: roleId,
      arn: roleArn,
      accountId: p.accountId,
      userName: roleArn.slice(roleArn.lastIndexOf('/') + 1),
    };
    return {
      identity: {
        type: 'AssumedRole',
        principalId: p.userId,
        arn: p.arn,
        ...base,
        sessionContext: { sessionIssuer, attributes: { mfaAuthenticated: 'false' } },
      },
      username: session,
    };
  }
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(p.arn);
  if (user !== null)
    return {
      identity: { type: 'IAMUser', principalId: p.userId, arn: p.arn, ...base, userName: user[1] },
      username: user[1] ?? '',
    };
  return { identity: { type: 'Root', principalId: p.accountId, arn: p.arn, ...base }, username: 'root' };
}

function requestParameters(input: Record<string, unknown>): unknown {
  const { Action: _a, Version: _v, ...rest } = input;
  if (Object.keys(rest).length === 0) return null;
  const redacted = redact(rest);
  return JSON.stringify(redacted).length > MAX_PARAMETERS_CHARS ? null : redacted;
}

/**
 * The CloudTrail record of one API call, with the fields AWS documents for record contents; undefined for a call no
 * account made (an unauthenticated or unsigned call).
 */
export function eventOf(call: ObservedCall): CloudTrailEventRecord | undefined {
  const p = call.principal;
  if (p === undefined || p.accountId === '' || p.accountId === 'aws') return undefined;
  const { identity, username } = userIdentity(p);
  const eventId = randomUUID();
  const eventSource = `${call.signingName}.amazonaws.com`;
  const readOnly = isReadOnly(call.operation);
  const record: Record<string, unknown> = {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime: eventTime(call.time),
    eventSource,
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent,
  };
  if (call.errorCode !== undefined) {
    record.errorCode = call.errorCode;
    record.errorMessage = call.errorMessage ?? '';
  }
  Object.assign(record, {
    requestParameters: requestParameters(call.input),
    responseElements: null,
    requestID: call.requestId,
    eventID: eventId,
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: p.accountId,
    eventCategory: 'Management',
  });
  return {
    eventId,
    accountId: p.accountId,
    region: call.region,
    time: call.time,
    eventName: call.operation,
    eventSource,
    readOnly,
    username,
    accessKeyId: p.accessKeyId,
    record,
  };
}
