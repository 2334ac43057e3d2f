import { didYouMeanAmong } from '../../../core/suggest.js';
import type { Store } from '../../store/store.js';
import { normalizeUserCode } from './common.js';
import { deviceAuthorizationsByUserCode } from './tables.js';

/** Why an approval was refused: a code for the caller, an HTTP status, and a message that says what to change. */
export interface ApprovalRefusal {
  ok: false;
  status: number;
  code: 'InvalidRequest' | 'UnknownUser' | 'UnknownCode' | 'ExpiredCode' | 'AlreadyApproved';
  message: string;
}

export interface Approval {
  ok: true;
  userName: string;
  userId: string;
  clientName: string;
}

const refuse = (status: number, code: ApprovalRefusal['code'], message: string): ApprovalRefusal => ({
  ok: false,
  status,
  code,
  message,
});

/**
 * Signs a user of the local cloud's Identity Center in for a pending device code (what AWS's sign-in page does once
 * the user entered the code and their password): the next CreateToken poll of that device gets a token.
 */
export function approveDeviceCode(
  store: Store,
  userName: unknown,
  userCode: unknown,
  now: number,
): Approval | ApprovalRefusal {
  if (typeof userName !== 'string' || userName === '' || userName.length > 128)
    return refuse(400, 'InvalidRequest', 'userName must be a non-empty string of at most 128 characters.');
  if (typeof userCode !== 'string' || userCode.length > 64)
    return refuse(400, 'InvalidRequest', 'userCode must be a string such as ABCD-EFGH.');
  const code = normalizeUserCode(userCode);
  const auth = code === undefined ? undefined : [...store.lookup(deviceAuthorizationsByUserCode, code).values()][0];
  if (auth === undefined)
    return refuse(
      404,
      'UnknownCode',
      `No sign-in is waiting for code ${userCode}: check the code the AWS CLI printed.`,
    );
  if (auth.status !== 'pending')
    return refuse(
      409,
      'AlreadyApproved',
      `Code ${auth.userCode} was already approved; start the sign-in again for a new code.`,
    );
  if (auth.expiresAt <= now)
    return refuse(410, 'ExpiredCode', `Code ${auth.userCode} has expired; start the sign-in again for a new code.`);
  const users = [...store.values('identityStoreUsers')].filter((u) => u.identityStoreId === auth.identityStoreId);
  const user =
    users.find((u) => u.userName === userName) ??
    users.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
  if (user === undefined) {
    const hint = didYouMeanAmong(
      userName,
      users.map((u) => u.userName),
    );
    return refuse(
      404,
      'UnknownUser',
      `No user ${userName} in the Identity Center of the local cloud (identity store ${auth.identityStoreId})${hint === undefined ? '' : `: ${hint}`}.`,
    );
  }
  store.put('ssoDeviceAuthorizations', auth.deviceCode, {
    ...auth,
    status: 'approved',
    user: {
      instanceArn: auth.instanceArn,
      identityStoreId: auth.identityStoreId,
      userId: user.userId,
      userName: user.userName,
    },
  });
  const client = store.get('ssoOidcClients', auth.clientId);
  return { ok: true, userName: user.userName, userId: user.userId, clientName: client?.clientName ?? '' };
}
