// Truth tables for every condition operator family. Each row: [slug, description, condition, context, holds].
import { DOCS, table } from './helpers.js';

const T = 'aws:ResourceTag/team';
const str = (op, values, value) => [{ [op]: { [T]: values } }, value === undefined ? {} : { [T]: value }];

function rows(op, spec) {
  return spec.map(([slug, values, value, holds, description]) => {
    const [condition, context] = str(op, values, value);
    const shown = value === undefined ? 'absent' : JSON.stringify(value);
    return [`${op.toLowerCase().replace(/:/g, '-')}-${slug}`, description ?? `${op} ${JSON.stringify(values)} with request value ${shown}`, condition, context, holds];
  });
}

export const stringCases = table('string', DOCS.string, [
  ...rows('StringEquals', [
    ['exact', ['blue'], 'blue', true],
    ['case-differs', ['blue'], 'Blue', false, 'StringEquals is case-sensitive'],
    ['absent', ['blue'], undefined, false, 'StringEquals is false when the key is absent'],
    ['any-of-values', ['red', 'blue'], 'blue', true, 'several values for one key are OR-ed'],
    ['no-wildcards', ['bl*'], 'blue', false, 'StringEquals does not expand wildcards'],
    ['empty-string', [''], '', true],
    ['number-in-policy', [5], '5', true, 'JSON numbers in policies compare as strings'],
  ]),
  ...rows('StringNotEquals', [
    ['same', ['blue'], 'blue', false],
    ['different', ['blue'], 'red', true],
    ['absent', ['blue'], undefined, true, 'negated operators are true when the key is absent'],
    ['in-list', ['red', 'blue'], 'blue', false, 'a negated operator needs the value to match none of the values'],
    ['not-in-list', ['red', 'green'], 'blue', true],
    ['case-differs', ['blue'], 'BLUE', true],
  ]),
  ...rows('StringEqualsIgnoreCase', [
    ['upper', ['BLUE'], 'blue', true],
    ['different', ['blue'], 'red', false],
    ['absent', ['blue'], undefined, false],
    ['mixed-list', ['Red', 'GREEN'], 'green', true],
  ]),
  ...rows('StringNotEqualsIgnoreCase', [
    ['upper', ['BLUE'], 'blue', false],
    ['different', ['blue'], 'red', true],
    ['absent', ['blue'], undefined, true],
  ]),
  ...rows('StringLike', [
    ['star', ['bl*'], 'blue', true],
    ['question', ['b?ue'], 'blue', true],
    ['question-needs-one', ['blue?'], 'blue', false, '? matches exactly one character'],
    ['case-sensitive', ['B*'], 'blue', false, 'StringLike is case-sensitive'],
    ['star-matches-empty', ['*'], '', true],
    ['absent', ['*'], undefined, false, 'even * does not match an absent key'],
    ['middle-star', ['b*e'], 'blue-ocean-e', true],
    ['slashes', ['home/*'], 'home/alice/docs', true, '* crosses / in strings'],
    ['list', ['r*', 'g*'], 'blue', false],
  ]),
  ...rows('StringNotLike', [
    ['matches', ['bl*'], 'blue', false],
    ['no-match', ['r*'], 'blue', true],
    ['absent', ['bl*'], undefined, true],
    ['list-one-matches', ['r*', 'b*'], 'blue', false],
  ]),
  ...rows('StringEqualsIfExists', [
    ['absent', ['blue'], undefined, true, 'IfExists: an absent key makes the condition true'],
    ['present-match', ['blue'], 'blue', true],
    ['present-mismatch', ['blue'], 'red', false],
  ]),
  ...rows('StringNotEqualsIfExists', [
    ['absent', ['blue'], undefined, true],
    ['present-same', ['blue'], 'blue', false],
  ]),
  ...rows('StringLikeIfExists', [
    ['absent', ['b*'], undefined, true],
    ['present-mismatch', ['b*'], 'red', false],
  ]),
  [
    'stringequals-multivalued-key-without-set-operator',
    'a single-valued operator never matches a multivalued key, even when the only value is equal',
    { StringEquals: { 'aws:TagKeys': ['env'] } },
    { 'aws:TagKeys': ['env'] },
    false,
    DOCS.sets,
  ],
  [
    'stringnotequals-multivalued-key-without-set-operator',
    'a negated single-valued operator does not match a multivalued key either',
    { StringNotEquals: { 'aws:TagKeys': ['secret'] } },
    { 'aws:TagKeys': ['env'] },
    false,
    DOCS.sets,
  ],
  [
    'condition-keys-case-insensitive',
    'condition key names are case-insensitive',
    { StringEquals: { 'AWS:RESOURCETAG/TEAM': 'blue' } },
    { 'aws:ResourceTag/team': 'blue' },
    true,
  ],
  [
    'two-keys-and',
    'two keys under one operator are AND-ed (second fails)',
    { StringEquals: { [T]: 'blue', 'aws:ResourceTag/env': 'prod' } },
    { [T]: 'blue', 'aws:ResourceTag/env': 'dev' },
    false,
  ],
  [
    'two-operators-and',
    'two operators are AND-ed (both hold)',
    { StringEquals: { [T]: 'blue' }, StringLike: { 'aws:ResourceTag/env': 'pr*' } },
    { [T]: 'blue', 'aws:ResourceTag/env': 'prod' },
    true,
  ],
  [
    'two-operators-and-one-fails',
    'two operators are AND-ed (one fails)',
    { StringEquals: { [T]: 'blue' }, StringNotLike: { 'aws:ResourceTag/env': 'pr*' } },
    { [T]: 'blue', 'aws:ResourceTag/env': 'prod' },
    false,
  ],
]);

const MFA = 'aws:MultiFactorAuthAge';
const numericOps = {
  NumericEquals: [false, true, false, false],
  NumericNotEquals: [true, false, true, true],
  NumericLessThan: [true, false, false, false],
  NumericLessThanEquals: [true, true, false, false],
  NumericGreaterThan: [false, false, true, false],
  NumericGreaterThanEquals: [false, true, true, false],
};
const numericRequests = [
  ['below', '100'],
  ['equal', '3600'],
  ['above', '7200'],
  ['absent', undefined],
];
export const numericCases = table('numeric', DOCS.numeric, [
  ...Object.entries(numericOps).flatMap(([op, expected]) =>
    numericRequests.map(([slug, value], i) => [
      `${op.toLowerCase()}-${slug}`,
      `${op} 3600 with request value ${value ?? 'absent'}`,
      { [op]: { [MFA]: '3600' } },
      value === undefined ? {} : { [MFA]: value },
      expected[i],
    ]),
  ),
  ...['NumericEquals', 'NumericLessThan', 'NumericGreaterThanEquals'].map((op) => [
    `${op.toLowerCase()}ifexists-absent`,
    `${op}IfExists with the key absent`,
    { [`${op}IfExists`]: { [MFA]: '3600' } },
    {},
    true,
    DOCS.ifExists,
  ]),
  ['numericlessthanifexists-present', 'NumericLessThanIfExists with a larger value', { NumericLessThanIfExists: { [MFA]: '3600' } }, { [MFA]: '7200' }, false],
  ['numericequals-decimal', 'NumericEquals compares numbers, not strings (3600.0 = 3600)', { NumericEquals: { [MFA]: '3600' } }, { [MFA]: '3600.0' }, true],
  ['numericequals-json-number', 'a JSON number in the policy', { NumericEquals: { [MFA]: 3600 } }, { [MFA]: 3600 }, true],
  ['numericequals-list', 'NumericEquals with several values (OR)', { NumericEquals: { [MFA]: ['100', '200'] } }, { [MFA]: '200' }, true],
  ['numericequals-not-a-number', 'a request value that is not a number never matches', { NumericEquals: { [MFA]: '3600' } }, { [MFA]: 'abc' }, false],
  ['numericlessthan-negative', 'negative numbers', { NumericLessThan: { 's3:max-keys': '-1' } }, { 's3:max-keys': '-5' }, true],
]);

// aws:TokenIssueTime is a Date key that only temporary credentials carry, so "absent" is a real case; aws:CurrentTime
// is always in the request context (see context.js).
const TIME = 'aws:TokenIssueTime';
const dateOps = {
  DateEquals: [false, true, false, false],
  DateNotEquals: [true, false, true, true],
  DateLessThan: [true, false, false, false],
  DateLessThanEquals: [true, true, false, false],
  DateGreaterThan: [false, false, true, false],
  DateGreaterThanEquals: [false, true, true, false],
};
const dateRequests = [
  ['before', '2025-01-01T00:00:00Z'],
  ['equal', '2025-06-15T12:00:00Z'],
  ['after', '2026-01-01T00:00:00Z'],
  ['absent', undefined],
];
export const dateCases = table('date', DOCS.date, [
  ...Object.entries(dateOps).flatMap(([op, expected]) =>
    dateRequests.map(([slug, value], i) => [
      `${op.toLowerCase()}-${slug}`,
      `${op} 2025-06-15T12:00:00Z with request value ${value ?? 'absent'}`,
      { [op]: { [TIME]: '2025-06-15T12:00:00Z' } },
      value === undefined ? {} : { [TIME]: value },
      expected[i],
    ]),
  ),
  ['dateequals-offset', 'ISO 8601 offsets are honoured (14:00+02:00 = 12:00Z)', { DateEquals: { [TIME]: '2025-06-15T12:00:00Z' } }, { [TIME]: '2025-06-15T14:00:00+02:00' }, true],
  ['dategreaterthan-date-only', 'a date-only value is midnight UTC', { DateGreaterThan: { [TIME]: '2025-06-15' } }, { [TIME]: '2025-06-15T00:00:01Z' }, true],
  ['datelessthanifexists-absent', 'DateLessThanIfExists with the key absent', { DateLessThanIfExists: { [TIME]: '2025-06-15T12:00:00Z' } }, {}, true, DOCS.ifExists],
  ['datelessthan-not-a-date', 'a request value that is not a date never matches', { DateLessThan: { [TIME]: '2025-06-15T12:00:00Z' } }, { [TIME]: 'yesterday' }, false],
  // AWS: epoch (UNIX) time is in seconds. iam-simulate reads bare integers as milliseconds (excluded from the differential test).
  ['epoch-seconds-policy-after-request', 'epoch seconds in the policy: 1750000000 is 2025-06-15T15:06:40Z', { DateLessThan: { [TIME]: '1750000000' } }, { [TIME]: '2025-06-15T12:00:00Z' }, true],
  ['epoch-seconds-policy-before-request', 'epoch seconds in the policy, request one day later', { DateLessThan: { [TIME]: '1750000000' } }, { [TIME]: '2025-06-16T00:00:00Z' }, false],
  ['epoch-seconds-request', 'epoch seconds in the request: 1700000000 is 2023-11-14', { DateLessThan: { [TIME]: '2024-01-01T00:00:00Z' } }, { [TIME]: '1700000000' }, true],
  ['epoch-seconds-both', 'epoch seconds on both sides', { DateGreaterThanEquals: { [TIME]: '1700000000' } }, { [TIME]: '1700000000' }, true],
]);

// aws:MultiFactorAuthPresent is a Bool key that only temporary credentials carry (absent for long-term keys);
// aws:SecureTransport is always in the request context (see context.js).
const SECURE = 'aws:MultiFactorAuthPresent';
export const boolCases = table('bool', DOCS.bool, [
  ['bool-true-true', 'Bool true with true', { Bool: { [SECURE]: 'true' } }, { [SECURE]: 'true' }, true],
  ['bool-true-false', 'Bool true with false', { Bool: { [SECURE]: 'true' } }, { [SECURE]: 'false' }, false],
  ['bool-false-false', 'Bool false with false', { Bool: { [SECURE]: 'false' } }, { [SECURE]: 'false' }, true],
  ['bool-false-absent', 'Bool false does not match an absent key (use BoolIfExists or Null)', { Bool: { [SECURE]: 'false' } }, {}, false],
  ['bool-true-absent', 'Bool true with the key absent', { Bool: { [SECURE]: 'true' } }, {}, false],
  ['bool-case-insensitive', 'Bool compares true/false case-insensitively', { Bool: { [SECURE]: 'true' } }, { [SECURE]: 'TRUE' }, true],
  ['bool-json-boolean', 'a JSON boolean in the policy and the request', { Bool: { [SECURE]: true } }, { [SECURE]: true }, true],
  ['boolifexists-absent', 'BoolIfExists false with the key absent', { BoolIfExists: { [SECURE]: 'false' } }, {}, true, DOCS.ifExists],
  ['boolifexists-present', 'BoolIfExists false with true', { BoolIfExists: { [SECURE]: 'false' } }, { [SECURE]: 'true' }, false, DOCS.ifExists],
]);

const BIN = 'custom:Payload';
export const binaryCases = table('binary', DOCS.binary, [
  ['binaryequals-same', 'BinaryEquals with the same base-64 value', { BinaryEquals: { [BIN]: 'QmluYXJ5VmFsdWU=' } }, { [BIN]: 'QmluYXJ5VmFsdWU=' }, true],
  ['binaryequals-different', 'BinaryEquals with another value', { BinaryEquals: { [BIN]: 'QmluYXJ5VmFsdWU=' } }, { [BIN]: 'T3RoZXJWYWx1ZQ==' }, false],
  ['binaryequals-absent', 'BinaryEquals with the key absent', { BinaryEquals: { [BIN]: 'QmluYXJ5VmFsdWU=' } }, {}, false],
  ['binaryequalsifexists-absent', 'BinaryEqualsIfExists with the key absent', { BinaryEqualsIfExists: { [BIN]: 'QmluYXJ5VmFsdWU=' } }, {}, true],
]);

const IP = 'aws:SourceIp';
const ip = (op, values, value) => [{ [op]: { [IP]: values } }, value === undefined ? {} : { [IP]: value }];
export const ipCases = table('ip', DOCS.ip, [
  ['ipaddress-in-range', 'IPv4 address inside a /24', ...ip('IpAddress', '203.0.113.0/24', '203.0.113.7'), true],
  ['ipaddress-out-of-range', 'IPv4 address outside a /24', ...ip('IpAddress', '203.0.113.0/24', '198.51.100.1'), false],
  ['ipaddress-absent', 'IpAddress with the key absent', ...ip('IpAddress', '203.0.113.0/24', undefined), false],
  ['notipaddress-in-range', 'NotIpAddress with an address inside the range', ...ip('NotIpAddress', '203.0.113.0/24', '203.0.113.7'), false],
  ['notipaddress-out-of-range', 'NotIpAddress with an address outside the range', ...ip('NotIpAddress', '203.0.113.0/24', '198.51.100.1'), true],
  ['notipaddress-absent', 'NotIpAddress with the key absent', ...ip('NotIpAddress', '203.0.113.0/24', undefined), true],
  ['ipaddress-v6-in-range', 'IPv6 address inside 2001:db8::/32', ...ip('IpAddress', '2001:db8::/32', '2001:db8:1::5'), true],
  ['ipaddress-v6-out-of-range', 'IPv6 address outside 2001:db8::/32', ...ip('IpAddress', '2001:db8::/32', '2001:db9::1'), false],
  ['ipaddress-v4-range-v6-request', 'an IPv6 address is never inside an IPv4 range', ...ip('IpAddress', '203.0.113.0/24', '2001:db8::1'), false],
  ['notipaddress-v4-range-v6-request', 'NotIpAddress: an IPv6 address is outside an IPv4 range', ...ip('NotIpAddress', '203.0.113.0/24', '2001:db8::1'), true],
  ['ipaddress-bare-address', 'a policy address without prefix names one address', ...ip('IpAddress', '203.0.113.7', '203.0.113.7'), true],
  ['ipaddress-bare-address-other', 'a bare policy address does not match a neighbour', ...ip('IpAddress', '203.0.113.7', '203.0.113.8'), false],
  // iam-simulate returns false here (excluded from the differential test): the address is not the listed one.
  ['notipaddress-bare-address-other-family', 'NotIpAddress with a bare IPv4 address and an IPv6 request: the address is not the listed one', ...ip('NotIpAddress', '203.0.113.7', '2001:db8::1'), true],
  // RFC 4632: /0 covers every address. iam-simulate computes `-1 << 32` (= -1) and misses this (excluded).
  ['ipaddress-slash-zero-matches-all', '0.0.0.0/0 contains every IPv4 address', ...ip('IpAddress', '0.0.0.0/0', '198.51.100.1'), true],
  ['ipaddress-v6-slash-zero', '::/0 contains every IPv6 address', ...ip('IpAddress', '::/0', '2001:db8::1'), true],
  ['ipaddress-list', 'several ranges are OR-ed', ...ip('IpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '203.0.113.200'), true],
  ['ipaddress-slash-32', 'a /32 range', ...ip('IpAddress', '203.0.113.7/32', '203.0.113.7'), true],
  ['ipaddress-v6-compressed', 'IPv6 compression forms compare by value', ...ip('IpAddress', '2001:0db8:0000::/48', '2001:db8::abcd'), true],
  ['ipaddressifexists-absent', 'IpAddressIfExists with the key absent', ...ip('IpAddressIfExists', '203.0.113.0/24', undefined), true],
  ['ipaddress-not-an-ip', 'a request value that is not an address never matches', ...ip('IpAddress', '203.0.113.0/24', 'localhost'), false],
]);

const SRC = 'aws:SourceArn';
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:alerts';
const arn = (op, values, value) => [{ [op]: { [SRC]: values } }, value === undefined ? {} : { [SRC]: value }];
export const arnCases = table('arn', DOCS.arn, [
  ['arnequals-exact', 'ArnEquals with the same ARN', ...arn('ArnEquals', TOPIC, TOPIC), true],
  ['arnequals-wildcard', 'ArnEquals also honours wildcards per component', ...arn('ArnEquals', 'arn:aws:sns:*:111111111111:*', TOPIC), true],
  ['arnequals-other', 'ArnEquals with another topic', ...arn('ArnEquals', TOPIC, 'arn:aws:sns:us-east-1:111111111111:other'), false],
  ['arnequals-absent', 'ArnEquals with the key absent', ...arn('ArnEquals', TOPIC, undefined), false],
  ['arnlike-region-wildcard', 'ArnLike with a wildcard region', ...arn('ArnLike', 'arn:aws:sns:*:111111111111:alerts', TOPIC), true],
  ['arnlike-question', 'ArnLike with ? in the resource part', ...arn('ArnLike', 'arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-a'), true],
  ['arnlike-case-sensitive', 'ArnLike is case-sensitive', ...arn('ArnLike', 'arn:aws:sns:us-east-1:111111111111:Alerts', TOPIC), false],
  ['arnlike-other-account', 'ArnLike with another account', ...arn('ArnLike', 'arn:aws:sns:us-east-1:222222222222:*', TOPIC), false],
  ['arnlike-star', 'ArnLike * matches any ARN', ...arn('ArnLike', '*', TOPIC), true],
  ['arnlike-not-an-arn', 'a request value that is not an ARN never matches ArnLike', ...arn('ArnLike', 'arn:aws:sns:*:*:*', 'alerts'), false],
  ['arnlike-absent', 'ArnLike with the key absent', ...arn('ArnLike', 'arn:aws:sns:*:*:*', undefined), false],
  ['arnnotequals-same', 'ArnNotEquals with the same ARN', ...arn('ArnNotEquals', TOPIC, TOPIC), false],
  ['arnnotequals-other', 'ArnNotEquals with another ARN', ...arn('ArnNotEquals', TOPIC, 'arn:aws:sns:us-east-1:111111111111:other'), true],
  ['arnnotequals-absent', 'ArnNotEquals with the key absent', ...arn('ArnNotEquals', TOPIC, undefined), true],
  ['arnnotlike-matches', 'ArnNotLike with a matching ARN', ...arn('ArnNotLike', 'arn:aws:sns:*:*:*', TOPIC), false],
  ['arnnotlike-other-service', 'ArnNotLike with an ARN of another service', ...arn('ArnNotLike', 'arn:aws:sqs:*:*:*', TOPIC), true],
  ['arnnotlike-absent', 'ArnNotLike with the key absent', ...arn('ArnNotLike', 'arn:aws:sns:*:*:*', undefined), true],
  ['arnlikeifexists-absent', 'ArnLikeIfExists with the key absent', ...arn('ArnLikeIfExists', 'arn:aws:sns:*:*:*', undefined), true],
  ['arnlike-list', 'ArnLike with several patterns (OR)', ...arn('ArnLike', ['arn:aws:sqs:*:*:*', 'arn:aws:sns:*:*:alerts'], TOPIC), true],
]);

export const nullCases = table('null', DOCS.null, [
  ['null-true-absent', 'Null true: the key is absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
  ['null-true-present', 'Null true: the key is present', { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' }, false],
  ['null-false-present', 'Null false: the key is present', { Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' }, true],
  ['null-false-absent', 'Null false: the key is absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false],
  // AWS (Null operator): `false` checks that "the key exists and its value is not null"; an empty list is a null data set.
  ['null-true-empty-list', 'Null true: a key sent with an empty list has a null value (AWS: Null false means the key exists and its value is not null)', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true],
  ['null-false-empty-list', 'Null false fails for a key present with an empty list (AWS: Null false means the key exists and its value is not null)', { Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': [] }, false],
  ['null-false-empty-string', 'Null false fails for a key present with an empty string (AWS: Null false means the key exists and its value is not null)', { Null: { 'aws:SourceIdentity': 'false' } }, { 'aws:SourceIdentity': '' }, false],
  ['null-json-boolean', 'Null with a JSON boolean', { Null: { 'aws:TokenIssueTime': true } }, {}, true],
]);

const TAGS = 'aws:TagKeys';
const set = (op, values, value) => [{ [op]: { [TAGS]: values } }, value === undefined ? {} : { [TAGS]: value }];
export const setOperatorCases = table('set-operators', DOCS.sets, [
  ['forallvalues-stringequals-subset', 'ForAllValues: every request value is listed', ...set('ForAllValues:StringEquals', ['env', 'team'], ['env']), true],
  ['forallvalues-stringequals-equal', 'ForAllValues: the same set', ...set('ForAllValues:StringEquals', ['env', 'team'], ['team', 'env']), true],
  ['forallvalues-stringequals-extra', 'ForAllValues: one request value is not listed', ...set('ForAllValues:StringEquals', ['env', 'team'], ['env', 'owner']), false],
  ['forallvalues-stringequals-empty', 'ForAllValues is true for an empty list', ...set('ForAllValues:StringEquals', ['env'], []), true],
  ['forallvalues-stringequals-absent', 'ForAllValues is true when the key is absent', ...set('ForAllValues:StringEquals', ['env'], undefined), true],
  ['forallvalues-stringequals-empty-string', 'ForAllValues is true for an empty string, an empty set (AWS: ForAllValues also returns true when the key value resolves to a null data set, such as an empty string)', ...set('ForAllValues:StringEquals', ['env'], ''), true],
  ['forallvalues-stringequals-single-string', 'ForAllValues with a single-valued request', ...set('ForAllValues:StringEquals', ['env'], 'env'), true],
  ['foranyvalue-stringequals-one', 'ForAnyValue: one request value is listed', ...set('ForAnyValue:StringEquals', ['env'], ['env', 'owner']), true],
  ['foranyvalue-stringequals-none', 'ForAnyValue: no request value is listed', ...set('ForAnyValue:StringEquals', ['env'], ['owner']), false],
  ['foranyvalue-stringequals-empty', 'ForAnyValue is false for an empty list', ...set('ForAnyValue:StringEquals', ['env'], []), false],
  ['foranyvalue-stringequals-absent', 'ForAnyValue is false when the key is absent', ...set('ForAnyValue:StringEquals', ['env'], undefined), false],
  ['forallvalues-stringlike-all', 'ForAllValues:StringLike all match', ...set('ForAllValues:StringLike', ['env*'], ['env', 'env-x']), true],
  ['forallvalues-stringlike-one-fails', 'ForAllValues:StringLike one fails', ...set('ForAllValues:StringLike', ['env*'], ['env', 'x']), false],
  ['foranyvalue-stringlike-one', 'ForAnyValue:StringLike one matches', ...set('ForAnyValue:StringLike', ['t*'], ['x', 'team']), true],
  ['foranyvalue-stringlike-none', 'ForAnyValue:StringLike none matches', ...set('ForAnyValue:StringLike', ['t*'], ['x']), false],
  ['forallvalues-stringnotequals-clean', 'ForAllValues:StringNotEquals: no request value is forbidden', ...set('ForAllValues:StringNotEquals', ['secret'], ['env', 'team']), true],
  ['forallvalues-stringnotequals-forbidden', 'ForAllValues:StringNotEquals: one request value is forbidden', ...set('ForAllValues:StringNotEquals', ['secret'], ['env', 'secret']), false],
  ['forallvalues-stringnotequals-absent', 'ForAllValues:StringNotEquals with the key absent', ...set('ForAllValues:StringNotEquals', ['secret'], undefined), true],
  ['foranyvalue-stringnotequals-one-other', 'ForAnyValue:StringNotEquals: one request value is not forbidden', ...set('ForAnyValue:StringNotEquals', ['secret'], ['secret', 'env']), true],
  ['foranyvalue-stringnotequals-only-forbidden', 'ForAnyValue:StringNotEquals: every value is forbidden', ...set('ForAnyValue:StringNotEquals', ['secret'], ['secret']), false],
  ['foranyvalue-stringnotequals-absent', 'ForAnyValue:StringNotEquals with the key absent', ...set('ForAnyValue:StringNotEquals', ['secret'], undefined), false],
  ['foranyvalue-stringnotequals-empty', 'ForAnyValue:StringNotEquals over an empty list is false (AWS: ForAnyValue returns false when the key value resolves to a null data set)', ...set('ForAnyValue:StringNotEquals', ['secret'], []), false],
  ['foranyvalue-stringnotequals-empty-string', 'ForAnyValue:StringNotEquals over an empty string is false (AWS: ForAnyValue returns false when the key value resolves to a null data set, such as an empty string)', ...set('ForAnyValue:StringNotEquals', ['secret'], ''), false],
  ['forallvalues-ignorecase', 'ForAllValues:StringEqualsIgnoreCase', ...set('ForAllValues:StringEqualsIgnoreCase', ['ENV'], ['env', 'Env']), true],
  ['forallvalues-stringnotlike', 'ForAllValues:StringNotLike: no value looks internal', ...set('ForAllValues:StringNotLike', ['internal-*'], ['env', 'internal-x']), false],
  // AWS documents IfExists as "if the key is not present, evaluate the condition element as true"; iam-simulate
  // returns false for ForAnyValue…IfExists (excluded from the differential test).
  ['foranyvalue-ifexists-absent-key', 'ForAnyValue:StringEqualsIfExists with the key absent is true', ...set('ForAnyValue:StringEqualsIfExists', ['env'], undefined), true, DOCS.ifExists],
  ['foranyvalue-ifexists-empty-list', 'ForAnyValue:StringEqualsIfExists with an empty list: the key is present, no value matches', ...set('ForAnyValue:StringEqualsIfExists', ['env'], []), false],
  [
    'foranyvalue-arnlike',
    'ForAnyValue:ArnLike over a list of ARNs',
    { 'ForAnyValue:ArnLike': { 'custom:Arns': 'arn:aws:iam::*:role/Admin*' } },
    { 'custom:Arns': ['arn:aws:iam::111111111111:role/Reader', 'arn:aws:iam::111111111111:role/AdminOps'] },
    true,
  ],
  [
    'forallvalues-numericlessthan',
    'ForAllValues:NumericLessThan over a list of numbers',
    { 'ForAllValues:NumericLessThan': { 'custom:Sizes': '100' } },
    { 'custom:Sizes': ['5', '50', '150'] },
    false,
  ],
  [
    'foranyvalue-ipaddress',
    'ForAnyValue:IpAddress over a list of addresses',
    { 'ForAnyValue:IpAddress': { 'custom:Hops': '10.0.0.0/8' } },
    { 'custom:Hops': ['192.0.2.1', '10.9.9.9'] },
    true,
  ],
  [
    'orgpaths-foranyvalue-stringlike',
    'aws:PrincipalOrgPaths with ForAnyValue:StringLike',
    { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc/r-ab12/ou-prod/*' } },
    { 'aws:PrincipalOrgPaths': ['o-abc/r-ab12/ou-prod/ou-web/'] },
    true,
  ],
]);
