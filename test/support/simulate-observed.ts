import { SERVICE_PRINCIPALS } from '../../src/model/audit.js';
import { formatTarget, type OrgModel } from '../../src/model/organization.js';
import { wantedAutoEnable } from '../../src/model/security-services.js';
import { MANAGED_BY_TAG, type ObservedOrg, type ObservedState } from '../../src/model/observed.js';
import { expandGrid } from '../../src/plan/identity/expand-grid.js';
import { permissionSetFields } from '../../src/plan/kinds/permission-set.js';
import { minifyPolicy } from '../../src/plan/policy-content.js';
import { servicePrincipalsWanted } from '../../src/model/audit.js';
import { serviceAccessTag } from '../../src/model/payloads.js';
import { costAllocationTagMarker } from '../../src/model/cost-kinds.js';
import { trailArn, trailBucketPolicy } from '../../src/model/trail-kinds.js';
import { budgetSubscriber, type BudgetSubscriber } from '../../src/model/budget-kinds.js';

/** The AWS managed SCP every organization has, attached to the root. */
export const FULL_AWS_ACCESS = {
  id: 'p-FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  awsManaged: true,
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  tags: {},
};

/**
 * The organization as it would be observed right after applying `model` — deterministic ids, so
 * plan snapshots are stable. Lets plan tests say "from this spec to that one".
 */
export function observedAfterApplying(model: OrgModel): ObservedOrg {
  let n = 0;
  const id = (prefix: string) => `${prefix}${String(++n).padStart(8, '0')}`;
  const rootId = 'r-root';
  const managed = { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
  const ouIds = new Map<string, string>();
  const organizationalUnits = [...model.organizationalUnits.values()]
    .sort((a, b) => a.depth - b.depth)
    .map((ou) => {
      const ouId = `ou-root-${id('')}`;
      ouIds.set(ou.path, ouId);
      return {
        id: ouId,
        arn: `arn:aws:organizations::111111111111:ou/o-test/${ouId}`,
        name: ou.name,
        parentId: ou.parentPath === null ? rootId : ouIds.get(ou.parentPath)!,
        path: ou.path,
        tags: { ...model.defaultTags, ...ou.tags, ...managed },
      };
    });
  const accountIds = new Map<string, string>();
  const accounts = [...model.accounts.values()].map((a, i) => {
    const accountId = a.id ?? String(200000000000 + i);
    accountIds.set(a.name, accountId);
    return {
      id: accountId,
      arn: `arn:aws:organizations::111111111111:account/o-test/${accountId}`,
      name: a.name,
      email: a.email,
      status: a.lifecycle === 'close' ? 'SUSPENDED' : 'ACTIVE',
      parentId: a.ouPath === null ? rootId : ouIds.get(a.ouPath)!,
      tags: { ...a.tags, environment: a.environment, ...managed },
    };
  });
  const targetId = (key: string) =>
    key === 'root' ? rootId : key.startsWith('ou:') ? ouIds.get(key.slice(3))! : accountIds.get(key.slice(8))!;
  const policies = [...model.serviceControlPolicies.values()].map((p) => ({
    id: id('p-'),
    arn: 'arn:aws:organizations::111111111111:policy/o-test/service_control_policy/p-x',
    name: p.name,
    description: p.description ?? '',
    awsManaged: false,
    content: minifyPolicy(p.document),
    tags: { ...p.tags, ...managed },
    targetIds: p.targets.map((t) => targetId(formatTarget(t))),
  }));
  return {
    organization: {
      id: 'o-test',
      arn: 'arn:aws:organizations::111111111111:organization/o-test',
      managementAccountId: '111111111111',
      featureSet: 'ALL',
    },
    root: {
      id: rootId,
      arn: 'arn:aws:organizations::111111111111:root/o-test/r-root',
      enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
      // Bulkhead's mark on each service principal it enabled (src/plan/kinds/service-access.ts).
      tags: {
        ...Object.fromEntries(
          servicePrincipalsWanted(model.audit, model.quotas).map((p) => [serviceAccessTag(p), 'enabled']),
        ),
        // …and on each cost-allocation tag it activated (src/plan/kinds/cost-allocation-tag.ts).
        ...Object.fromEntries((model.cost?.allocationTags ?? []).map((k) => [costAllocationTagMarker(k), k])),
      },
    },
    organizationalUnits,
    accounts: [
      {
        id: '111111111111',
        arn: 'arn:aws:organizations::111111111111:account/o-test/111111111111',
        name: model.managementAccount.name,
        email: model.managementAccount.email,
        status: 'ACTIVE',
        parentId: rootId,
        tags: {},
      },
      ...accounts,
    ],
    policies: [{ ...FULL_AWS_ACCESS, targetIds: [rootId] }, ...policies],
    pendingCreates: [],
  };
}

export const EMPTY_OBSERVED: ObservedOrg = { organizationalUnits: [], accounts: [], policies: [], pendingCreates: [] };

/**
 * Identity Center as it would be observed right after applying `model` on top of `tree` (the
 * organization observedAfterApplying gave): deterministic ids, every grid cell assigned. Empty
 * when the spec has no identity.
 */
export function identityAfterApplying(model: OrgModel, tree: ObservedOrg): Partial<ObservedState> {
  const { users, groups, permissionSets, assignments, source } = model.identity;
  if (users.size + groups.size + permissionSets.size + assignments.length === 0) return {};
  const ssoUsers = [...users.values()].map((u, i) => ({ userId: `u-${i}`, ...u }));
  const ssoGroups = [...groups.values()].map((g, i) => ({
    groupId: `g-${i}`,
    name: g.name,
    ...(g.description !== undefined ? { description: g.description } : {}),
  }));
  const userId = new Map(ssoUsers.map((u) => [u.userName, u.userId]));
  const groupId = new Map(ssoGroups.map((g) => [g.name, g.groupId]));
  const memberships =
    source === 'external'
      ? []
      : [...groups.values()].flatMap((g) =>
          g.members.map((m) => ({
            membershipId: `m-${g.name}-${m}`,
            groupId: groupId.get(g.name)!,
            groupName: g.name,
            userId: userId.get(m)!,
            userName: m,
          })),
        );
  const accountId = new Map(tree.accounts.map((a) => [a.email.toLowerCase(), a.id]));
  const grid = expandGrid(model, tree.organization?.managementAccountId);
  const sets = [...permissionSets.values()].map((ps, i) => {
    const { name, tags, ...fields } = permissionSetFields(ps);
    const arn = `arn:aws:sso:::permissionSet/ssoins-test/ps-${i}`;
    const provisioned = [
      ...new Set(grid.filter((a) => a.permissionSet === name).map((a) => accountId.get(a.accountEmail.toLowerCase())!)),
    ];
    return { arn, name, tags, ...fields, provisionedAccountIds: provisioned };
  });
  const arnOf = new Map(sets.map((s) => [s.name, s.arn]));
  return {
    'identity-center': [
      {
        instanceArn: 'arn:aws:sso:::instance/ssoins-test',
        identityStoreId: 'd-test',
        ownerAccountId: '111111111111',
        region: model.homeRegion,
      },
    ],
    'sso-user': ssoUsers,
    'sso-group': ssoGroups,
    'sso-group-membership': memberships,
    'permission-set': sets,
    'account-assignment': grid.map((a) => ({
      accountId: accountId.get(a.accountEmail.toLowerCase())!,
      permissionSetArn: arnOf.get(a.permissionSet)!,
      permissionSetName: a.permissionSet,
      principalType: a.principalType,
      principalId: (a.principalType === 'GROUP' ? groupId : userId).get(a.principalName)!,
      principalName: a.principalName,
    })),
  };
}

/**
 * The security services as observed right after applying `model` on top of `tree`: every wanted delegated
 * administrator registered and every service set up in the admin account. Empty without `audit.security`.
 */
export function securityAfterApplying(model: OrgModel, tree: ObservedOrg): Partial<ObservedState> {
  const security = model.audit?.security;
  if (security === undefined) return {};
  const email = model.accounts.get(security.adminAccount)?.email.toLowerCase();
  const accountId = tree.accounts.find((a) => a.email.toLowerCase() === email)!.id;
  return {
    'delegated-administrator': security.services.flatMap((s) =>
      SERVICE_PRINCIPALS[s].map((servicePrincipal) => ({ servicePrincipal, accountId })),
    ),
    'security-service': security.services.map((service) => {
      const auto = wantedAutoEnable(service, security.autoEnable);
      return {
        service,
        accountId,
        enabled: true,
        ...(auto !== undefined ? { autoEnable: auto } : {}),
        ...(service === 'guardduty' ? { detectorId: 'detector-test' } : {}),
        ...(service === 'config'
          ? {
              aggregators: [
                {
                  name: security.aggregatorName,
                  allAwsRegions: true,
                  roleArn: `arn:aws:iam::${accountId}:role/BulkheadConfigAggregator`,
                },
              ],
            }
          : {}),
      };
    }),
  };
}

/**
 * The audit kinds as observed right after applying `model` on top of `tree`: trusted access for the principals it
 * needs, the trail bucket configured as Bulkhead configures it, the organization trail logging.
 */
export function auditAfterApplying(model: OrgModel, tree: ObservedOrg): Partial<ObservedState> {
  const principals = servicePrincipalsWanted(model.audit, model.quotas).map((principal) => ({ principal }));
  const trail = model.audit?.trail;
  const org = tree.organization;
  if (!trail || !org) return { 'service-access': principals };
  const account = model.accounts.get(trail.bucketAccount)!;
  const accountId = tree.accounts.find((a) => a.email.toLowerCase() === account.email.toLowerCase())!.id;
  return {
    'service-access': principals,
    'trail-bucket': [
      {
        name: trail.bucketName,
        accountId,
        region: model.homeRegion,
        versioning: 'Enabled',
        encryption: trail.kmsKeyArn ? { algorithm: 'aws:kms', kmsKeyArn: trail.kmsKeyArn } : { algorithm: 'AES256' },
        publicAccessBlock: true,
        objectLockEnabled: trail.objectLock !== undefined,
        ...(trail.objectLock ? { objectLock: trail.objectLock } : {}),
        policy: trailBucketPolicy({
          bucket: trail.bucketName,
          trailName: trail.name,
          region: model.homeRegion,
          managementAccountId: org.managementAccountId,
          organizationId: org.id,
        }),
      },
    ],
    'organization-trail': [
      {
        name: trail.name,
        arn: trailArn(model.homeRegion, org.managementAccountId, trail.name),
        homeRegion: model.homeRegion,
        bucketName: trail.bucketName,
        isOrganizationTrail: true,
        isMultiRegionTrail: trail.multiRegion,
        includeGlobalServiceEvents: true,
        logFileValidation: true,
        ...(trail.kmsKeyArn ? { kmsKeyId: trail.kmsKeyArn } : {}),
        isLogging: true,
      },
    ],
  };
}

export const notificationOf = (type: string, threshold: number, subscribers: BudgetSubscriber[]) => ({
  type,
  comparison: 'GREATER_THAN',
  threshold,
  thresholdType: 'PERCENTAGE',
  subscribers,
});

/**
 * The budgets as observed right after applying `model` on top of `tree`: each one Bulkhead's (tagged), on the
 * accounts' ids, every alert a notification with every subscriber. Empty without `budgets:`.
 */
export function budgetsAfterApplying(model: OrgModel, tree: ObservedOrg): Partial<ObservedState> {
  const cost = model.cost;
  if (cost?.budgetsListed !== true) return {};
  const idOf = (name: string) => {
    const account = model.accounts.get(name);
    const email = (account?.email ?? model.managementAccount.email).toLowerCase();
    return tree.accounts.find((a) => a.email.toLowerCase() === email)!.id;
  };
  return {
    budget: cost.budgets.map((b) => ({
      name: b.name,
      budgetType: 'COST',
      limit: b.limit,
      currency: b.currency,
      period: b.period,
      accountIds: b.accounts.map(idOf).sort(),
      notifications: b.alerts.map((a) => notificationOf(a.type, a.threshold, b.subscribers.map(budgetSubscriber))),
      tags: { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value },
    })),
  };
}
