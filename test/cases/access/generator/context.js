// Global condition keys the evaluator fills from the request, and input checks that come back as errors.
import { A, ALICE, DEV_SESSION, DOCS, doc, request, single } from './helpers.js';

function keyCase(slug, description, req, condition, holds) {
  return single(
    'context-keys',
    slug,
    description,
    req,
    { identity: [{ name: 'P', document: doc([{ Sid: 'S', Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }]) }] },
    holds ? { decision: 'allowed', layer: 'identity', policy: 'P', sid: 'S', statementIndex: 0 } : { decision: 'implicit-deny', layer: 'identity' },
    DOCS.globalKeys,
  );
}

export const contextKeyCases = [
  keyCase('requested-region', 'aws:RequestedRegion comes from request.region', request({ region: 'eu-west-1' }), { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, true),
  // AWS global condition keys, Availability: "This key is always included in the request context" (aws:RequestedRegion,
  // aws:CurrentTime, aws:EpochTime, aws:SecureTransport; aws:ViaAWSService "for most services").
  keyCase('requested-region-absent', 'aws:RequestedRegion is always in the request context: us-east-1 when the request names no region', request({ region: undefined }), { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, true),
  keyCase('current-time-always-present', 'aws:CurrentTime is always in the request context (now)', request(), { Null: { 'aws:CurrentTime': 'false' } }, true),
  keyCase('current-time-from-request', 'aws:CurrentTime is the request time', request({ time: '2025-06-15T12:00:00Z' }), { DateEquals: { 'aws:CurrentTime': '2025-06-15T12:00:00Z' } }, true),
  keyCase('current-time-context-overrides', 'request.context overrides aws:CurrentTime', request({ time: '2025-06-15T12:00:00Z', context: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }), { DateGreaterThan: { 'aws:CurrentTime': '2029-01-01T00:00:00Z' } }, true),
  keyCase('epoch-time-always-present', 'aws:EpochTime is always in the request context: the request time in seconds', request({ time: '2025-06-15T12:00:00Z' }), { NumericEquals: { 'aws:EpochTime': '1749988800' } }, true),
  keyCase('secure-transport-always-present', 'aws:SecureTransport is always in the request context: true (AWS SDKs and the CLI use HTTPS)', request(), { Bool: { 'aws:SecureTransport': 'true' } }, true),
  keyCase('via-aws-service-direct-call', 'aws:ViaAWSService is false for a direct call (present, not absent)', request(), { Bool: { 'aws:ViaAWSService': 'false' } }, true),
  keyCase('via-aws-service-context', 'request.context can say the call came through a service', request({ context: { 'aws:ViaAWSService': 'true' } }), { Bool: { 'aws:ViaAWSService': 'true' } }, true),
  keyCase('principal-account', 'aws:PrincipalAccount', request(), { StringEquals: { 'aws:PrincipalAccount': A } }, true),
  keyCase('principal-arn-user', 'aws:PrincipalArn for a user', request(), { ArnEquals: { 'aws:PrincipalArn': ALICE.arn } }, true),
  keyCase('principal-arn-role-session', 'aws:PrincipalArn for a role session is the role ARN', request({ principal: DEV_SESSION }), { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/Dev` } }, true),
  keyCase('principal-arn-not-session', 'aws:PrincipalArn for a role session is not the session ARN', request({ principal: DEV_SESSION }), { ArnEquals: { 'aws:PrincipalArn': DEV_SESSION.arn } }, false),
  keyCase('principal-org-id', 'aws:PrincipalOrgID from principal.orgId', request({ principal: { ...ALICE, orgId: 'o-abc123' } }), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, true),
  keyCase('principal-org-id-absent', 'without orgId the key is absent', request(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, false),
  keyCase('principal-org-paths', 'aws:PrincipalOrgPaths from principal.orgPaths', request({ principal: { ...ALICE, orgPaths: ['o-abc123/r-ab12/ou-prod/'] } }), { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-prod/*' } }, true),
  keyCase('principal-tag', 'aws:PrincipalTag/team from principal.tags', request({ principal: { ...ALICE, tags: { team: 'blue' } } }), { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, true),
  keyCase('principal-tag-key-case', 'tag keys in condition keys are case-insensitive', request({ principal: { ...ALICE, tags: { Team: 'blue' } } }), { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, true),
  keyCase('resource-account', 'aws:ResourceAccount from request.resourceAccount', request({ resourceAccount: A }), { StringEquals: { 'aws:ResourceAccount': A } }, true),
  keyCase('resource-account-from-arn', 'aws:ResourceAccount from the resource ARN', request({ resource: `arn:aws:sqs:us-east-1:${A}:orders`, resourceAccount: undefined }), { StringEquals: { 'aws:ResourceAccount': A } }, true),
  keyCase('resource-org-id', 'aws:ResourceOrgID when given', request({ resourceOrgId: 'o-abc123' }), { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } }, false),
  keyCase('resource-org-id-equals-principal', 'aws:ResourceOrgID compared with the principal\'s org', request({ resourceOrgId: 'o-abc123', principal: { ...ALICE, orgId: 'o-abc123' } }), { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } }, true),
  keyCase('source-identity', 'aws:SourceIdentity when given', request({ sourceIdentity: 'alice@example.com' }), { StringEquals: { 'aws:SourceIdentity': 'alice@example.com' } }, true),
  keyCase('principal-is-aws-service', 'aws:PrincipalIsAWSService is false for users', request(), { Bool: { 'aws:PrincipalIsAWSService': 'false' } }, true),
  keyCase('principal-type-user', 'aws:PrincipalType is User', request(), { StringEquals: { 'aws:PrincipalType': 'User' } }, true),
  keyCase('principal-type-assumed-role', 'aws:PrincipalType is AssumedRole for a role session', request({ principal: DEV_SESSION }), { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, true),
  keyCase('username', 'aws:username for an IAM user', request(), { StringEquals: { 'aws:username': 'alice' } }, true),
  keyCase('context-overrides', 'request.context overrides a filled key', request({ region: 'us-east-1', context: { 'aws:RequestedRegion': 'eu-west-1' } }), { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, true),
  keyCase('context-key-case', 'request.context keys are case-insensitive', request({ context: { 'AWS:SOURCEVPC': 'vpc-1' } }), { StringEquals: { 'aws:SourceVpc': 'vpc-1' } }, true),
];

function errorCase(slug, description, req, policies, errorCode) {
  return single('errors', slug, description, req, policies, { decision: 'error', errorCode }, DOCS.operators);
}
const ok = { identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }] };
const withCondition = (condition) => ({ identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }]) }] });
export const errorCases = [
  errorCase('malformed-resource-arn', 'a resource that is not an ARN', request({ resource: 'bucket/key' }), ok, 'malformed-arn'),
  errorCase('malformed-principal-arn', 'a principal that is not an ARN', request({ principal: { arn: 'alice', accountId: A } }), ok, 'malformed-arn'),
  errorCase('bad-account-id', 'an account id that is not 12 digits', request({ principal: { arn: ALICE.arn, accountId: '1234' } }), ok, 'invalid-account-id'),
  errorCase('request-action-wildcard', 'a request names one action, without wildcards', request({ action: 's3:Get*' }), ok, 'invalid-action'),
  errorCase('request-action-no-colon', 'a request action without service prefix', request({ action: 'GetObject' }), ok, 'invalid-action'),
  errorCase('unknown-operator', 'StringEqual is not an operator', request(), withCondition({ StringEqual: { 'aws:username': 'alice' } }), 'unknown-condition-operator'),
  errorCase('numeric-not-a-number', 'a Numeric operator with a non-number', request(), withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'an hour' } }), 'invalid-condition-value'),
  errorCase('date-not-a-date', 'a Date operator with a non-date', request(), withCondition({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }), 'invalid-condition-value'),
  errorCase('bool-not-a-bool', 'Bool with yes', request(), withCondition({ Bool: { 'aws:SecureTransport': 'yes' } }), 'invalid-condition-value'),
  errorCase('ip-bad-prefix', 'an IPv4 prefix longer than 32', request(), withCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }), 'invalid-condition-value'),
  errorCase('null-not-a-bool', 'Null with maybe', request(), withCondition({ Null: { 'aws:TokenIssueTime': 'maybe' } }), 'invalid-condition-value'),
  errorCase('condition-object-value', 'a condition value that is an object', request(), withCondition({ StringEquals: { 'aws:username': { nested: true } } }), 'invalid-condition-value'),
  errorCase('bad-effect', 'Effect must be Allow or Deny', request(), { identity: [{ name: 'P', document: doc([{ Effect: 'Permit', Action: '*', Resource: '*' }]) }] }, 'invalid-policy'),
  errorCase('action-and-notaction', 'a statement with both Action and NotAction', request(), { identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }]) }] }, 'invalid-policy'),
  errorCase('resource-policy-without-principal', 'a resource-policy statement without Principal', request(), { resource: { name: 'R', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) } }, 'invalid-policy'),
  errorCase('identity-with-principal', 'an identity policy with Principal', request(), { identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]) }] }, 'invalid-policy'),
  errorCase('context-object', 'a context value that is an object', request({ context: { 'aws:username': { a: 1 } } }), ok, 'invalid-context-value'),
  errorCase('policy-action-shape', 'a policy action without a colon', request(), { identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Action: 's3GetObject', Resource: '*' }]) }] }, 'invalid-action'),
  errorCase('missing-resource', 'a statement without Resource or NotResource', request(), { identity: [{ name: 'P', document: doc([{ Effect: 'Allow', Action: '*' }]) }] }, 'invalid-policy'),
  errorCase('no-statement', 'a policy without Statement', request(), { identity: [{ name: 'P', document: { Version: '2012-10-17' } }] }, 'invalid-policy'),
];
