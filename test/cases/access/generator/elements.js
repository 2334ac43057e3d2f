// Action, Resource and policy-variable cases.
import { ALICE, BOB, DEV_SESSION, DOCS, doc, request, single } from './helpers.js';

const allowed = (policy, sid, statementIndex = 0, layer = 'identity') => ({ decision: 'allowed', layer, policy, sid, statementIndex });
const implicit = (layer = 'identity') => ({ decision: 'implicit-deny', layer });

function actionCase(slug, description, element, action, allow, docs = DOCS.action) {
  const st = { Sid: 'S', Effect: 'Allow', Resource: '*', ...element };
  return single('action', slug, description, request({ action }), { identity: [{ name: 'P', document: doc([st]) }] }, allow ? allowed('P', 'S') : implicit(), docs);
}

export const actionCases = [
  actionCase('exact', 'an exact action', { Action: 's3:GetObject' }, 's3:GetObject', true),
  actionCase('case-insensitive', 'action names are case-insensitive', { Action: 'S3:getobject' }, 's3:GetObject', true),
  actionCase('prefix-star', 's3:Get* covers s3:GetObject', { Action: 's3:Get*' }, 's3:GetObject', true),
  actionCase('infix-star', 's3:*Object covers s3:PutObject', { Action: 's3:*Object' }, 's3:PutObject', true),
  actionCase('question', 's3:?etObject covers s3:GetObject', { Action: 's3:?etObject' }, 's3:GetObject', true),
  actionCase('question-one-char', '? stands for exactly one character', { Action: 's3:G?Object' }, 's3:GetObject', false),
  actionCase('star', '* covers every action', { Action: '*' }, 'ec2:RunInstances', true),
  actionCase('other-service', 'ec2:* does not cover s3 actions', { Action: 'ec2:*' }, 's3:GetObject', false),
  actionCase('other-action-pattern', 's3:Put* does not cover s3:GetObject', { Action: 's3:Put*' }, 's3:GetObject', false),
  actionCase('list', 'a list of actions is OR-ed', { Action: ['ec2:*', 's3:GetObject'] }, 's3:GetObject', true),
  actionCase('notaction-outside', 'NotAction applies to actions it does not list', { NotAction: 's3:Put*' }, 's3:GetObject', true, DOCS.notAction),
  actionCase('notaction-listed', 'NotAction does not apply to listed actions', { NotAction: 's3:Get*' }, 's3:GetObject', false, DOCS.notAction),
  actionCase('notaction-case-insensitive', 'NotAction is case-insensitive', { NotAction: 'S3:GETOBJECT' }, 's3:GetObject', false, DOCS.notAction),
  actionCase('notaction-other-service', 'NotAction iam:* applies to s3 actions', { NotAction: ['iam:*', 'organizations:*'] }, 's3:GetObject', true, DOCS.notAction),
  actionCase('service-case-insensitive', 'the service prefix is case-insensitive too', { Action: 'S3:*' }, 's3:GetObject', true),
];

function resourceCase(slug, description, element, resource, allow, docs = DOCS.resource) {
  const st = { Sid: 'S', Effect: 'Allow', Action: '*', ...element };
  return single('resource', slug, description, request({ resource }), { identity: [{ name: 'P', document: doc([st]) }] }, allow ? allowed('P', 'S') : implicit(), docs);
}

export const resourceCases = [
  resourceCase('exact', 'an exact ARN', { Resource: 'arn:aws:s3:::bucket/key' }, 'arn:aws:s3:::bucket/key', true),
  resourceCase('star', '* covers every resource', { Resource: '*' }, 'arn:aws:s3:::bucket/key', true),
  resourceCase('trailing-star-crosses-slash', 'a trailing * crosses / in the resource part', { Resource: 'arn:aws:s3:::bucket/*' }, 'arn:aws:s3:::bucket/a/b/c', true),
  resourceCase('case-sensitive', 'resource ARNs are case-sensitive', { Resource: 'arn:aws:s3:::Bucket/*' }, 'arn:aws:s3:::bucket/key', false),
  resourceCase('question', '? in the resource part', { Resource: 'arn:aws:s3:::bucket/k?y' }, 'arn:aws:s3:::bucket/key', true),
  resourceCase('region-wildcard', 'a wildcard region', { Resource: 'arn:aws:sqs:*:111111111111:orders' }, 'arn:aws:sqs:eu-west-1:111111111111:orders', true),
  resourceCase('partial-region-wildcard', 'a partial wildcard in the region', { Resource: 'arn:aws:sqs:us-*:111111111111:orders' }, 'arn:aws:sqs:eu-west-1:111111111111:orders', false),
  resourceCase('account-mismatch', 'another account', { Resource: 'arn:aws:sqs:us-east-1:222222222222:orders' }, 'arn:aws:sqs:us-east-1:111111111111:orders', false),
  resourceCase('list', 'a list of resources is OR-ed', { Resource: ['arn:aws:s3:::other/*', 'arn:aws:s3:::bucket/*'] }, 'arn:aws:s3:::bucket/key', true),
  resourceCase('bucket-not-objects', 'the bucket ARN does not cover its objects', { Resource: 'arn:aws:s3:::bucket' }, 'arn:aws:s3:::bucket/key', false),
  resourceCase('wildcard-request', 'a request for "*" is not covered by a specific ARN', { Resource: 'arn:aws:s3:::bucket/*' }, '*', false),
  resourceCase('wildcard-request-star', 'a request for "*" is covered by "*"', { Resource: '*' }, '*', true),
  resourceCase('notresource-outside', 'NotResource applies to resources it does not list', { NotResource: 'arn:aws:s3:::secret/*' }, 'arn:aws:s3:::bucket/key', true, DOCS.notResource),
  resourceCase('notresource-listed', 'NotResource does not apply to listed resources', { NotResource: 'arn:aws:s3:::bucket/*' }, 'arn:aws:s3:::bucket/key', false, DOCS.notResource),
  resourceCase('notresource-list', 'NotResource with several entries', { NotResource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::bucket/*'] }, 'arn:aws:s3:::bucket/key', false, DOCS.notResource),
  resourceCase('service-wildcard-segment', 'a wildcard service segment', { Resource: 'arn:aws:*:us-east-1:111111111111:*' }, 'arn:aws:sqs:us-east-1:111111111111:orders', true),
  resourceCase('resource-type-colon', 'resource parts may hold colons', { Resource: 'arn:aws:lambda:us-east-1:111111111111:function:handler:*' }, 'arn:aws:lambda:us-east-1:111111111111:function:handler:live', true),
];

function varCase(slug, description, principal, resource, statement, allow, version = '2012-10-17', extra = {}) {
  const st = { Sid: 'S', Effect: 'Allow', Action: '*', ...statement };
  return single(
    'policy-variables',
    slug,
    description,
    request({ principal, resource, ...extra }),
    { identity: [{ name: 'P', document: doc([st], version) }] },
    allow ? allowed('P', 'S') : implicit(),
    DOCS.variables,
  );
}

const TAGGED = (team) => ({ ...DEV_SESSION, tags: { team } });
export const variableCases = [
  varCase('username', '${aws:username} for an IAM user', ALICE, 'arn:aws:s3:::home/alice/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, true),
  varCase('username-other-user', '${aws:username} does not open another user\'s folder', BOB, 'arn:aws:s3:::home/alice/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, false),
  varCase('username-role-session', 'a role session has no aws:username, so the Resource matches nothing', DEV_SESSION, 'arn:aws:s3:::home/alice/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, false),
  varCase('principal-tag', '${aws:PrincipalTag/team}', TAGGED('blue'), 'arn:aws:s3:::data/blue/report', { Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/*' }, true),
  varCase('principal-tag-other', '${aws:PrincipalTag/team} with another team', TAGGED('red'), 'arn:aws:s3:::data/blue/report', { Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/*' }, false),
  varCase('principal-tag-missing', 'an untagged principal matches nothing', DEV_SESSION, 'arn:aws:s3:::data/blue/report', { Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/*' }, false),
  varCase('default-value', "${aws:PrincipalTag/team, 'shared'} falls back to the default", DEV_SESSION, 'arn:aws:s3:::data/shared/report', { Resource: "arn:aws:s3:::data/${aws:PrincipalTag/team, 'shared'}/*" }, true),
  varCase('default-value-unused', 'the default is not used when the key has a value', TAGGED('blue'), 'arn:aws:s3:::data/shared/report', { Resource: "arn:aws:s3:::data/${aws:PrincipalTag/team, 'shared'}/*" }, false),
  varCase('literal-star', '${*} is a literal *', ALICE, 'arn:aws:s3:::bucket/*', { Resource: 'arn:aws:s3:::bucket/${*}' }, true),
  varCase('literal-star-not-wildcard', '${*} is not a wildcard', ALICE, 'arn:aws:s3:::bucket/key', { Resource: 'arn:aws:s3:::bucket/${*}' }, false),
  varCase('literal-question', '${?} is a literal ?', ALICE, 'arn:aws:s3:::bucket/what?', { Resource: 'arn:aws:s3:::bucket/what${?}' }, true),
  varCase('literal-question-not-wildcard', '${?} is not a wildcard', ALICE, 'arn:aws:s3:::bucket/whatx', { Resource: 'arn:aws:s3:::bucket/what${?}' }, false),
  varCase('literal-dollar', '${$} is a literal $', ALICE, 'arn:aws:s3:::bucket/$price', { Resource: 'arn:aws:s3:::bucket/${$}price' }, true),
  varCase('version-2008-literal', 'Version 2008-10-17 policies read ${...} literally', ALICE, 'arn:aws:s3:::home/alice/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, false, '2008-10-17'),
  varCase('version-2008-literal-match', 'Version 2008-10-17: the literal text matches itself', ALICE, 'arn:aws:s3:::home/${aws:username}/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, true, '2008-10-17'),
  varCase('no-version-literal', 'a policy without Version is read as 2008-10-17', ALICE, 'arn:aws:s3:::home/alice/notes.txt', { Resource: 'arn:aws:s3:::home/${aws:username}/*' }, false, null),
  varCase('account-segment', 'variables are only substituted in the resource part of the ARN', ALICE, 'arn:aws:sqs:us-east-1:111111111111:orders', { Resource: 'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders' }, false),
  varCase('in-condition', 'a variable inside a condition value', ALICE, 'arn:aws:s3:::bucket/key', { Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }, true, '2012-10-17', { context: { 'aws:ResourceTag/owner': 'alice' } }),
  varCase('in-condition-mismatch', 'a variable inside a condition value, other owner', ALICE, 'arn:aws:s3:::bucket/key', { Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }, false, '2012-10-17', { context: { 'aws:ResourceTag/owner': 'bob' } }),
  varCase('in-stringlike', 'a variable inside a StringLike pattern', ALICE, 'arn:aws:s3:::bucket', { Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } }, true, '2012-10-17', { context: { 's3:prefix': 'home/alice/docs/' } }),
  varCase('notresource-unresolved', 'NotResource holding a variable without value does not apply', DEV_SESSION, 'arn:aws:s3:::private/alice/notes', { NotResource: 'arn:aws:s3:::private/${aws:username}/*' }, false),
  varCase('notresource-unresolved-other-service', 'an entry that cannot match whatever the variable holds leaves NotResource applicable', DEV_SESSION, 'arn:aws:sqs:us-east-1:111111111111:orders', { NotResource: 'arn:aws:s3:::private/${aws:username}/*' }, true),
  varCase('value-is-literal', 'a substituted value is literal: a tag value * is no wildcard', TAGGED('*'), 'arn:aws:s3:::data/blue/report', { Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/report' }, false),
  varCase('multivalued-variable', 'multivalued keys cannot be variables', ALICE, 'arn:aws:s3:::x/env', { Resource: 'arn:aws:s3:::x/${aws:TagKeys}' }, false, '2012-10-17', { context: { 'aws:TagKeys': ['env'] } }),
  varCase('context-variable', 'a request context key as a variable', ALICE, 'arn:aws:s3:::logs/us-east-1/x', { Resource: 'arn:aws:s3:::logs/${aws:RequestedRegion}/*' }, true),
];
