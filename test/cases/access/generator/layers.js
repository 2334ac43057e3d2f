// Cases for each layer of the decision: SCP levels, resource policies, boundaries, session policies, deny precedence.
import { A, ALICE, B, CAROL_B, DEV_SESSION, DEV_SESSION_B, DOCS, allowAll, doc, fullAccessScp, request, single } from './helpers.js';

const P = (name, statements) => ({ name, document: doc(statements) });
const allowS3 = (sid = 'S3') => ({ Sid: sid, Effect: 'Allow', Action: 's3:*', Resource: '*' });
const identityS3 = P('S3Access', [allowS3()]);
const level = (target, ...policies) => ({ target, policies });
const ROOT = 'root r-ab12';
const OU = 'ou Workloads/Prod';
const ACCOUNT = `account ${A}`;

const viaIdentity = { decision: 'allowed', layer: 'identity', policy: 'S3Access', sid: 'S3', statementIndex: 0 };

export const scpCases = [
  single('scp', 'no-scps', 'without SCP levels the identity policies decide', request(), { identity: [identityS3] }, viaIdentity, DOCS.evaluation),
  single('scp', 'full-access-every-level', 'FullAWSAccess at root, OU and account', request(), { scpLevels: [level(ROOT, fullAccessScp()), level(OU, fullAccessScp()), level(ACCOUNT, fullAccessScp())], identity: [identityS3] }, viaIdentity, DOCS.scp),
  single(
    'scp',
    'ou-lacks-allow',
    'an OU whose SCPs allow only ec2 blocks s3',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp()), level(OU, P('Ec2Only', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }])), level(ACCOUNT, fullAccessScp())], identity: [identityS3] },
    { decision: 'implicit-deny', layer: 'scp', target: OU },
    DOCS.scp,
  ),
  single(
    'scp',
    'account-lacks-allow',
    'the account level lacks an allow',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp()), level(ACCOUNT, P('Ec2Only', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]))], identity: [identityS3] },
    { decision: 'implicit-deny', layer: 'scp', target: ACCOUNT },
    DOCS.scp,
  ),
  single('scp', 'empty-level', 'a level without any SCP allows nothing', request(), { scpLevels: [level(ROOT, fullAccessScp()), level(OU)], identity: [identityS3] }, { decision: 'implicit-deny', layer: 'scp', target: OU }, DOCS.scp),
  single(
    'scp',
    'deny-at-ou',
    'a Deny at an OU wins over allows everywhere',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp()), level(OU, fullAccessScp(), P('DenyS3', [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }]))], identity: [identityS3] },
    { decision: 'explicit-deny', layer: 'scp', target: OU, policy: 'DenyS3', sid: 'NoS3', statementIndex: 0 },
    DOCS.scp,
  ),
  single(
    'scp',
    'region-guard-denies',
    'a region guard denies other regions',
    request({ region: 'ap-south-1' }),
    {
      scpLevels: [level(ROOT, fullAccessScp(), P('RegionGuard', [{ Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } }]))],
      identity: [identityS3],
    },
    { decision: 'explicit-deny', layer: 'scp', target: ROOT, policy: 'RegionGuard', sid: 'DenyOtherRegions', statementIndex: 0 },
    DOCS.scp,
  ),
  single(
    'scp',
    'region-guard-allows',
    'a region guard lets approved regions through',
    request({ region: 'eu-west-1' }),
    {
      scpLevels: [level(ROOT, fullAccessScp(), P('RegionGuard', [{ Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } }]))],
      identity: [identityS3],
    },
    viaIdentity,
    DOCS.scp,
  ),
  single(
    'scp',
    'region-guard-exempts-iam',
    'a region guard with NotAction exempts global services',
    request({ region: 'ap-south-1', action: 'iam:ListRoles', resource: '*' }),
    {
      scpLevels: [level(ROOT, fullAccessScp(), P('RegionGuard', [{ Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }]))],
      identity: [P('Iam', [{ Sid: 'Read', Effect: 'Allow', Action: 'iam:List*', Resource: '*' }])],
    },
    { decision: 'allowed', layer: 'identity', policy: 'Iam', sid: 'Read', statementIndex: 0 },
    DOCS.scp,
  ),
  single(
    'scp',
    'management-account-exempt',
    'SCPs do not affect the management account',
    request({ principal: { ...ALICE, isManagementAccount: true } }),
    { scpLevels: [level(ROOT, P('DenyAll', [{ Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }]))], identity: [identityS3] },
    viaIdentity,
    DOCS.scpExempt,
  ),
  single(
    'scp',
    'service-linked-role-exempt',
    'SCPs do not affect service-linked roles',
    request({ principal: { arn: `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForSupport/s`, accountId: A, isServiceLinkedRole: true } }),
    { scpLevels: [level(ROOT, P('DenyAll', [{ Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }]))], identity: [identityS3] },
    viaIdentity,
    DOCS.scpExempt,
  ),
  single('scp', 'allow-but-no-identity', 'SCPs grant nothing by themselves', request(), { scpLevels: [level(ROOT, fullAccessScp())], identity: [] }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.scp),
  single(
    'scp',
    'deny-beats-resource-policy',
    'an SCP Deny wins over a resource-policy grant',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp(), P('DenyS3', [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }]))], resource: P('BucketPolicy', [{ Sid: 'Alice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]) },
    { decision: 'explicit-deny', layer: 'scp', target: ROOT, policy: 'DenyS3', sid: 'NoS3', statementIndex: 0 },
    DOCS.scp,
  ),
  single(
    'scp',
    'lacking-allow-beats-resource-policy',
    'an SCP without an allow also blocks resource-policy grants',
    request(),
    { scpLevels: [level(ROOT, P('Ec2Only', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]))], resource: P('BucketPolicy', [{ Sid: 'Alice', Effect: 'Allow', Principal: { AWS: ALICE.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]) },
    { decision: 'implicit-deny', layer: 'scp', target: ROOT },
    DOCS.scp,
  ),
  single(
    'scp',
    'root-user-limited',
    'the root user of a member account is limited by SCPs',
    request({ principal: { arn: `arn:aws:iam::${A}:root`, accountId: A } }),
    { scpLevels: [level(ROOT, fullAccessScp(), P('DenyS3', [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }]))] },
    { decision: 'explicit-deny', layer: 'scp', target: ROOT, policy: 'DenyS3', sid: 'NoS3', statementIndex: 0 },
    DOCS.scp,
  ),
  single('scp', 'root-user-full-access', 'the root user needs no identity policy', request({ principal: { arn: `arn:aws:iam::${A}:root`, accountId: A } }), { scpLevels: [level(ROOT, fullAccessScp())] }, { decision: 'allowed' }, DOCS.evaluation),
  single(
    'scp',
    'allow-list-scp',
    'an allow-list SCP listing s3:Get* lets s3:GetObject through',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp()), level(OU, P('AllowList', [{ Sid: 'Reads', Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }]))], identity: [identityS3] },
    viaIdentity,
    DOCS.scp,
  ),
  single(
    'scp',
    'deny-with-org-condition',
    'an SCP denying principals outside the org paths',
    request({ principal: { ...ALICE, orgPaths: ['o-abc/r-ab12/ou-sandbox/'] } }),
    { scpLevels: [level(ROOT, fullAccessScp(), P('ProdOnly', [{ Sid: 'NotProd', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-abc/r-ab12/ou-prod/*' } } }]))], identity: [identityS3] },
    { decision: 'explicit-deny', layer: 'scp', target: ROOT, policy: 'ProdOnly', sid: 'NotProd', statementIndex: 0 },
    DOCS.scp,
  ),
];

const rp = (statements) => P('BucketPolicy', statements);
const grant = (principal, sid = 'Grant', extra = {}) => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra });
const viaRp = (sid = 'Grant', statementIndex = 0) => ({ decision: 'allowed', layer: 'resource-policy', policy: 'BucketPolicy', sid, statementIndex });
const denyPb = P('Boundary', [{ Sid: 'OnlyEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
const denySession = P('Session', [{ Sid: 'OnlyEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
const ROLE_DEV = `arn:aws:iam::${A}:role/Dev`;

export const resourcePolicyCases = [
  single('resource-policy', 'user-arn-same-account', 'same account: a grant to the user ARN needs no identity policy', request(), { resource: rp([grant({ AWS: ALICE.arn })]) }, viaRp(), DOCS.singleAccount),
  single('resource-policy', 'principal-star', 'same account: Principal "*" grants to the caller', request(), { resource: rp([grant('*')]) }, viaRp(), DOCS.principal),
  single('resource-policy', 'principal-aws-star', 'same account: Principal {"AWS": "*"}', request(), { resource: rp([grant({ AWS: '*' })]) }, viaRp(), DOCS.principal),
  single('resource-policy', 'account-principal-needs-identity', 'same account: a grant to the account delegates to identity policies', request(), { resource: rp([grant({ AWS: `arn:aws:iam::${A}:root` })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.principal),
  single('resource-policy', 'account-id-principal-with-identity', 'same account: account grant plus an identity allow', request(), { resource: rp([grant({ AWS: A })]), identity: [identityS3] }, viaIdentity, DOCS.principal),
  single('resource-policy', 'role-arn-grant', 'same account: a grant to the role ARN covers its sessions without identity policies', request({ principal: DEV_SESSION }), { resource: rp([grant({ AWS: ROLE_DEV })]) }, viaRp(), DOCS.evaluation),
  single('resource-policy', 'role-arn-grant-limited-by-boundary', 'same account: a role-ARN grant is limited by an implicit deny in the boundary', request({ principal: DEV_SESSION }), { resource: rp([grant({ AWS: ROLE_DEV })]), boundary: denyPb }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.evaluation),
  single('resource-policy', 'role-arn-grant-limited-by-session', 'same account: a role-ARN grant is limited by an implicit deny in the session policy', request({ principal: DEV_SESSION }), { resource: rp([grant({ AWS: ROLE_DEV })]), session: [denySession] }, { decision: 'implicit-deny', layer: 'session-policy' }, DOCS.evaluation),
  single('resource-policy', 'session-arn-grant-bypasses-boundary', 'same account: a grant to the session ARN is not limited by the boundary', request({ principal: DEV_SESSION }), { resource: rp([grant({ AWS: DEV_SESSION.arn })]), boundary: denyPb }, viaRp(), DOCS.evaluation),
  single('resource-policy', 'session-arn-grant-bypasses-session-policy', 'same account: a grant to the session ARN is not limited by the session policy', request({ principal: DEV_SESSION }), { resource: rp([grant({ AWS: DEV_SESSION.arn })]), session: [denySession] }, viaRp(), DOCS.evaluation),
  single('resource-policy', 'user-arn-grant-bypasses-boundary', 'same account: a grant to the user ARN is not limited by the boundary', request(), { resource: rp([grant({ AWS: ALICE.arn })]), boundary: denyPb }, viaRp(), DOCS.boundaries),
  single('resource-policy', 'other-user-grant', 'a grant to another user does not help', request(), { resource: rp([grant({ AWS: `arn:aws:iam::${A}:user/bob` })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.principal),
  single(
    'resource-policy',
    'deny-user',
    'a resource-policy Deny for the caller',
    request(),
    { resource: rp([{ Sid: 'NoAlice', Effect: 'Deny', Principal: { AWS: ALICE.arn }, Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }]), identity: [identityS3] },
    { decision: 'explicit-deny', layer: 'resource-policy', policy: 'BucketPolicy', sid: 'NoAlice', statementIndex: 0 },
    DOCS.evaluation,
  ),
  single(
    'resource-policy',
    'deny-account',
    'a Deny naming the account applies to every principal in it',
    request(),
    { resource: rp([{ Sid: 'NoAccount', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:*', Resource: '*' }]), identity: [identityS3] },
    { decision: 'explicit-deny', layer: 'resource-policy', policy: 'BucketPolicy', sid: 'NoAccount', statementIndex: 0 },
    DOCS.principal,
  ),
  single(
    'resource-policy',
    'notprincipal-deny-others',
    'NotPrincipal Deny hits callers that are not listed',
    request(),
    { resource: rp([{ Sid: 'OnlyBob', Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 's3:*', Resource: '*' }]), identity: [identityS3] },
    { decision: 'explicit-deny', layer: 'resource-policy', policy: 'BucketPolicy', sid: 'OnlyBob', statementIndex: 0 },
    DOCS.notPrincipal,
  ),
  single(
    'resource-policy',
    'notprincipal-deny-listed',
    'NotPrincipal Deny spares listed callers',
    request(),
    { resource: rp([{ Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: ALICE.arn }, Action: 's3:*', Resource: '*' }]), identity: [identityS3] },
    viaIdentity,
    DOCS.notPrincipal,
  ),
  single(
    'resource-policy',
    'notprincipal-deny-with-boundary',
    'NotPrincipal Deny always denies a principal with a permissions boundary, even a listed one',
    request(),
    { resource: rp([{ Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: ALICE.arn }, Action: 's3:*', Resource: '*' }]), identity: [identityS3], boundary: P('Boundary', [allowAll('All')]) },
    { decision: 'explicit-deny', layer: 'resource-policy', policy: 'BucketPolicy', sid: 'OnlyAlice', statementIndex: 0 },
    DOCS.boundaries,
  ),
  single('resource-policy', 'cross-account-no-resource-policy', 'cross account: an identity allow alone is not enough', request({ principal: CAROL_B }), { identity: [identityS3] }, { decision: 'implicit-deny', layer: 'resource-policy' }, DOCS.crossAccount),
  single('resource-policy', 'cross-account-both-sides', 'cross account: resource policy trusts account B and identity allows', request({ principal: CAROL_B }), { resource: rp([grant({ AWS: `arn:aws:iam::${B}:root` })]), identity: [identityS3] }, viaIdentity, DOCS.crossAccount),
  single('resource-policy', 'cross-account-no-identity', 'cross account: a resource grant without an identity allow', request({ principal: CAROL_B }), { resource: rp([grant({ AWS: `arn:aws:iam::${B}:root` })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.crossAccount),
  single('resource-policy', 'cross-account-user-grant-needs-identity', 'cross account: even a grant to the user ARN needs the identity side', request({ principal: CAROL_B }), { resource: rp([grant({ AWS: CAROL_B.arn })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.crossAccount),
  single('resource-policy', 'cross-account-role-grant', 'cross account: a grant to the role ARN plus the identity allow', request({ principal: DEV_SESSION_B }), { resource: rp([grant({ AWS: `arn:aws:iam::${B}:role/Dev` })]), identity: [identityS3] }, viaIdentity, DOCS.crossAccount),
  single('resource-policy', 'cross-account-wrong-account', 'cross account: a grant to another account', request({ principal: CAROL_B }), { resource: rp([grant({ AWS: `arn:aws:iam::333333333333:root` })]), identity: [identityS3] }, { decision: 'implicit-deny', layer: 'resource-policy' }, DOCS.crossAccount),
  single('resource-policy', 'cross-account-boundary', 'cross account: the boundary still applies', request({ principal: CAROL_B }), { resource: rp([grant({ AWS: B })]), identity: [identityS3], boundary: denyPb }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.crossAccount),
  single('resource-policy', 'service-principal', 'a service principal named in the resource policy', request({ principal: { arn: 'sns.amazonaws.com', accountId: A } }), { resource: rp([grant({ Service: 'sns.amazonaws.com' })]) }, viaRp(), DOCS.principal),
  single('resource-policy', 'condition-on-grant', 'a grant with a failing condition', request(), { resource: rp([grant({ AWS: ALICE.arn }, 'Grant', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.principal),
  single('resource-policy', 'role-arn-caller', 'a caller described by its role ARN matches a grant to that role', request({ principal: { arn: ROLE_DEV, accountId: A } }), { resource: rp([grant({ AWS: ROLE_DEV })]) }, viaRp(), DOCS.principal),
  single('resource-policy', 'resource-elsewhere-in-statement', 'a grant on other objects does not apply', request({ resource: 'arn:aws:s3:::other/key' }), { resource: rp([grant({ AWS: ALICE.arn })]) }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.resource),
  single('resource-policy', 'bare-bucket-resource-account', 'S3 ARNs carry no account: resourceAccount says who owns the bucket', request({ principal: CAROL_B, resourceAccount: A }), { identity: [identityS3] }, { decision: 'implicit-deny', layer: 'resource-policy' }, DOCS.crossAccount),
];

const pbAllowS3 = P('Boundary', [{ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
export const boundaryCases = [
  single('permission-boundary', 'both-allow', 'identity and boundary both allow', request(), { identity: [identityS3], boundary: pbAllowS3 }, viaIdentity, DOCS.boundaries),
  single('permission-boundary', 'boundary-lacks-allow', 'the boundary does not allow the action', request(), { identity: [identityS3], boundary: denyPb }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.boundaries),
  single('permission-boundary', 'boundary-grants-nothing', 'a boundary grants nothing by itself', request(), { identity: [], boundary: pbAllowS3 }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.boundaries),
  single(
    'permission-boundary',
    'boundary-deny',
    'a Deny in the boundary',
    request(),
    { identity: [identityS3], boundary: P('Boundary', [allowAll('All'), { Sid: 'NoGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }]) },
    { decision: 'explicit-deny', layer: 'permission-boundary', policy: 'Boundary', sid: 'NoGet', statementIndex: 1 },
    DOCS.boundaries,
  ),
  single('permission-boundary', 'boundary-condition-holds', 'a boundary allow with a condition that holds', request({ region: 'eu-west-1' }), { identity: [identityS3], boundary: P('Boundary', [{ Sid: 'Eu', Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }]) }, viaIdentity, DOCS.boundaries),
  single('permission-boundary', 'boundary-condition-fails', 'a boundary allow with a condition that fails', request({ region: 'us-east-1' }), { identity: [identityS3], boundary: P('Boundary', [{ Sid: 'Eu', Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }]) }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.boundaries),
  single('permission-boundary', 'boundary-notaction', 'a boundary written with NotAction', request(), { identity: [identityS3], boundary: P('Boundary', [{ Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) }, viaIdentity, DOCS.boundaries),
  single('permission-boundary', 'boundary-resource-scoped', 'a boundary scoped to other buckets', request(), { identity: [identityS3], boundary: P('Boundary', [{ Sid: 'Logs', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::logs/*' }]) }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.boundaries),
];

export const sessionCases = [
  single('session-policy', 'both-allow', 'identity and session policy both allow', request({ principal: DEV_SESSION }), { identity: [identityS3], session: [P('Session', [allowS3('Sess')])] }, viaIdentity, DOCS.session),
  single('session-policy', 'session-lacks-allow', 'the session policy does not allow the action', request({ principal: DEV_SESSION }), { identity: [identityS3], session: [denySession] }, { decision: 'implicit-deny', layer: 'session-policy' }, DOCS.session),
  single('session-policy', 'any-session-policy', 'several session policies: one allow is enough', request({ principal: DEV_SESSION }), { identity: [identityS3], session: [denySession, P('Session2', [allowS3('Sess')])] }, viaIdentity, DOCS.session),
  single('session-policy', 'session-grants-nothing', 'a session policy grants nothing by itself', request({ principal: DEV_SESSION }), { identity: [], session: [P('Session', [allowS3('Sess')])] }, { decision: 'implicit-deny', layer: 'identity' }, DOCS.session),
  single(
    'session-policy',
    'session-deny',
    'a Deny in a session policy',
    request({ principal: DEV_SESSION }),
    { identity: [identityS3], session: [P('Session', [allowAll('All'), { Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'session-policy', policy: 'Session', sid: 'NoS3', statementIndex: 1 },
    DOCS.session,
  ),
  single('session-policy', 'session-and-boundary', 'boundary allows, session does not', request({ principal: DEV_SESSION }), { identity: [identityS3], boundary: pbAllowS3, session: [denySession] }, { decision: 'implicit-deny', layer: 'session-policy' }, DOCS.session),
  single('session-policy', 'boundary-before-session', 'both lack an allow: the boundary is reported first', request({ principal: DEV_SESSION }), { identity: [identityS3], boundary: denyPb, session: [denySession] }, { decision: 'implicit-deny', layer: 'permission-boundary' }, DOCS.evaluation),
  single('session-policy', 'empty-session-list', 'an empty list of session policies means no session policy', request({ principal: DEV_SESSION }), { identity: [identityS3], session: [] }, viaIdentity, DOCS.session),
];

export const precedenceCases = [
  single(
    'explicit-deny',
    'deny-beats-allow-same-policy',
    'a Deny beats an Allow in the same policy',
    request(),
    { identity: [P('Mixed', [allowAll(), { Sid: 'NoGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'identity', policy: 'Mixed', sid: 'NoGet', statementIndex: 1 },
    DOCS.evaluation,
  ),
  single(
    'explicit-deny',
    'deny-beats-allow-other-policy',
    'a Deny in one identity policy beats an Allow in another',
    request(),
    { identity: [identityS3, P('Guard', [{ Sid: 'NoGet', Effect: 'Deny', Action: 's3:Get*', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'identity', policy: 'Guard', sid: 'NoGet', statementIndex: 0 },
    DOCS.evaluation,
  ),
  single(
    'explicit-deny',
    'scp-deny-reported-first',
    'with Denies in several layers, the first in evaluation order is reported',
    request(),
    { scpLevels: [level(ROOT, fullAccessScp(), P('DenyS3', [{ Sid: 'ScpNo', Effect: 'Deny', Action: 's3:*', Resource: '*' }]))], identity: [P('Guard', [{ Sid: 'IdNo', Effect: 'Deny', Action: 's3:*', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'scp', target: ROOT, policy: 'DenyS3', sid: 'ScpNo', statementIndex: 0 },
    DOCS.evaluation,
  ),
  single(
    'explicit-deny',
    'deny-beats-resource-grant',
    'an identity Deny beats a resource-policy grant',
    request(),
    { resource: rp([grant({ AWS: ALICE.arn })]), identity: [P('Guard', [{ Sid: 'NoGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'identity', policy: 'Guard', sid: 'NoGet', statementIndex: 0 },
    DOCS.evaluation,
  ),
  single(
    'explicit-deny',
    'deny-without-sid',
    'a Deny without Sid is reported by index',
    request(),
    { identity: [P('Guard', [allowAll(), { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }])] },
    { decision: 'explicit-deny', layer: 'identity', policy: 'Guard', statementIndex: 1 },
    DOCS.evaluation,
  ),
  single(
    'explicit-deny',
    'non-matching-deny',
    'a Deny for other actions does not block',
    request(),
    { identity: [P('Mixed', [allowAll(), { Sid: 'NoPut', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }])] },
    { decision: 'allowed', layer: 'identity', policy: 'Mixed', sid: 'AllowAll', statementIndex: 0 },
    DOCS.evaluation,
  ),
  single('explicit-deny', 'implicit-deny-default', 'no policy at all: implicit deny', request(), {}, { decision: 'implicit-deny', layer: 'identity' }, DOCS.evaluation),
];
