/**
 * The organization as the access questions see it: accounts with their environments and SCP chains
 * (root → each OU → the account), plus the identity part (groups, users, permission sets, the access grid).
 * Built from the spec alone, or from the live organization's OU tree, SCPs and IAM Identity Center.
 */
import type { Environment } from '../model/environment.js';
import type { ObservedOrg } from '../model/observed.js';
import type { Identity, IdentityUser, OrgModel, PermissionSet, PolicyTarget } from '../model/organization.js';
import type { NamedPolicy, PolicyDocument, ScpLevel } from './types.js';

export interface AccessAccount {
  name: string;
  /** The account id; a placeholder derived from the name when the spec does not give one (`idKnown: false`). */
  id: string;
  idKnown: boolean;
  /** The environments hosted here: the account's own first, then `alsoHosts`. */
  environments: string[];
  isManagementAccount: boolean;
  /** Root → each OU down to the account; each level holds FullAWSAccess and the SCPs attached there. */
  scpLevels: ScpLevel[];
  /** `aws:PrincipalOrgPaths` of principals in this account, e.g. `o-…/r-…/ou-…/`. */
  orgPath: string;
}

/** One row of the access grid as the access questions read it: the spec's rows, or rows rebuilt from live assignments. */
export interface AccessGrantRow {
  environment: string;
  permissionSet: string;
  /** The group granted; undefined for a permission set assigned to a user directly (live assignments only). */
  group?: string;
  /** Set for ownerOnly grants (spec) and USER assignments (live). */
  user?: string;
  /** The accounts (by name) of the environment where the grant holds; undefined: every account of the environment. */
  accounts?: string[];
}

/** The identity part the access questions read: the spec's identity, or Identity Center's rebuilt in its terms. */
export interface AccessIdentity {
  users: Map<string, IdentityUser>;
  groups: Identity['groups'];
  permissionSets: Map<string, PermissionSet>;
  assignments: AccessGrantRow[];
}

export interface AccessOrg {
  source: 'spec' | 'live';
  orgId: string;
  homeRegion: string;
  environments: Map<string, Environment>;
  accounts: AccessAccount[];
  identity: AccessIdentity;
  /** Where the identity came from: the spec, or the live IAM Identity Center instance. */
  identitySource: 'spec' | 'identity-center';
  /** What the answer rests on that the user should know (placeholder ids, identity taken from the spec…). */
  notes: string[];
}

/** AWS's FullAWSAccess SCP: Bulkhead keeps it attached to every target (deny-list strategy). */
export const FULL_AWS_ACCESS: NamedPolicy = Object.freeze({
  name: 'FullAWSAccess',
  document: Object.freeze({
    Version: '2012-10-17',
    Statement: [Object.freeze({ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' })],
  }) as PolicyDocument,
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A stable, recognisable stand-in for an account id the spec does not give: `99` followed by 10 digits. */
export function placeholderAccountId(name: string): string {
  return `99${String(hash(name) % 10_000_000_000).padStart(10, '0')}`;
}

function pseudoId(prefix: string, text: string, length: number): string {
  return `${prefix}${hash(text).toString(36).padStart(length, '0').slice(0, length)}`;
}

/** From the spec alone: OU tree, SCPs (with the implicit FullAWSAccess at every level), accounts and identity. */
export function accessOrgFromSpec(model: OrgModel): AccessOrg {
  const orgId = 'o-specmodel00';
  const rootId = 'r-spec';
  const attached = new Map<string, NamedPolicy[]>();
  const key = (t: PolicyTarget): string =>
    t.type === 'root' ? 'root' : t.type === 'ou' ? `ou:${t.path}` : `account:${t.name}`;
  for (const scp of model.serviceControlPolicies.values()) {
    // One NamedPolicy object per SCP, shared by every level, so the evaluator compiles each document once.
    const named: NamedPolicy = { name: scp.name, document: scp.document as PolicyDocument };
    for (const t of scp.targets) attached.set(key(t), [...(attached.get(key(t)) ?? []), named]);
  }
  const levelCache = new Map<string, ScpLevel>();
  const level = (k: string, label: string): ScpLevel => {
    let l = levelCache.get(k);
    if (l === undefined)
      levelCache.set(k, (l = { target: label, policies: [FULL_AWS_ACCESS, ...(attached.get(k) ?? [])] }));
    return l;
  };
  const missingIds: string[] = [];
  const accounts: AccessAccount[] = [];
  for (const a of model.accounts.values()) {
    if (a.lifecycle === 'close') continue;
    const isManagement = a.name === model.managementAccount.name;
    const id = a.id ?? (isManagement ? model.managementAccount.id : undefined);
    if (id === undefined) missingIds.push(a.name);
    const levels: ScpLevel[] = [level('root', 'root')];
    const ouIds: string[] = [];
    if (a.ouPath !== null) {
      const parts = a.ouPath.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join('/');
        levels.push(level(`ou:${path}`, `ou ${path}`));
        ouIds.push(pseudoId('ou-spec-', path, 8));
      }
    }
    levels.push({
      target: `account ${a.name}`,
      policies: [FULL_AWS_ACCESS, ...(attached.get(`account:${a.name}`) ?? [])],
    });
    accounts.push({
      name: a.name,
      id: id ?? placeholderAccountId(a.name),
      idKnown: id !== undefined,
      environments: [a.environment, ...a.alsoHosts],
      isManagementAccount: isManagement,
      scpLevels: levels,
      orgPath: `${orgId}/${rootId}/${ouIds.map((o) => `${o}/`).join('')}`,
    });
  }
  const notes: string[] = [];
  if (missingIds.length > 0) {
    const which =
      missingIds.length === accounts.length
        ? 'no account in the spec has an id'
        : `${missingIds.length} account${missingIds.length === 1 ? '' : 's'} in the spec ${missingIds.length === 1 ? 'has' : 'have'} no id`;
    notes.push(`${which}; placeholder ids (99…) stand in for them`);
  }
  return {
    source: 'spec',
    orgId,
    homeRegion: model.homeRegion,
    environments: model.environments,
    accounts,
    identity: model.identity,
    identitySource: 'spec',
    notes,
  };
}

/**
 * From the live organization: OU tree, accounts (environment from the `environment` tag) and SCPs as attached
 * there (FullAWSAccess included, as AWS reports it), with the spec's identity; `withLiveIdentity` (live-identity.ts)
 * then puts Identity Center's in its place.
 */
export function accessOrgFromLive(observed: ObservedOrg, model: OrgModel): AccessOrg {
  const orgId = observed.organization?.id ?? 'o-unknown0000';
  const rootId = observed.root?.id ?? 'r-unknown';
  const managementId = observed.organization?.managementAccountId;
  const byTarget = new Map<string, NamedPolicy[]>();
  for (const p of observed.policies) {
    let document: PolicyDocument;
    try {
      document = JSON.parse(p.content) as PolicyDocument;
    } catch {
      // Refresh does not read the content of AWS's own FullAWSAccess (it never changes): it is the known document.
      document = p.awsManaged && p.name === FULL_AWS_ACCESS.name ? FULL_AWS_ACCESS.document : { Statement: [] };
    }
    const named: NamedPolicy = { name: p.name, document, ...(p.arn ? { arn: p.arn } : {}) };
    for (const t of p.targetIds) byTarget.set(t, [...(byTarget.get(t) ?? []), named]);
  }
  const ous = new Map(observed.organizationalUnits.map((o) => [o.id, o]));
  const levelCache = new Map<string, ScpLevel>();
  const level = (id: string, label: string): ScpLevel => {
    let l = levelCache.get(id);
    if (l === undefined) levelCache.set(id, (l = { target: label, policies: byTarget.get(id) ?? [] }));
    return l;
  };
  const notes: string[] = [];
  const untagged: string[] = [];
  const accounts: AccessAccount[] = [];
  for (const a of observed.accounts) {
    if (a.status !== 'ACTIVE') continue;
    const chain: string[] = [];
    for (let parent = ous.get(a.parentId); parent !== undefined; parent = ous.get(parent.parentId))
      chain.unshift(parent.id);
    const environment = a.tags['environment'] ?? model.accounts.get(a.name)?.environment;
    if (a.tags['environment'] === undefined) untagged.push(a.name);
    accounts.push({
      name: a.name,
      id: a.id,
      idKnown: true,
      environments: environment === undefined ? [] : [environment],
      isManagementAccount: a.id === managementId,
      scpLevels: [
        level(rootId, 'root'),
        ...chain.map((id) => level(id, `ou ${ous.get(id)!.path}`)),
        { target: `account ${a.name}`, policies: byTarget.get(a.id) ?? [] },
      ],
      orgPath: `${orgId}/${rootId}/${chain.map((c) => `${c}/`).join('')}`,
    });
  }
  if (untagged.length > 0)
    notes.push(
      `accounts without an environment tag (environment taken from the spec by name, else none): ${untagged.join(', ')}`,
    );
  return {
    source: 'live',
    orgId,
    homeRegion: model.homeRegion,
    environments: model.environments,
    accounts,
    identity: model.identity,
    identitySource: 'spec',
    notes,
  };
}

/** Whether a grant row holds in an account (rows rebuilt from live assignments name their accounts). */
export function holdsIn(row: { accounts?: readonly string[] }, account: AccessAccount): boolean {
  return row.accounts === undefined || row.accounts.includes(account.name);
}

/** The accounts that host an environment. */
const byEnvironment = new WeakMap<AccessOrg, Map<string, AccessAccount[]>>();

export function accountsOf(org: AccessOrg, environment: string): AccessAccount[] {
  let index = byEnvironment.get(org);
  if (index === undefined) {
    index = new Map();
    for (const a of org.accounts) for (const e of a.environments) index.set(e, [...(index.get(e) ?? []), a]);
    byEnvironment.set(org, index);
  }
  return index.get(environment) ?? [];
}
