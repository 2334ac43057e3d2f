import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../../ids.js';
import type { AccessKeyRecord } from '../../store/state.js';
import type { Store } from '../../store/store.js';
import type { RoleRecord } from '../iam/tables.js';

/**
 * A role session, as AssumeRole (and the SSO portal's GetRoleCredentials) issue it: temporary keys whose caller is
 * `arn:aws:sts::<account>:assumed-role/<role>/<session>`, judged by the role's policies and the account's SCPs.
 */
export function mintRoleSession(
  store: Store,
  role: RoleRecord,
  sessionName: string,
  durationSeconds: number,
  now: number,
): AccessKeyRecord {
  const key: AccessKeyRecord = {
    accessKeyId: newAccessKeyId(true),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    expiresAt: now + durationSeconds * 1000,
    accountId: role.accountId,
    kind: 'assumed-role',
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
    roleArn: `arn:aws:iam::${role.accountId}:role${role.path}${role.name}`,
  };
  store.put('accessKeys', key.accessKeyId, key);
  return key;
}
