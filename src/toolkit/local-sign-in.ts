import { postToLocalCloud } from './local-control.js';

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
  const { body, endpoint } = await postToLocalCloud(
    input.dataDir,
    '/_bulkhead/sso/approve',
    { userName: input.userName, userCode: input.userCode },
    { prefix: 'sign-in', hints: HINTS },
  );
  return {
    userName: String(body.userName),
    userId: String(body.userId),
    clientName: String(body.clientName),
    endpoint,
  };
}
