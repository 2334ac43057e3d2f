// Builds, in memory, the organization as refresh would observe it right after applying a spec:
// every OU, account and SCP in place and tagged, FullAWSAccess attached everywhere as AWS does.
// For benchmarks of the pure diff (no local cloud needed).
import { formatTarget } from '../dist/model/organization.js';

const MANAGED = { 'managed-by': 'bulkhead' };

export function observedAfterApplying(model) {
  let n = 0;
  const nextId = () => String(++n).padStart(8, '0');
  const rootId = 'r-root';
  const ouIds = new Map();
  const organizationalUnits = [...model.organizationalUnits.values()]
    .sort((a, b) => a.depth - b.depth)
    .map((ou) => {
      const id = `ou-root-${nextId()}`;
      ouIds.set(ou.path, id);
      return {
        id,
        arn: `arn:aws:organizations::111111111111:ou/o-bench/${id}`,
        name: ou.name,
        parentId: ou.parentPath === null ? rootId : ouIds.get(ou.parentPath),
        path: ou.path,
        tags: { ...model.defaultTags, ...ou.tags, ...MANAGED },
      };
    });
  const accountIds = new Map();
  const accounts = [...model.accounts.values()].map((a, i) => {
    const id = a.id ?? String(200000000000 + i);
    accountIds.set(a.name, id);
    return {
      id,
      arn: `arn:aws:organizations::111111111111:account/o-bench/${id}`,
      name: a.name,
      email: a.email,
      status: 'ACTIVE',
      parentId: a.ouPath === null ? rootId : ouIds.get(a.ouPath),
      tags: { ...a.tags, environment: a.environment, ...MANAGED },
    };
  });
  const targetId = (key) =>
    key === 'root' ? rootId : key.startsWith('ou:') ? ouIds.get(key.slice(3)) : accountIds.get(key.slice(8));
  const policies = [...model.serviceControlPolicies.values()].map((p) => ({
    id: `p-${nextId()}`,
    arn: 'arn:aws:organizations::111111111111:policy/o-bench/service_control_policy/p-x',
    name: p.name,
    description: p.description ?? '',
    awsManaged: false,
    content: JSON.stringify(typeof p.document === 'string' ? JSON.parse(p.document) : p.document),
    tags: { ...p.tags, ...MANAGED },
    targetIds: p.targets.map((t) => targetId(formatTarget(t))),
  }));
  const everything = [rootId, ...organizationalUnits.map((o) => o.id), '111111111111', ...accounts.map((a) => a.id)];
  return {
    organization: {
      id: 'o-bench',
      arn: 'arn:aws:organizations::111111111111:organization/o-bench',
      managementAccountId: '111111111111',
      featureSet: 'ALL',
    },
    root: {
      id: rootId,
      arn: 'arn:aws:organizations::111111111111:root/o-bench/r-root',
      enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
      tags: {},
    },
    organizationalUnits,
    accounts: [
      {
        id: '111111111111',
        arn: 'arn:aws:organizations::111111111111:account/o-bench/111111111111',
        name: model.managementAccount.name,
        email: model.managementAccount.email,
        status: 'ACTIVE',
        parentId: rootId,
        tags: {},
      },
      ...accounts,
    ],
    policies: [
      {
        id: 'p-FullAWSAccess',
        arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        name: 'FullAWSAccess',
        description: 'Allows access to every operation',
        awsManaged: true,
        content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        tags: {},
        targetIds: everything,
      },
      ...policies,
    ],
    pendingCreates: [],
  };
}

export const EMPTY_OBSERVED = { organizationalUnits: [], accounts: [], policies: [], pendingCreates: [] };
