import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgModel } from '../../src/model/organization.js';
import { loadModel } from '../../src/toolkit/access-source.js';
import { init } from '../../src/toolkit/init.js';
import { entitlementsFromSpec, type Entitlement } from '../../src/toolkit/profiles/entitlements.js';
import { nameProfiles } from '../../src/toolkit/profiles/names.js';
import { credentialProcess } from '../../src/toolkit/profiles/render.js';

const short = (list: Entitlement[]) => list.map((e) => `${e.environment}/${e.permissionSet} via ${e.via.join('+')}`);

describe('entitlements from the spec (startup template)', () => {
  let model: OrgModel;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-ent-')), 'org.yaml');
    init({ template: 'startup', file });
    model = await loadModel(file);
  });

  it('gives alice the grid rows of her groups and her own sandbox, not bob’s', () => {
    expect(short(entitlementsFromSpec(model, 'alice').entitlements)).toEqual([
      'prod/PowerUser via group Ops',
      'prod/ReadOnly via group Developers',
      'staging/PowerUser via group Developers',
      'dev/PowerUser via group Developers',
      'sandbox-alice/PowerUser via user alice',
    ]);
  });

  it('names them by environment and permission set', () => {
    const named = nameProfiles(entitlementsFromSpec(model, 'alice').entitlements, {
      pattern: '{environment}-{permissionSet}',
      org: model.name,
      accountsPerEnvironment: new Map(),
    });
    expect(named.map((n) => n.profile)).toEqual([
      'prod-poweruser',
      'prod-readonly',
      'staging-poweruser',
      'dev-poweruser',
      'sandbox-alice-poweruser',
    ]);
  });

  it('gives bob no production write access (he is not in Ops)', () => {
    expect(short(entitlementsFromSpec(model, 'bob').entitlements)).toEqual([
      'prod/ReadOnly via group Developers',
      'staging/PowerUser via group Developers',
      'dev/PowerUser via group Developers',
      'sandbox-bob/PowerUser via user bob',
    ]);
  });

  it('refuses an unknown user with did-you-mean', () => {
    expect(() => entitlementsFromSpec(model, 'alcie')).toThrow(
      expect.objectContaining({ code: 'unknown-user', hint: 'did you mean `alice`?' }),
    );
  });
});

describe('profile names', () => {
  const e = (accountName: string, environment: string, permissionSet: string): Entitlement => ({
    accountName,
    environment,
    permissionSet,
    alsoHosts: [],
    via: ['group G'],
  });
  const options = { pattern: '{environment}-{permissionSet}', org: 'Acme Corp', accountsPerEnvironment: new Map() };

  it('adds the account where an environment has several accounts', () => {
    const named = nameProfiles([e('retail-prod', 'prod', 'ReadOnly'), e('payments-prod', 'prod', 'ReadOnly')], options);
    expect(named.map((n) => n.profile)).toEqual(['prod-retail-prod-readonly', 'prod-payments-prod-readonly']);
    const spec = nameProfiles([e('retail-prod', 'prod', 'ReadOnly')], {
      ...options,
      accountsPerEnvironment: new Map([['prod', 2]]),
    });
    expect(spec[0]!.profile).toBe('prod-retail-prod-readonly');
  });

  it('credential_process names the account where the environment has several', () => {
    const [shared, alone] = nameProfiles([e('retail-prod', 'prod', 'ReadOnly'), e('acme-dev', 'dev', 'ReadOnly')], {
      ...options,
      accountsPerEnvironment: new Map([['prod', 2]]),
    });
    const call = { command: ['bulkhead'], options: [] };
    expect(credentialProcess(call, shared!)).toBe(
      'bulkhead credentials --stage prod --account retail-prod --permission-set ReadOnly',
    );
    expect(credentialProcess(call, alone!)).toBe('bulkhead credentials --stage dev --permission-set ReadOnly');
  });

  it('credential_process confirms production itself: the AWS CLI gives it no terminal to ask on', () => {
    const [prod, dev] = nameProfiles([e('acme-prod', 'prod', 'ReadOnly'), e('acme-dev', 'dev', 'ReadOnly')], options);
    const call = { command: ['bulkhead'], options: [], production: new Set(['prod']) };
    expect(credentialProcess(call, prod!)).toBe(
      'bulkhead credentials --stage prod --permission-set ReadOnly --confirm-prod',
    );
    expect(credentialProcess(call, dev!)).toBe('bulkhead credentials --stage dev --permission-set ReadOnly');
  });

  it('lower-cases and turns unsafe characters into -', () => {
    const [n] = nameProfiles([e('a', 'dev', 'Power User+Billing')], {
      ...options,
      pattern: '{org}_{environment}.{permissionSet}',
    });
    expect(n!.profile).toBe('acme-corp_dev.power-user-billing');
  });

  it('refuses a pattern that gives two entitlements one name', () => {
    expect(() => nameProfiles([e('a', 'dev', 'Power+User'), e('a', 'dev', 'Power User')], options)).toThrow(
      expect.objectContaining({ code: 'profile-name-clash' }),
    );
  });

  it('refuses unknown tokens with did-you-mean, and patterns that name no account', () => {
    expect(() => nameProfiles([], { ...options, pattern: '{enviroment}-{permissionSet}' })).toThrow(
      expect.objectContaining({ hint: 'did you mean `environment`?' }),
    );
    expect(() => nameProfiles([], { ...options, pattern: '{permissionSet}' })).toThrow(/names no account/);
  });
});
