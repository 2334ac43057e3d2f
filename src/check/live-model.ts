/**
 * The live organization in the model's terms, so that the same rules read it: accounts with their OU, tags and the
 * environment of their `environment` tag, OUs, the SCPs other than AWS's own and their targets, and the identity of
 * IAM Identity Center (from the access view), an account's owner from its tag or its one directly assigned user. What the organization cannot tell (what kind an environment is) comes
 * from the spec's `environments:`; what refresh does not read (the trail, the security services) is left unknown,
 * and the rules that need it say so.
 */
import type { AccessOrg } from '../access/org-view.js';
import type { ObservedOrg } from '../model/observed.js';
import type {
  Account,
  OrganizationalUnit,
  OrgModel,
  PolicyTarget,
  ServiceControlPolicy,
} from '../model/organization.js';

export function modelFromLive(observed: ObservedOrg, access: AccessOrg, spec: OrgModel): OrgModel {
  const managementId = observed.organization?.managementAccountId;
  const ous = new Map(observed.organizationalUnits.map((o) => [o.id, o]));
  const management = observed.accounts.find((a) => a.id === managementId);
  // Whom an account belongs to: its owner tag, else the one user Identity Center assigns to it directly (how an
  // ownerOnly grant, such as a sandbox's, shows live).
  const directUsers = new Map<string, Set<string>>();
  for (const row of access.identity.assignments) {
    if (row.group !== undefined || row.user === undefined) continue;
    const names =
      row.accounts ?? access.accounts.filter((x) => x.environments.includes(row.environment)).map((x) => x.name);
    for (const name of names) directUsers.set(name, (directUsers.get(name) ?? new Set()).add(row.user));
  }
  const accounts = new Map<string, Account>();
  for (const a of observed.accounts) {
    if (a.status !== 'ACTIVE') continue;
    const direct = [...(directUsers.get(a.name) ?? [])];
    const owner = a.tags['owner'] ?? (direct.length === 1 ? direct[0] : undefined);
    accounts.set(a.name, {
      name: a.name,
      email: a.email,
      environment: a.tags['environment'] ?? '',
      alsoHosts: [],
      ouPath: ous.get(a.parentId)?.path ?? null,
      tags: a.tags,
      protect: false,
      id: a.id,
      lifecycle: 'active',
      ...(owner === undefined ? {} : { owner }),
    });
  }
  const organizationalUnits = new Map<string, OrganizationalUnit>(
    observed.organizationalUnits.map((o) => {
      const parent = ous.get(o.parentId);
      return [
        o.path,
        {
          name: o.name,
          path: o.path,
          parentPath: parent?.path ?? null,
          depth: o.path.split('/').length,
          tags: o.tags,
        },
      ];
    }),
  );
  const targetOf = (id: string): PolicyTarget | undefined => {
    if (id === observed.root?.id) return { type: 'root' };
    const ou = ous.get(id);
    if (ou !== undefined) return { type: 'ou', path: ou.path };
    const account = observed.accounts.find((a) => a.id === id);
    return account === undefined ? undefined : { type: 'account', name: account.name };
  };
  const serviceControlPolicies = new Map<string, ServiceControlPolicy>();
  for (const p of observed.policies) {
    if (p.awsManaged) continue;
    let document: unknown;
    try {
      document = JSON.parse(p.content);
    } catch {
      document = undefined;
    }
    serviceControlPolicies.set(p.name, {
      name: p.name,
      description: p.description,
      document,
      targets: p.targetIds.map(targetOf).filter((t): t is PolicyTarget => t !== undefined),
      tags: p.tags,
    });
  }
  // The owners of environments are the spec's word; live, an account's owner tag says it.
  const environments = new Map([...spec.environments].map(([name, { owner: _owner, ...env }]) => [name, env]));
  return {
    name: spec.name,
    homeRegion: spec.homeRegion,
    // Which Regions are meant to be allowed is the spec's intent; live, the guardrails are probed in every Region.
    allowedRegions: [],
    defaultTags: {},
    managementAccount: {
      name: management?.name ?? spec.managementAccount.name,
      email: management?.email ?? spec.managementAccount.email,
      ...(managementId === undefined ? {} : { id: managementId }),
    },
    environments,
    organizationalUnits,
    accounts,
    serviceControlPolicies,
    identity: {
      source: spec.identity.source,
      users: access.identity.users,
      groups: access.identity.groups,
      permissionSets: access.identity.permissionSets,
      assignments: [],
    },
  };
}
