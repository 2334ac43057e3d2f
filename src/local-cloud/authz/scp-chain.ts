import type { NamedPolicy, PolicyDocument, ScpLevel } from '../../access/index.js';
import { policyArn } from '../services/organizations/common.js';
import type { OrganizationRecord, OuRecord, PolicyRecord } from '../services/organizations/tables.js';
import type { Store } from '../store/store.js';

/** Where an account sits in its organization, and the SCPs that govern its principals. */
export interface AccountPlacement {
  org: OrganizationRecord;
  isManagementAccount: boolean;
  /** `o-…/r-…/ou-…/` down to the account's parent, the value of `aws:PrincipalOrgPaths`. */
  orgPath: string;
  /**
   * One level per target from the root through each OU to the account, every level with the SCPs
   * attached there; undefined when SCPs are not enabled on the root (they then filter nothing).
   */
  scpLevels: ScpLevel[] | undefined;
}

const parsed = new WeakMap<PolicyRecord, PolicyDocument>();

/** Policy records are replaced whole on update, so a document parsed once per record stays valid. */
export function scpDocument(p: PolicyRecord): PolicyDocument {
  let doc = parsed.get(p);
  if (doc === undefined) {
    // CreatePolicy/UpdatePolicy only store JSON objects with a Statement, so this parse does not fail.
    doc = JSON.parse(p.content) as PolicyDocument;
    parsed.set(p, doc);
  }
  return doc;
}

function scpsAttachedTo(store: Store, org: OrganizationRecord, targetId: string): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  for (const id of store.get('attachments', targetId)?.policyIds ?? []) {
    const p = store.get('policies', id);
    if (p === undefined || p.type !== 'SERVICE_CONTROL_POLICY') continue;
    out.push({ name: policyArn(org, p), document: scpDocument(p) });
  }
  return out;
}

/** The organization of an account, if it belongs to one. */
export function organizationOf(store: Store, accountId: string): OrganizationRecord | undefined {
  const orgId = store.get('accounts', accountId)?.organizationId;
  return orgId === null || orgId === undefined ? undefined : store.get('organizations', orgId);
}

/**
 * AWS: SCPs apply to every principal of a member account, inherited root → each OU → the account
 * (every level must allow), and only while the SERVICE_CONTROL_POLICY type is enabled on the root of
 * an all-features organization. FullAWSAccess is an SCP like any other.
 */
export function accountPlacement(store: Store, accountId: string): AccountPlacement | undefined {
  const account = store.get('accounts', accountId);
  const org = organizationOf(store, accountId);
  if (account === undefined || org === undefined) return undefined;
  const ous: OuRecord[] = [];
  let parent = account.parentId;
  while (parent !== null && parent.startsWith('ou-')) {
    const ou = store.get('ous', parent);
    if (ou === undefined || ous.includes(ou)) break;
    ous.unshift(ou);
    parent = ou.parentId;
  }
  const orgPath = `${org.id}/${org.rootId}/${ous.map((ou) => `${ou.id}/`).join('')}`;
  const enabled =
    org.featureSet === 'ALL' &&
    (store.get('roots', org.rootId)?.policyTypes.includes('SERVICE_CONTROL_POLICY') ?? false);
  const scpLevels = enabled
    ? [
        { target: `root ${org.rootId}`, policies: scpsAttachedTo(store, org, org.rootId) },
        ...ous.map((ou) => ({ target: `ou ${ou.name} (${ou.id})`, policies: scpsAttachedTo(store, org, ou.id) })),
        { target: `account ${accountId}`, policies: scpsAttachedTo(store, org, accountId) },
      ]
    : undefined;
  return { org, isManagementAccount: org.managementAccountId === accountId, orgPath, scpLevels };
}
