import type { Environment } from '../model/environment.js';
import type {
  AccessAssignment,
  Account,
  OrgModel,
  OrganizationalUnit,
  PermissionSet,
  ServiceControlPolicy,
} from '../model/organization.js';
import type { PackedPolicy } from '../guardrails/pack.js';
import { SCP_MAX_SIZE } from './policy/scp-size.js';
import { buildCostModel } from './cost-model.js';
import { buildBudgets } from './budgets.js';
import { buildSecurityServices } from './security-model.js';
import type { OrgSpec } from './schema.js';
import { buildTrail } from './trail.js';
import { buildQuotas } from './quotas.js';
import type { WalkedOu } from './rules/organizational-units.js';
import type { CheckedPolicies } from './rules/policies.js';

const DEFAULT_SESSION_DURATION = 'PT1H';

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Builds the normalized model from a spec that passed validation without errors. */
export function buildModel(
  spec: OrgSpec,
  ous: WalkedOu[],
  placement: Map<string, string>,
  policies: CheckedPolicies,
  assignments: AccessAssignment[],
  packedGuardrails: readonly PackedPolicy[] = [],
): OrgModel {
  const org = spec.organization;
  const environments = new Map<string, Environment>(
    Object.entries(spec.environments ?? {}).map(([name, e]) => [
      name,
      {
        name,
        kind: e.kind,
        tags: e.tags ?? {},
        ...optional('description', e.description),
        ...optional('owner', e.owner),
      },
    ]),
  );
  const organizationalUnits = new Map<string, OrganizationalUnit>(
    ous.map(({ ou, path, parentPath, depth }) => [
      path,
      {
        name: ou.name,
        path,
        parentPath,
        depth,
        tags: ou.tags ?? {},
        ...optional('description', ou.description),
        ...optional('renamedFrom', ou.renamedFrom),
      },
    ]),
  );
  const accounts = new Map<string, Account>(
    (spec.accounts ?? []).map((a) => [
      a.name,
      {
        name: a.name,
        email: a.email,
        environment: a.environment,
        alsoHosts: a.alsoHosts ?? [],
        ouPath: placement.get(a.name) ?? null,
        tags: { ...(org.defaultTags ?? {}), ...(a.tags ?? {}) },
        protect: a.protect ?? false,
        lifecycle: a.lifecycle ?? 'active',
        ...optional('owner', a.owner),
        ...optional('id', a.id),
      },
    ]),
  );
  const serviceControlPolicies = new Map<string, ServiceControlPolicy>(
    (spec.policies?.serviceControlPolicies ?? []).map((p) => [
      p.name,
      {
        name: p.name,
        document: policies.documents.get(p.name),
        targets: policies.targets.get(p.name) ?? [],
        tags: p.tags ?? {},
        ...optional('description', p.description),
      },
    ]),
  );
  // Guardrails packed into SCPs are ordinary policies from here on; `origin` says what each holds.
  for (const p of packedGuardrails) {
    serviceControlPolicies.set(p.name, {
      name: p.name,
      description: `Bulkhead guardrails: ${p.guardrails.join(', ')}`,
      document: p.document,
      targets: p.targets,
      tags: {},
      origin: { guardrails: p.guardrails, size: p.size, maxSize: SCP_MAX_SIZE },
    });
  }
  const trail = buildTrail(spec);
  const identity = spec.identity ?? {};
  const permissionSets = new Map<string, PermissionSet>(
    (identity.permissionSets ?? []).map((p) => [
      p.name,
      {
        name: p.name,
        managedPolicies: (p.managedPolicies ?? []).map((m) => policies.managedPolicyArns.get(m) ?? m),
        customerManagedPolicies: (p.customerManagedPolicies ?? []).map((c) =>
          typeof c === 'string' ? { name: c, path: '/' } : { name: c.name, path: c.path ?? '/' },
        ),
        sessionDuration: p.sessionDuration ?? DEFAULT_SESSION_DURATION,
        tags: { ...(org.defaultTags ?? {}), ...(p.tags ?? {}) },
        ...optional('description', p.description),
        ...optional('inlinePolicy', policies.inlinePolicies.get(p.name)),
        ...optional('relayState', p.relayState),
        ...optional(
          'permissionBoundary',
          p.permissionBoundary?.managedPolicy === undefined
            ? p.permissionBoundary
            : {
                ...p.permissionBoundary,
                managedPolicy:
                  policies.managedPolicyArns.get(p.permissionBoundary.managedPolicy) ??
                  p.permissionBoundary.managedPolicy,
              },
        ),
      },
    ]),
  );
  const security = buildSecurityServices(spec);
  return {
    name: org.name,
    homeRegion: org.homeRegion,
    allowedRegions: org.allowedRegions ?? [],
    defaultTags: org.defaultTags ?? {},
    managementAccount: {
      name: org.managementAccount.name,
      email: org.managementAccount.email,
      ...optional('id', org.managementAccount.id),
    },
    environments,
    organizationalUnits,
    accounts,
    serviceControlPolicies,
    identity: {
      source: identity.source ?? 'bulkhead',
      users: new Map(
        (identity.users ?? []).map((u) => [
          u.userName,
          {
            userName: u.userName,
            email: u.email,
            ...optional('displayName', u.displayName),
            ...optional('givenName', u.givenName),
            ...optional('familyName', u.familyName),
          },
        ]),
      ),
      groups: new Map(
        (identity.groups ?? []).map((g) => [
          g.name,
          { name: g.name, members: g.members ?? [], ...optional('description', g.description) },
        ]),
      ),
      permissionSets,
      assignments,
    },
    cost: buildCostModel(spec, accounts, buildBudgets(spec)),
    ...optional(
      'audit',
      trail || security ? { ...optional('trail', trail), ...optional('security', security) } : undefined,
    ),
    ...optional('quotas', buildQuotas(spec)),
  };
}
