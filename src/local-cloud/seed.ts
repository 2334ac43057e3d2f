import { newAccessKeyId, newAccountId, newSecretAccessKey } from './ids.js';
import type { AccessKeyRecord, MetaRecord } from './store/state.js';
import type { Store } from './store/store.js';
import { seedAwsManagedPolicies } from './services/organizations/policies.js';

/** Root credentials for an account: the caller is `arn:aws:iam::<id>:root`. */
export function issueRootKey(store: Store, accountId: string): AccessKeyRecord {
  const key: AccessKeyRecord = {
    accessKeyId: newAccessKeyId(false),
    secretAccessKey: newSecretAccessKey(),
    accountId,
    kind: 'root',
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
  };
  store.put('accessKeys', key.accessKeyId, key);
  return key;
}

/** A fresh local cloud: one management account (not yet in an organization) with an admin key, and the AWS managed policies. */
export function seedState(store: Store): MetaRecord {
  const existing = store.get('meta', 'meta');
  if (existing !== undefined) return existing;
  const now = Date.now();
  const accountId = newAccountId();
  store.put('accounts', accountId, {
    id: accountId,
    email: `management+${accountId}@bulkhead.local`,
    name: 'management',
    status: 'ACTIVE',
    organizationId: null,
    parentId: null,
    joinedMethod: null,
    joinedAt: null,
    createdAt: now,
  });
  const key = issueRootKey(store, accountId);
  seedAwsManagedPolicies(store);
  const meta: MetaRecord = {
    formatVersion: 1,
    managementAccountId: accountId,
    adminAccessKeyId: key.accessKeyId,
    createdAt: now,
  };
  store.put('meta', 'meta', meta);
  return meta;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Drops session credentials that expired more than a day ago, so the table does not grow without
 * bound; recently expired ones stay so that callers get ExpiredToken rather than an unknown key.
 */
export function pruneExpiredSessions(store: Store, now: number): void {
  for (const k of [...store.values('accessKeys')])
    if (k.expiresAt !== undefined && k.expiresAt <= now - DAY_MS) store.delete('accessKeys', k.accessKeyId);
}

export function createStandaloneAccount(
  store: Store,
  email: string,
  name: string,
  now: number,
): { accountId: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  let accountId = newAccountId();
  while (store.has('accounts', accountId)) accountId = newAccountId();
  store.put('accounts', accountId, {
    id: accountId,
    email,
    name,
    status: 'ACTIVE',
    organizationId: null,
    parentId: null,
    joinedMethod: null,
    joinedAt: null,
    createdAt: now,
  });
  const key = issueRootKey(store, accountId);
  return { accountId, credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } };
}
