import { describe, expect, it } from 'vitest';
import { parseCborBody, serializeCbor } from '../../../src/local-cloud/protocols/rpc-v2-cbor.js';
import { TABLE_NAMES } from '../../../src/local-cloud/services/all.js';
import { Store } from '../../../src/local-cloud/store/store.js';
import type { QuotaDefinition } from '../../../src/local-cloud/usage/quota-catalogue.js';
import { countAt, countTimes, usageSeries } from '../../../src/local-cloud/usage/quota-usage.js';
import type { RoleRecord } from '../../../src/local-cloud/services/iam/tables.js';

const ROLES: QuotaDefinition = {
  serviceCode: 'iam',
  serviceName: 'IAM',
  quotaCode: 'L-FE177D64',
  quotaName: 'Roles per account',
  defaultValue: 1000,
  unit: 'None',
  adjustable: true,
  global: true,
  usage: {
    metric: { namespace: 'AWS/Usage', name: 'ResourceCount', dimensions: { Service: 'IAM' }, statistic: 'Maximum' },
    source: { kind: 'count', of: 'iam-roles' },
  },
};

const role = (accountId: string, name: string, createdAt: number): RoleRecord => ({
  accountId,
  roleId: `AROA${name}`,
  name,
  path: '/',
  description: '',
  assumeRolePolicyDocument: '{}',
  maxSessionDuration: 3600,
  createdAt,
  tags: {},
  inlinePolicies: {},
  attachedPolicyArns: [],
});

describe('counted usage', () => {
  it('follows when the account created its records, and only its own', () => {
    const store = new Store(TABLE_NAMES);
    store.put('roles', 'a|one', role('111111111111', 'one', 1_000));
    store.put('roles', 'a|two', role('111111111111', 'two', 5_000));
    store.put('roles', 'b|one', role('222222222222', 'one', 1_000));
    expect(countTimes(store, 'iam-roles', '111111111111')).toEqual([1_000, 5_000]);
    expect([0, 1_000, 4_999, 5_000].map((t) => countAt([1_000, 5_000], t))).toEqual([0, 1, 1, 2]);
    const account = { id: '111111111111', name: 'acme-dev', tags: {}, management: false };
    const series = usageSeries(ROLES, account, { store, seed: 's', loads: [] });
    expect([999, 1_000, 6_000].map((t) => series.at(t))).toEqual([0, 1, 2]);
  });
});

describe('the CBOR codec (as the dispatcher uses it)', () => {
  it('round-trips maps, lists, numbers, strings, booleans and timestamps (tag 1 ↔ Date)', () => {
    const value = { A: 'x', B: [1, -2, 1.5], C: true, D: { E: new Date(1_700_000_000_500) }, F: [] };
    expect(parseCborBody(serializeCbor(value))).toEqual(value);
  });

  it('refuses a body that is not one CBOR map', () => {
    for (const bad of [Buffer.from([0x83, 1, 2, 3]), Buffer.from([0xff, 0x00]), Buffer.from('hello')])
      expect(() => parseCborBody(bad)).toThrow(expect.objectContaining({ code: 'SerializationException' }));
  });

  it('leaves undefined members out (CBOR has undefined, botocore does not take it)', () => {
    expect(serializeCbor({ A: undefined, B: 1 }).toString('hex')).toBe('a1614201');
  });
});
