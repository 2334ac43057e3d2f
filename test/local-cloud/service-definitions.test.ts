import { describe, expect, it } from 'vitest';
import { actionAndResource } from '../../src/local-cloud/authz/authorize.js';
import { SERVICES, TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import { NO_PERMISSION_REQUIRED } from '../../src/local-cloud/services/registry.js';
import { CORE_TABLES } from '../../src/local-cloud/store/state.js';
import { Store } from '../../src/local-cloud/store/store.js';

describe('the service definitions', () => {
  it('give every operation a handler and the resource it is authorized against, or an explicit exemption', () => {
    const bad = SERVICES.flatMap((s) =>
      Object.entries(s.operations)
        .filter(
          ([, op]) =>
            typeof op.handler !== 'function' ||
            !(typeof op.resource === 'function' || op.resource === NO_PERMISSION_REQUIRED),
        )
        .map(([name]) => `${s.name}:${name}`),
    );
    expect(bad).toEqual([]);
    const exempt = SERVICES.filter((s) => s.noAuth !== true).flatMap((s) =>
      Object.entries(s.operations)
        .filter(([, op]) => op.resource === NO_PERMISSION_REQUIRED)
        .map(([name]) => `${s.signingName}:${name}`),
    );
    // AWS documents "No permissions are required" for GetCallerIdentity only.
    expect(exempt).toEqual(['sts:GetCallerIdentity']);
    // The unsigned (noAuth) services have no IAM principal: none of their operations is authorized by IAM.
    const unsigned = SERVICES.filter((s) => s.noAuth === true);
    expect(unsigned.map((s) => s.name)).toEqual(['sso-oidc', 'sso']);
    for (const s of unsigned)
      for (const op of Object.values(s.operations)) expect(op.resource).toBe(NO_PERMISSION_REQUIRED);
  });

  it('give restJson1 services distinct METHOD + PATH routes, none at / (where awsQuery is served)', () => {
    const routes = SERVICES.flatMap((s) => (s.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect(routes.length).toBe(24);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.filter((r) => r.endsWith(' /'))).toEqual([]);
    for (const s of SERVICES.filter((x) => x.protocol === 'rest-json'))
      expect(Object.keys(s.operations).sort()).toEqual((s.routes ?? []).map((r) => r.operation).sort());
  });

  it('own distinct tables, and the store holds every one of them', () => {
    const owned = SERVICES.flatMap((s) => [...s.tables]);
    expect(new Set(TABLE_NAMES).size).toBe(TABLE_NAMES.length);
    expect(TABLE_NAMES).toEqual([...CORE_TABLES, ...owned]);
    const store = new Store(TABLE_NAMES);
    for (const t of TABLE_NAMES) expect(store.size(t)).toBe(0);
    expect(Object.keys(store.dump()).sort()).toEqual([...TABLE_NAMES].sort());
  });

  it('declare distinct job kinds', () => {
    const kinds = SERVICES.flatMap((s) => Object.keys(s.jobs ?? {}));
    expect(kinds.sort()).toEqual([
      'budgets-evaluate',
      'close-account',
      'cloudtrail-delivery',
      'create-account',
      'service-quota-request',
      'sso-account-assignment',
      'sso-provision-permission-set',
    ]);
  });

  it('have distinct names, signing names and JSON target prefixes', () => {
    for (const key of ['name', 'signingName'] as const)
      expect(new Set(SERVICES.map((s) => s[key])).size).toBe(SERVICES.length);
    const prefixes = SERVICES.flatMap((s) => (s.targetPrefix === undefined ? [] : [s.targetPrefix]));
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('resolve resources from the input: an IAM role with its path, an Organizations account of the caller', () => {
    const store = new Store(TABLE_NAMES);
    const iam = SERVICES.find((s) => s.name === 'iam');
    if (iam === undefined) throw new Error('no IAM service');
    expect(actionAndResource(iam, 'CreateRole', { RoleName: 'Deploy', Path: '/ci/' }, store, '111122223333')).toEqual({
      action: 'iam:CreateRole',
      resource: 'arn:aws:iam::111122223333:role/ci/Deploy',
    });
    expect(actionAndResource(iam, 'ListRoles', {}, store, '111122223333')).toEqual({
      action: 'iam:ListRoles',
      resource: '*',
    });
    const orgs = SERVICES.find((s) => s.name === 'organizations');
    if (orgs === undefined) throw new Error('no Organizations service');
    // Outside an organization there is no ARN to build: `*`.
    expect(actionAndResource(orgs, 'DescribeAccount', { AccountId: '111122223333' }, store, '111122223333')).toEqual({
      action: 'organizations:DescribeAccount',
      resource: '*',
    });
  });
});
