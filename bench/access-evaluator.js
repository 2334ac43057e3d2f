// Decisions per second of the access evaluator on realistic requests, without explanations.
// Run after `npm run build`: node bench/access-evaluator.js [seconds]
import { performance } from 'node:perf_hooks';
import { evaluate, isAllowed } from '../dist/access/index.js';

const A = '111111111111';
const V = '2012-10-17';
const P = (name, statements) => ({ name, document: { Version: V, Statement: statements } });

const policySet = {
  scpLevels: [
    {
      target: 'root r-ab12',
      policies: [
        P('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
        P('RegionGuard', [
          {
            Sid: 'DenyOtherRegions',
            Effect: 'Deny',
            NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*'],
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1', 'us-east-1'] } },
          },
          { Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
          {
            Sid: 'ProtectCloudTrail',
            Effect: 'Deny',
            Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
            Resource: '*',
          },
        ]),
      ],
    },
    {
      target: 'ou Workloads/Prod',
      policies: [
        P('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
        P('ProdGuard', [
          { Sid: 'NoIamUsers', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' },
          {
            Sid: 'RequireImdsV2',
            Effect: 'Deny',
            Action: 'ec2:RunInstances',
            Resource: 'arn:aws:ec2:*:*:instance/*',
            Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
          },
          {
            Sid: 'NoPublicBuckets',
            Effect: 'Deny',
            Action: 's3:PutBucketPublicAccessBlock',
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin*' } },
          },
          {
            Sid: 'TagsOnCreate',
            Effect: 'Deny',
            Action: ['ec2:CreateVolume'],
            Resource: '*',
            Condition: { Null: { 'aws:RequestTag/cost-center': 'true' } },
          },
        ]),
      ],
    },
    {
      target: `account ${A}`,
      policies: [
        P('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
        P('NoRoot', [
          {
            Sid: 'NoRoot',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
          },
        ]),
      ],
    },
  ],
  identityPolicies: [
    P('ReadOnlyish', [
      {
        Sid: 'Describe',
        Effect: 'Allow',
        Action: ['ec2:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'logs:Get*', 'logs:Describe*'],
        Resource: '*',
      },
      {
        Sid: 'S3Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::app-*', 'arn:aws:s3:::app-*/*'],
      },
    ]),
    P('TeamData', [
      {
        Sid: 'TeamPrefix',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: 'arn:aws:s3:::app-data/${aws:PrincipalTag/team}/*',
      },
      {
        Sid: 'Queues',
        Effect: 'Allow',
        Action: 'sqs:*',
        Resource: `arn:aws:sqs:*:${A}:team-*`,
        Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      },
      { Sid: 'NoDeleteQueue', Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*' },
    ]),
    P('Lambda', [
      {
        Sid: 'Invoke',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction', 'lambda:Get*'],
        Resource: `arn:aws:lambda:*:${A}:function:svc-*`,
      },
      {
        Sid: 'Deploy',
        Effect: 'Allow',
        Action: 'lambda:UpdateFunctionCode',
        Resource: '*',
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        },
      },
    ]),
    P('Dynamo', [
      {
        Sid: 'Items',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        Resource: `arn:aws:dynamodb:eu-west-1:${A}:table/*`,
      },
      {
        Sid: 'Network',
        Effect: 'Deny',
        Action: 'dynamodb:*',
        Resource: '*',
        Condition: {
          NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
          Bool: { 'aws:ViaAWSService': 'false' },
        },
      },
    ]),
    P('Kms', [
      {
        Sid: 'Use',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app-*' } },
      },
    ]),
  ],
  permissionBoundary: P('Boundary', [
    { Sid: 'NotIam', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
  ]),
};

const principals = ['alice', 'bob', 'carol', 'dave'].map((name, i) => ({
  arn: `arn:aws:sts::${A}:assumed-role/AWSReservedSSO_Developer_abc/${name}`,
  accountId: A,
  tags: { team: ['blue', 'red'][i % 2] },
  orgId: 'o-abc123',
  orgPaths: ['o-abc123/r-ab12/ou-prod/'],
}));
const actions = [
  ['s3:GetObject', 'arn:aws:s3:::app-data/blue/report.csv'],
  ['s3:PutObject', 'arn:aws:s3:::app-data/blue/upload.csv'],
  ['s3:PutObject', 'arn:aws:s3:::app-data/red/upload.csv'],
  ['ec2:DescribeInstances', '*'],
  ['ec2:RunInstances', `arn:aws:ec2:eu-west-1:${A}:instance/*`],
  ['sqs:SendMessage', `arn:aws:sqs:eu-west-1:${A}:team-orders`],
  ['sqs:DeleteQueue', `arn:aws:sqs:eu-west-1:${A}:team-orders`],
  ['lambda:InvokeFunction', `arn:aws:lambda:eu-west-1:${A}:function:svc-api`],
  ['lambda:UpdateFunctionCode', `arn:aws:lambda:eu-west-1:${A}:function:svc-api`],
  ['dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${A}:table/Users`],
  ['kms:Decrypt', `arn:aws:kms:eu-west-1:${A}:key/1234`],
  ['iam:CreateUser', `arn:aws:iam::${A}:user/x`],
];
const regions = ['eu-west-1', 'us-east-1', 'ap-south-1'];
const requests = [];
for (let i = 0; i < 4096; i++) {
  const [action, resource] = actions[i % actions.length];
  requests.push({
    principal: principals[i % principals.length],
    action,
    resource,
    region: regions[(i >> 3) % regions.length],
    context: {
      'aws:SourceIp': i % 5 === 0 ? '203.0.113.9' : '10.1.2.3',
      'aws:MultiFactorAuthPresent': i % 2 === 0,
      'aws:MultiFactorAuthAge': String((i * 37) % 7200),
      'aws:ViaAWSService': false,
      'aws:ResourceTag/team': i % 3 === 0 ? 'red' : 'blue',
      'kms:ResourceAliases': ['alias/app-main'],
      'ec2:MetadataHttpTokens': i % 4 === 0 ? 'optional' : 'required',
    },
  });
}

// Sanity: every request is valid input and the fast path agrees with the explained evaluation.
let allowed = 0;
for (const r of requests) {
  const full = evaluate(r, policySet, { explain: true });
  if (!full.ok) throw new Error(JSON.stringify(full.errors));
  if ((full.decision === 'allowed') !== isAllowed(r, policySet)) throw new Error(`fast path disagrees on ${r.action}`);
  if (full.decision === 'allowed') allowed++;
}

function run(label, fn, seconds) {
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < requests.length; i++) fn(requests[i]);
    n += requests.length;
  }
  const perSecond = Math.round(n / seconds);
  console.log(`${label}: ${perSecond.toLocaleString('en-US')} decisions/s`);
  return perSecond;
}

const seconds = Number(process.argv[2] ?? 3);
console.log(
  `access evaluator: ${requests.length} distinct requests, ${allowed} allowed; 3 SCP levels, 5 identity policies, a boundary`,
);
run('warm-up', (r) => isAllowed(r, policySet), 1);
run('isAllowed (fast path)', (r) => isAllowed(r, policySet), seconds);
run('evaluate (checked, no trace)', (r) => evaluate(r, policySet), seconds);
run('evaluate with explain', (r) => evaluate(r, policySet, { explain: true }), seconds);
