// The full access matrix on a large organization: 1,000 accounts in 40 OUs, 40 groups, 10 permission sets,
// 200 actions. Target (issue #5): under 10 s. Run `npm run build` first.
// Usage: node bench/access-matrix.js [ACCOUNTS=1000] [RUNS=3]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { expandActionPattern } from '../dist/access/check-actions.js';
import { prepareManagedPolicyCache } from '../dist/toolkit/managed-policies.js';
import { accessCan, accessMatrix } from '../dist/toolkit/access.js';

const ACCOUNTS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);

function spec(accounts) {
  const environments = {};
  const accountList = [];
  const ous = [];
  const leaves = [];
  // 8 top-level OUs with 4 children each: 40 OUs, 32 of them holding accounts.
  for (let t = 0; t < 8; t++) {
    const children = [];
    for (let c = 0; c < 4; c++) {
      const leaf = { name: `team${c}`, accounts: [] };
      children.push(leaf);
      leaves.push({ path: `bu${t}/team${c}`, leaf });
    }
    ous.push({ name: `bu${t}`, children });
  }
  const kinds = ['production', 'staging', 'development', 'sandbox'];
  for (let i = 0; i < accounts; i++) {
    const kind = kinds[i % 4];
    const env = `env${i}-${kind.slice(0, 4)}`;
    environments[env] = { kind, ...(kind === 'sandbox' ? { owner: `user${i % 80}` } : {}) };
    const name = `acct-${i}`;
    accountList.push({ name, email: `aws+${name}@example.com`, environment: env });
    leaves[i % leaves.length].leaf.accounts.push(name);
  }
  const managed = [
    'PowerUserAccess',
    'ReadOnlyAccess',
    'ViewOnlyAccess',
    'SecurityAudit',
    'AdministratorAccess',
    'AmazonS3FullAccess',
    'AmazonDynamoDBFullAccess',
    'AWSLambda_FullAccess',
    'AmazonEC2FullAccess',
  ];
  const permissionSets = managed.map((m, i) => ({ name: `PS${i}`, managedPolicies: [m] }));
  permissionSets.push({
    name: 'PS9',
    managedPolicies: ['ReadOnlyAccess'],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Tables',
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    },
    permissionBoundary: { managedPolicy: 'PowerUserAccess' },
  });
  const users = Array.from({ length: 80 }, (_, i) => ({ userName: `user${i}`, email: `user${i}@example.com` }));
  const groups = Array.from({ length: 40 }, (_, g) => ({ name: `Group${g}`, members: [`user${g}`, `user${g + 40}`] }));
  const access = {};
  const selectors = ['kind:production', 'kind:staging', 'kind:development', '*'];
  groups.forEach((g, i) => {
    access[g.name] = { [selectors[i % 4]]: `PS${i % 10}`, 'kind:sandbox': { permissionSet: 'PS0', ownerOnly: true } };
    if (i % 4 === 3) delete access[g.name]['kind:sandbox'];
  });
  const scps = [
    {
      name: 'deny-outside-allowed-regions',
      targets: ['root'],
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Regions',
            Effect: 'Deny',
            NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
          },
        ],
      },
    },
    {
      name: 'deny-iam-users',
      targets: ['ou:bu0', 'ou:bu1', 'ou:bu2', 'ou:bu3'],
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' }],
      },
    },
    {
      name: 'protect-trail',
      targets: ['root'],
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' }],
      },
    },
    ...leaves.slice(0, 8).map((l, i) => ({
      name: `team-guard-${i}`,
      targets: [`ou:${l.path}`],
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: [`dynamodb:Delete*`, 's3:DeleteBucket'],
            Resource: '*',
            // Identity Center roles live under /aws-reserved/sso.amazonaws.com/ (plus the region outside us-east-1).
            Condition: {
              StringNotLike: {
                'aws:PrincipalArn': ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_PS4_*'],
              },
            },
          },
        ],
      },
    })),
  ];
  return {
    version: 1,
    organization: {
      name: 'bench',
      managementAccount: { name: 'bench-management', email: 'aws+management@example.com' },
      homeRegion: 'eu-west-1',
      allowedRegions: ['eu-west-1', 'eu-central-1'],
    },
    environments,
    organizationalUnits: ous,
    accounts: accountList,
    policies: { serviceControlPolicies: scps },
    identity: { users, groups, permissionSets, access },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bench-access-'));
const file = join(dir, 'org.yaml');
writeFileSync(file, stringify(spec(ACCOUNTS)));

let t = performance.now();
prepareManagedPolicyCache();
const cacheMs = performance.now() - t;

// 200 actions over common services, every access level.
const actions = [];
for (const p of [
  'ec2:*',
  's3:*',
  'dynamodb:*',
  'lambda:*',
  'iam:*',
  'cloudtrail:*',
  'kms:*',
  'sqs:*',
  'sns:*',
  'rds:*',
])
  actions.push(...(await expandActionPattern(p)).slice(0, 20));
if (actions.length !== 200) throw new Error(`expected 200 actions, got ${actions.length}`);

const times = [];
let result;
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  result = await accessMatrix({ file, actions });
  times.push(performance.now() - t);
}
const cells = result.data.rows.length * result.data.actions.length;
t = performance.now();
const can = await accessCan({ file, principal: 'Group0', environment: 'env0-prod', action: 'dynamodb:DeleteTable' });
const canMs = performance.now() - t;

times.sort((a, b) => a - b);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`accounts ${ACCOUNTS}, OUs 40, groups 40, permission sets 10, actions ${result.data.actions.length}`);
console.log(
  `rows (group × environment) ${result.data.rows.length}, decisions in the matrix ${cells.toLocaleString('en')}`,
);
console.log(
  `policy evaluations run (shared across accounts with the same SCP chain / permission set): ${result.data.evaluations.toLocaleString('en')}`,
);
console.log(`managed-policy cache ready in ${cacheMs.toFixed(0)} ms`);
console.log(
  `full matrix (load + validate spec, resolve actions, evaluate, aggregate), median of ${RUNS}: ${fmt(times[Math.floor(times.length / 2)])} (min ${fmt(times[0])}, max ${fmt(times[times.length - 1])}); target < 10 s`,
);
console.log(`one explained 'can' question on the same spec: ${canMs.toFixed(0)} ms (allowed: ${can.allowed})`);
