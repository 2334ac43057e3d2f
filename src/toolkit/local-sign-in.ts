import { BulkheadError } from '../core/errors.js';
import { findRunningLocalCloud } from '../local-cloud/index.js';

export interface LocalSignInInput {
  dataDir: string;
  userName: string;
  userCode: string;
}

export interface LocalSignInResult {
  userName: string;
  userId: string;
  /** The client that asked (the AWS CLI registers as `botocore-client-…`). */
  clientName: string;
  endpoint: string;
}

/** The local cloud's answers to a refused approval, and what the user should do about each. */
const HINTS: Readonly<Record<string, string>> = {
  UnknownUser: 'name a user of the Identity Center (`bulkhead show` lists the spec’s users)',
  UnknownCode: 'type the code the AWS CLI (or `bulkhead login`) printed, e.g. ABCD-EFGH',
  ExpiredCode:
    'start the sign-in again (`aws sso login` or `bulkhead login`) and approve the new code within its lifetime',
  AlreadyApproved: 'the sign-in this code belongs to is approved already; start a new sign-in for another user',
  InvalidRequest: 'pass a user name and a code such as ABCD-EFGH',
};

/**
 * Approves a pending device code of the local cloud running on `dataDir` as an Identity Center user, as the AWS sign-in
 * page does on AWS: the waiting `aws sso login` (or any SSO OIDC client) then receives its token.
 */
export async function localSignIn(input: LocalSignInInput): Promise<LocalSignInResult> {
  const running = findRunningLocalCloud(input.dataDir);
  if (running === undefined)
    throw new BulkheadError('local-cloud-not-running', `no local cloud is running on ${input.dataDir}`, {
      hint: `start it with \`bulkhead local start --data ${input.dataDir}\`, or pass the --data directory it runs on`,
    });
  let res: Response;
  try {
    res = await fetch(`${running.endpoint}/_bulkhead/sso/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: input.userName, userCode: input.userCode }),
    });
  } catch (err) {
    throw new BulkheadError('local-cloud-unreachable', `the local cloud at ${running.endpoint} did not answer`, {
      source: 'aws',
      hint: 'check `bulkhead local status`; restart it if it hangs',
      cause: err,
    });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = typeof body.code === 'string' ? body.code : 'InvalidRequest';
    const message = typeof body.message === 'string' ? body.message : `the local cloud answered HTTP ${res.status}`;
    const hint = HINTS[code];
    throw new BulkheadError(
      `sign-in-${code.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`))}`,
      message,
      hint === undefined ? {} : { hint },
    );
  }
  return {
    userName: String(body.userName),
    userId: String(body.userId),
    clientName: String(body.clientName),
    endpoint: running.endpoint,
  };
}
