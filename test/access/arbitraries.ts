/** fast-check generators of requests and policy sets for the differential test against iam-simulate. */
import fc from 'fast-check';
import type { AccessRequest, NamedPolicy, PolicyDocument, PolicySet, PolicyStatement } from '../../src/access/index.js';

export const A = '111111111111';
export const B = '222222222222';

export const PRINCIPALS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:sts::${A}:assumed-role/Dev/alice-session`,
  `arn:aws:sts::${A}:assumed-role/Ops/bob-session`,
  `arn:aws:iam::${B}:user/carol`,
  `arn:aws:sts::${B}:assumed-role/Dev/dave-session`,
];

export const ACTIONS = [
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sqs:DeleteQueue',
  'sns:Publish',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'lambda:InvokeFunction',
];
export const ACTION_PATTERNS = [
  ...ACTIONS,
  '*',
  'sqs:*',
  'sqs:Send*',
  'SQS:sendmessage',
  'dynamodb:?etItem',
  'dynamodb:*Item',
  'lambda:Invoke*',
  'sns:*',
];

export const RESOURCES = [
  `arn:aws:lambda:us-east-1:${A}:function:alice`,
  `arn:aws:sqs:us-east-1:${A}:orders`,
  `arn:aws:sqs:us-east-1:${B}:orders`,
  `arn:aws:sns:us-east-1:${A}:alerts`,
  `arn:aws:dynamodb:eu-west-1:${A}:table/Users`,
  `arn:aws:dynamodb:eu-west-1:${B}:table/Users`,
  `arn:aws:lambda:us-east-1:${A}:function:handler`,
];
export const RESOURCE_PATTERNS = [
  ...RESOURCES,
  'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders',
  "arn:aws:dynamodb:*:*:table/${aws:PrincipalTag/team, 'Users'}",
  'arn:aws:sns:us-east-1:${aws:PrincipalAccount}:al${*}',
  'arn:aws:lambda:us-east-1:*:function:${aws:username}',
  '*',
  'arn:aws:sqs:*:*:*',
  `arn:aws:sqs:us-east-1:${A}:*`,
  'arn:aws:dynamodb:*:*:table/U*',
  'arn:aws:dynamodb:eu-west-1:*:table/?sers',
  'arn:aws:*:*:*:*',
  `arn:aws:lambda:us-east-1:${A}:function:hand*`,
  'arn:aws:sqs:us-east-1:*:ORDERS',
];

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
const TEAMS = ['blue', 'red', 'Blue'];
const TAG_KEYS = ['env', 'team', 'cost-center', 'Owner'];
const IPS = ['10.0.0.5', '10.1.2.3', '192.168.1.10', '2001:db8::1', '2001:db9::5'];
const CIDRS = ['10.0.0.0/16', '10.0.0.5/32', '192.168.0.0/16', '2001:db8::/32', '0.0.0.0/0', '10.1.2.3'];
const DATES = ['2024-01-01T00:00:00Z', '2025-06-15T12:00:00Z', '2026-01-01T00:00:00Z'];
const ARNS = [`arn:aws:sns:us-east-1:${A}:alerts`, `arn:aws:s3:::bucket-a`, `arn:aws:lambda:us-east-1:${B}:function:x`];
const ARN_PATTERNS = [
  ...ARNS,
  'arn:aws:sns:*:*:*',
  `arn:aws:*:*:${A}:*`,
  'arn:aws:s3:::bucket-?',
  'arn:aws:lambda:us-east-1:*:function:*',
];

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'ip' | 'arn' | 'multi' | 'null';

/** Context keys by family, with the value pools the request draws from. */
const KEYS: Record<Exclude<Family, 'null'>, { key: string; request: string[]; policy: string[] }> = {
  string: {
    key: 'aws:PrincipalTag/team',
    request: TEAMS,
    policy: [...TEAMS, 'bl*', 'r?d', '*', '${aws:PrincipalTag/team}', "${aws:username, 'blue'}", 'b${?}ue'],
  },
  numeric: { key: 'aws:MultiFactorAuthAge', request: ['0', '300', '3600', '86400'], policy: ['300', '3600', '0'] },
  date: {
    key: 'aws:CurrentTime',
    request: [...DATES, '1735689600', '2025-06-15'],
    policy: [...DATES, '1750000000', '2025-06-15'],
  },
  bool: { key: 'aws:SecureTransport', request: ['true', 'false'], policy: ['true', 'false'] },
  ip: { key: 'aws:SourceIp', request: IPS, policy: CIDRS },
  arn: { key: 'aws:SourceArn', request: ARNS, policy: ARN_PATTERNS },
  multi: { key: 'aws:TagKeys', request: TAG_KEYS, policy: [...TAG_KEYS, 'e*', 'team'] },
};

const OPERATORS: Record<Family, string[]> = {
  string: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  multi: [
    'ForAllValues:StringEquals',
    'ForAnyValue:StringEquals',
    'ForAllValues:StringLike',
    'ForAnyValue:StringNotEquals',
    'ForAllValues:StringNotLike',
    'ForAnyValue:StringLike',
    'ForAllValues:StringEqualsIgnoreCase',
    'ForAnyValue:StringNotEqualsIgnoreCase',
    'StringEquals',
    'StringNotEquals',
    'StringLike',
  ],
  null: ['Null'],
};

const families: Family[] = ['string', 'numeric', 'date', 'bool', 'ip', 'arn', 'multi', 'null'];

interface GeneratedCondition {
  op: string;
  key: string;
  values: string[];
}

const conditionArb: fc.Arbitrary<GeneratedCondition> = fc
  .constantFrom(...families)
  .chain((family): fc.Arbitrary<GeneratedCondition> => {
    if (family === 'null') {
      const keys = Object.values(KEYS).map((k) => k.key);
      return fc.record({
        op: fc.constant('Null'),
        key: fc.constantFrom(...keys),
        values: fc.constantFrom(['true'], ['false']),
      });
    }
    const spec = KEYS[family];
    return fc.record({
      op: fc
        .tuple(fc.constantFrom(...OPERATORS[family]), fc.boolean())
        .map(([op, ifExists]) => (ifExists ? `${op}IfExists` : op)),
      key: fc.constant(spec.key),
      values: fc.uniqueArray(fc.constantFrom(...spec.policy), { minLength: 1, maxLength: 2 }),
    });
  });

const conditionBlockArb = fc
  .oneof(
    { arbitrary: fc.constant<GeneratedCondition[]>([]), weight: 2 },
    { arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 2 }), weight: 3 },
  )
  .map((conds) => {
    if (conds.length === 0) return undefined;
    const block: Record<string, Record<string, string[]>> = {};
    for (const c of conds) (block[c.op] ??= {})[c.key] = c.values;
    return block;
  });

function statementArb(withPrincipal: boolean): fc.Arbitrary<PolicyStatement> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
      notAction: fc.boolean().map((b) => b && Math.random() < 1), // shrinkable flag
      actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      resources: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
      condition: conditionBlockArb,
      principal: fc.constantFrom<PolicyStatement['Principal']>(
        '*',
        { AWS: A },
        { AWS: `arn:aws:iam::${A}:root` },
        { AWS: B },
        { AWS: PRINCIPALS[0]! },
        { AWS: `arn:aws:iam::${A}:role/Dev` },
        { AWS: PRINCIPALS[1]! },
        { AWS: [`arn:aws:iam::${B}:role/Dev`, PRINCIPALS[3]!] },
      ),
      useNotPrincipal: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .map((r) => {
      const st: PolicyStatement = { Effect: r.effect };
      if (r.notAction && r.actions.every((a) => a !== '*')) st.NotAction = r.actions;
      else st.Action = r.actions;
      if (r.notResource && r.resources.every((x) => x !== '*')) st.NotResource = r.resources;
      else st.Resource = r.resources;
      if (r.condition !== undefined) st.Condition = r.condition;
      if (withPrincipal) {
        if (r.useNotPrincipal && r.effect === 'Deny' && r.principal !== '*') st.NotPrincipal = r.principal!;
        else st.Principal = r.principal!;
      }
      return st;
    });
}

function policyArb(name: string, withPrincipal: boolean, maxStatements = 3): fc.Arbitrary<NamedPolicy> {
  return fc
    .array(statementArb(withPrincipal), { minLength: 1, maxLength: maxStatements })
    .map((Statement): NamedPolicy => {
      const document: PolicyDocument = { Version: '2012-10-17', Statement };
      return { name, document };
    });
}

const fullAccess: NamedPolicy = {
  name: 'FullAWSAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export const policySetArb: fc.Arbitrary<PolicySet> = fc
  .record({
    scpLevels: fc.array(
      fc
        .tuple(
          fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
          fc.option(policyArb('scp', false, 2), { nil: undefined, freq: 2 }),
        )
        .map(([full, extra]) => [...(full ? [fullAccess] : []), ...(extra === undefined ? [] : [extra])]),
      { maxLength: 3 },
    ),
    identity: fc.array(policyArb('id', false), { maxLength: 3 }),
    boundary: fc.option(policyArb('pb', false, 2), { nil: undefined, freq: 3 }),
    resource: fc.option(policyArb('rp', true), { nil: undefined, freq: 2 }),
  })
  .map((r) => {
    const set: PolicySet = {
      scpLevels: r.scpLevels.map((policies, i) => ({
        target: i === 0 ? 'root r-1' : `ou L${i}`,
        policies: policies.map((p, j) => ({ ...p, name: `${p.name}-${i}-${j}` })),
      })),
      identityPolicies: r.identity.map((p, i) => ({ ...p, name: `${p.name}-${i}` })),
    };
    if (r.boundary !== undefined) set.permissionBoundary = r.boundary;
    if (r.resource !== undefined) set.resourcePolicy = r.resource;
    return set;
  });

export const requestArb: fc.Arbitrary<AccessRequest> = fc
  .record({
    principal: fc.constantFrom(...PRINCIPALS),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    sameAccount: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
    region: fc.constantFrom(...REGIONS),
    team: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
    values: fc.record(
      {
        numeric: fc.constantFrom(...KEYS.numeric.request),
        date: fc.constantFrom(...KEYS.date.request),
        bool: fc.constantFrom(...KEYS.bool.request),
        ip: fc.constantFrom(...KEYS.ip.request),
        arn: fc.constantFrom(...KEYS.arn.request),
        multi: fc.uniqueArray(fc.constantFrom(...KEYS.multi.request), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  })
  .map((r) => {
    const accountId = r.principal.split(':')[4]!;
    // Mostly same-account calls, so that allows are common enough to exercise every layer.
    if (r.sameAccount && r.resource.split(':')[4] !== accountId) {
      r.resource =
        RESOURCES.find((x) => x.split(':')[4] === accountId && x.split(':')[2] === r.resource.split(':')[2]) ??
        r.resource;
    }
    const context: Record<string, string | string[]> = {};
    for (const family of ['numeric', 'date', 'bool', 'ip', 'arn', 'multi'] as const) {
      const v = r.values[family];
      if (v !== undefined) context[KEYS[family].key] = v;
    }
    const request: AccessRequest = {
      principal: { arn: r.principal, accountId, ...(r.team === undefined ? {} : { tags: { team: r.team } }) },
      action: r.action,
      resource: r.resource,
      resourceAccount: r.resource.split(':')[4]!,
      region: r.region,
      context,
    };
    return request;
  });
