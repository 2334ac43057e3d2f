import type { PolicySet, RequestPrincipal } from '../../access/index.js';
import type { Principal } from '../auth/credentials.js';
import { roleKey } from '../services/iam/provision.js';
import type { TableName } from '../store/state.js';
import type { Store } from '../store/store.js';
import type { PolicyOrigin } from './identity-policies.js';
import { rolePolicies } from './identity-policies.js';
import { accountPlacement } from './scp-chain.js';

/** Everything the evaluator needs about one caller, built once per (principal, state version). */
export interface CallerPolicies {
  principal: RequestPrincipal;
  policySet: PolicySet;
  origins: Map<string, PolicyOrigin>;
  /** The ARN of the role behind a session, path included (`aws:PrincipalArn`). */
  roleArn?: string;
}

/** The tables a policy set is derived from: a write to any of them invalidates every cached set. */
const SOURCES: readonly TableName[] = [
  'accounts',
  'organizations',
  'roots',
  'ous',
  'policies',
  'attachments',
  'roles',
  'managedPolicies',
];

/** Table versions only grow, so their sum changes whenever any of them does. */
function stateVersion(store: Store): number {
  let v = 0;
  for (const t of SOURCES) v += store.version(t);
  return v;
}

interface CacheEntry {
  version: number;
  value: CallerPolicies;
}

const caches = new WeakMap<Store, Map<string, CacheEntry>>();

const roleNameOf = (roleArn: string): string => roleArn.slice(roleArn.lastIndexOf('/') + 1);

/** Builds the policy set of a role session or account root user in `accountId` from the store. */
export function buildCallerPolicies(
  store: Store,
  accountId: string,
  callerArn: string,
  roleArn: string | undefined,
): CallerPolicies {
  const placement = accountPlacement(store, accountId);
  const principal: RequestPrincipal = { arn: callerArn, accountId };
  const policySet: PolicySet = {};
  let origins = new Map<string, PolicyOrigin>();
  if (placement !== undefined) {
    principal.orgId = placement.org.id;
    principal.orgPaths = [placement.orgPath];
    // AWS: SCPs do not affect users or roles in the management account.
    if (placement.isManagementAccount) principal.isManagementAccount = true;
    else if (placement.scpLevels !== undefined) policySet.scpLevels = placement.scpLevels;
  }
  if (roleArn !== undefined) {
    const role = store.get('roles', roleKey(accountId, roleNameOf(roleArn)));
    if (role === undefined) {
      // The role was deleted under a live session: its permissions went with it.
      policySet.identityPolicies = [];
    } else {
      const rp = rolePolicies(store, role);
      policySet.identityPolicies = rp.identity;
      if (rp.boundary !== undefined) policySet.permissionBoundary = rp.boundary;
      origins = rp.origins;
      if (Object.keys(role.tags).length > 0) principal.tags = { ...role.tags };
    }
  }
  // The root user needs no identity policy: the evaluator grants it full access within its account.
  const out: CallerPolicies = { principal, policySet, origins };
  if (roleArn !== undefined) out.roleArn = roleArn;
  return out;
}

/** The caller's policies, rebuilt only when Organizations or IAM state has changed since the last call. */
export function callerPolicies(store: Store, caller: Principal): CallerPolicies {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new Map();
    caches.set(store, cache);
  }
  const version = stateVersion(store);
  const key = `${caller.accountId}|${caller.arn}`;
  const hit = cache.get(key);
  if (hit !== undefined && hit.version === version) return hit.value;
  // Entries of other callers built at an older version can never be hit again.
  if (hit === undefined && cache.size > 10_000) cache.clear();
  const value = buildCallerPolicies(store, caller.accountId, caller.arn, caller.roleArn);
  cache.set(key, { version, value });
  return value;
}
