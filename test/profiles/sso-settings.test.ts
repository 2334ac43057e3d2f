import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrgModel } from '../../src/model/organization.js';
import { renderBlock } from '../../src/toolkit/profiles/render.js';
import type { SourceChoice } from '../../src/toolkit/profiles/source.js';
import { ssoSettings } from '../../src/toolkit/profiles/sso-settings.js';
import { defaultConfigFile, writeProfilesBlock } from '../../src/toolkit/profiles/write.js';

const model = { name: 'Acme Corp', homeRegion: 'eu-west-1' } as OrgModel;
const awsLive: SourceChoice = {
  source: 'live',
  note: '',
  targetKind: 'aws',
  region: 'eu-central-1',
  live: {
    organizationId: 'o-abc',
    accounts: [],
    identity: {
      center: {
        instanceArn: 'arn:aws:sso:::instance/ssoins-1',
        identityStoreId: 'd-1234567890',
        ownerAccountId: '111111111111',
        region: 'eu-central-1',
      },
      users: [],
      groups: [],
      memberships: [],
      permissionSets: [],
      assignments: [],
      pending: [],
    },
  },
};

describe('sign-in settings', () => {
  it('on AWS: the identity store’s portal and the Region the instance was found in; session after the org', () => {
    expect(ssoSettings(model, awsLive, {})).toEqual({
      session: 'acme-corp',
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-central-1',
    });
  });

  it('on an endpoint: <endpoint>/start; the flags win', () => {
    const local: SourceChoice = { source: 'spec', note: '', targetKind: 'local', endpoint: 'http://127.0.0.1:4577/' };
    expect(ssoSettings(model, local, {}).startUrl).toBe('http://127.0.0.1:4577/start');
    expect(
      ssoSettings(model, awsLive, {
        ssoStartUrl: 'https://acme.awsapps.com/start',
        ssoRegion: 'us-east-1',
        ssoSession: 'sso',
      }),
    ).toEqual({
      session: 'sso',
      startUrl: 'https://acme.awsapps.com/start',
      region: 'us-east-1',
    });
  });

  it('refuses a session name a section header cannot hold and a start URL that is not a URL', () => {
    expect(() => ssoSettings(model, awsLive, { ssoSession: 'my sso' })).toThrow(/--sso-session "my sso"/);
    expect(() => ssoSettings(model, awsLive, { ssoStartUrl: 'acme.awsapps.com' })).toThrow(/not an http\(s\) URL/);
  });
});

describe('the config file', () => {
  it('is AWS_CONFIG_FILE (with ~ for the home folder) or ~/.aws/config', () => {
    expect(defaultConfigFile({})).toBe(join(homedir(), '.aws', 'config'));
    expect(defaultConfigFile({ AWS_CONFIG_FILE: '~/work/aws-config' })).toBe(join(homedir(), 'work', 'aws-config'));
  });

  it('is edited where a symlink points, the link left as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-profiles-link-'));
    const real = join(dir, 'dotfiles-config');
    writeFileSync(real, '[default]\nregion = eu-west-1\n');
    const link = join(dir, 'config');
    symlinkSync(real, link);
    const block = renderBlock([], {
      sso: { session: 'acme', startUrl: 'https://x/start', region: 'eu-west-1' },
      region: 'eu-west-1',
    });
    expect(writeProfilesBlock(link, 'acme', block, []).status).toBe('updated');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('[sso-session acme]');
  });
});
