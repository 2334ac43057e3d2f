// The peer benchmark's two reference organizations, each written for both tools: Bulkhead's org.yaml and
// org-formation's organization.yml. One description renders both, and gives what must exist on moto afterwards.

export const MANAGEMENT = { id: '123456789012', name: 'master', email: 'master@example.com' };

const DENY_LEAVE = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};
const REGIONS = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyOutsideRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    },
  ],
};
const NO_IAM_USERS = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyIamUsers', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' },
  ],
};

/**
 * An organization: OUs by path (each with its accounts) and SCPs with their targets (`root` or an OU path).
 * Accounts carry the environment and kind Bulkhead's spec needs; org-formation ignores them.
 */
function describe(name, ous, policies) {
  return { name, ous, policies };
}

const account = (name, kind) => ({ name, kind, email: `aws+${name}@example.com` });

/** 12 accounts: Security, Infrastructure, Workloads/{Prod, Staging, Dev}, Sandbox; 3 SCPs; nested OUs. */
export function twelveAccounts() {
  return describe(
    'bench12',
    [
      { path: 'Security', accounts: [account('log-archive', 'log-archive'), account('security', 'security')] },
      {
        path: 'Infrastructure',
        accounts: [account('network', 'network'), account('shared-services', 'shared-services')],
      },
      { path: 'Workloads', accounts: [] },
      { path: 'Workloads/Prod', accounts: [account('prod', 'production')] },
      { path: 'Workloads/Staging', accounts: [account('staging', 'staging')] },
      { path: 'Workloads/Dev', accounts: [account('dev', 'development')] },
      { path: 'Sandbox', accounts: [1, 2, 3, 4, 5].map((i) => account(`sandbox-${i}`, 'sandbox')) },
    ],
    policies(),
  );
}

/** 100 accounts in 10 OUs (nested under Workloads and Teams), 3 SCPs. */
export function hundredAccounts() {
  const range = (n, f) => Array.from({ length: n }, (_, i) => f(i + 1));
  return describe(
    'bench100',
    [
      { path: 'Security', accounts: [account('log-archive', 'log-archive'), account('security', 'security')] },
      { path: 'Infrastructure', accounts: range(4, (i) => account(`infra-${i}`, 'shared-services')) },
      { path: 'Workloads', accounts: [] },
      { path: 'Workloads/Prod', accounts: range(10, (i) => account(`prod-${i}`, 'production')) },
      { path: 'Workloads/Staging', accounts: range(10, (i) => account(`staging-${i}`, 'staging')) },
      { path: 'Workloads/Dev', accounts: range(14, (i) => account(`dev-${i}`, 'development')) },
      { path: 'Teams', accounts: [] },
      { path: 'Teams/Data', accounts: range(10, (i) => account(`data-${i}`, 'development')) },
      { path: 'Teams/Web', accounts: range(10, (i) => account(`web-${i}`, 'development')) },
      { path: 'Sandbox', accounts: range(40, (i) => account(`sandbox-${i}`, 'sandbox')) },
    ],
    policies(),
  );
}

function policies() {
  return [
    { name: 'DenyLeaveOrganization', document: DENY_LEAVE, targets: ['root'] },
    { name: 'AllowedRegions', document: REGIONS, targets: ['Workloads', 'Teams'] },
    { name: 'NoIamUsers', document: NO_IAM_USERS, targets: ['Sandbox'] },
  ];
}

export const accountsOf = (org) => org.ous.flatMap((ou) => ou.accounts.map((a) => ({ ...a, ou: ou.path })));

/** What moto must hold after an apply: OU paths, account name → OU path, policy name → sorted targets. */
export function expectedState(org) {
  const ouPaths = new Set(org.ous.map((o) => o.path));
  return {
    ous: [...ouPaths].sort(),
    accounts: Object.fromEntries(accountsOf(org).map((a) => [a.name, a.ou])),
    policies: Object.fromEntries(
      org.policies.map((p) => [p.name, p.targets.filter((t) => t === 'root' || ouPaths.has(t)).sort()]),
    ),
  };
}

/** Bulkhead's org.yaml (as an object; the caller writes it as YAML). */
export function bulkheadSpec(org) {
  const children = (parent) =>
    org.ous
      .filter((o) => parentOf(o.path) === parent)
      .map((o) => {
        const kids = children(o.path);
        return {
          name: o.path.split('/').at(-1),
          ...(o.accounts.length ? { accounts: o.accounts.map((a) => a.name) } : {}),
          ...(kids.length ? { children: kids } : {}),
        };
      });
  const accounts = accountsOf(org);
  const ouPaths = new Set(org.ous.map((o) => o.path));
  return {
    version: 1,
    organization: {
      name: org.name,
      homeRegion: 'us-east-1',
      managementAccount: { name: MANAGEMENT.name, email: MANAGEMENT.email, id: MANAGEMENT.id },
    },
    environments: Object.fromEntries(accounts.map((a) => [a.name, { kind: a.kind }])),
    organizationalUnits: children(null),
    accounts: accounts.map((a) => ({ name: a.name, email: a.email, environment: a.name })),
    policies: {
      serviceControlPolicies: org.policies.map((p) => ({
        name: p.name,
        document: p.document,
        targets: p.targets.filter((t) => t === 'root' || ouPaths.has(t)).map((t) => (t === 'root' ? t : `ou:${t}`)),
      })),
    },
  };
}

const parentOf = (path) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null);
const logical = (text) => text.replace(/[^A-Za-z0-9]/g, ' ').replace(/(?:^| )(\w)/g, (_, c) => c.toUpperCase());

/** org-formation's organization.yml (text: it needs `!Ref`). */
export function orgFormationTemplate(org) {
  const ouId = (path) => `${logical(path)}OU`;
  const accountId = (name) => `${logical(name)}Account`;
  const policyId = (name) => `${logical(name)}Scp`;
  const policiesOn = (target) => org.policies.filter((p) => p.targets.includes(target)).map((p) => policyId(p.name));
  const refs = (ids) => `[${ids.map((id) => `!Ref ${id}`).join(', ')}]`;
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09-OC'",
    `Description: peer benchmark organization ${org.name}`,
    '',
    'Organization:',
    '  ManagementAccount:',
    '    Type: OC::ORG::MasterAccount',
    '    Properties:',
    `      AccountName: ${MANAGEMENT.name}`,
    `      AccountId: '${MANAGEMENT.id}'`,
    `      RootEmail: ${MANAGEMENT.email}`,
    '',
    '  OrganizationRoot:',
    '    Type: OC::ORG::OrganizationRoot',
    '    Properties:',
    '      DefaultOrganizationAccessRoleName: OrganizationAccountAccessRole',
  ];
  const rootPolicies = policiesOn('root');
  if (rootPolicies.length) lines.push(`      ServiceControlPolicies: ${refs(rootPolicies)}`);
  for (const ou of org.ous) {
    const kids = org.ous.filter((o) => parentOf(o.path) === ou.path).map((o) => ouId(o.path));
    lines.push('', `  ${ouId(ou.path)}:`, '    Type: OC::ORG::OrganizationalUnit', '    Properties:');
    lines.push(`      OrganizationalUnitName: ${ou.path.split('/').at(-1)}`);
    if (ou.accounts.length) lines.push(`      Accounts: ${refs(ou.accounts.map((a) => accountId(a.name)))}`);
    if (kids.length) lines.push(`      OrganizationalUnits: ${refs(kids)}`);
    const scps = policiesOn(ou.path);
    if (scps.length) lines.push(`      ServiceControlPolicies: ${refs(scps)}`);
  }
  for (const a of accountsOf(org)) {
    lines.push('', `  ${accountId(a.name)}:`, '    Type: OC::ORG::Account', '    Properties:');
    lines.push(`      AccountName: ${a.name}`, `      RootEmail: ${a.email}`);
  }
  for (const p of org.policies) {
    lines.push('', `  ${policyId(p.name)}:`, '    Type: OC::ORG::ServiceControlPolicy', '    Properties:');
    lines.push(`      PolicyName: ${p.name}`, `      PolicyDocument: '${JSON.stringify(p.document)}'`);
  }
  return `${lines.join('\n')}\n`;
}
