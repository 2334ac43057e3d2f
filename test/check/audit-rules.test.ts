import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessOrgFromSpec } from '../../src/access/org-view.js';
import { PermissionSetResolver } from '../../src/access/permission-set-policies.js';
import { runCheck } from '../../src/check/run.js';
import type { CheckReport } from '../../src/check/types.js';
import type { AuditModel } from '../../src/model/audit.js';
import type { OrgModel } from '../../src/model/organization.js';
import { loadModel } from '../../src/toolkit/access-source.js';
import { awsManagedPolicies } from '../../src/toolkit/managed-policies.js';

// The audit rules read `model.audit` (audit.trail, audit.security); these cases set it on a valid model directly.
const GOOD = join(import.meta.dirname, '..', 'cases', 'check', 'good-org', 'org.yaml');

async function checkWith(audit: AuditModel | undefined, source: 'spec' | 'live' = 'spec'): Promise<CheckReport> {
  const loaded = await loadModel(GOOD);
  const model: OrgModel = { ...loaded, ...(audit === undefined ? {} : { audit }) };
  delete (model as { trail?: unknown }).trail;
  const unknown = source === 'live' ? new Map([['audit' as const, 'not checkable live']]) : new Map();
  return runCheck({
    source,
    model,
    access: accessOrgFromSpec(model),
    resolver: new PermissionSetResolver(model.identity, awsManagedPolicies()),
    unknown,
  });
}

const trail = {
  name: 'org-trail',
  bucketAccount: 'acme-log-archive',
  bucketName: 'acme-org-trail-eu-west-1',
  multiRegion: true,
  protect: true,
  objectLock: { mode: 'GOVERNANCE' as const, days: 365 },
};
const security = {
  adminAccount: 'acme-log-archive',
  services: ['guardduty' as const, 'config' as const, 'securityhub' as const],
  autoEnable: true,
  aggregatorName: 'organization',
};

const ruleIds = (r: CheckReport, rule: string) =>
  r.findings.filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.subject.type}:${f.subject.name}`);

describe('check: the audit rules', () => {
  it('a protected, locked trail in the log-archive account passes every trail rule', async () => {
    const r = await checkWith({ trail });
    for (const id of ['trail-enabled', 'trail-logs-separate', 'trail-logs-protected'])
      expect(r.rules.find((x) => x.id === id)?.status, id).toBe('pass');
  });

  it('a bucket outside the log-archive account is an error', async () => {
    const r = await checkWith({ trail: { ...trail, bucketAccount: 'acme-dev' } });
    expect(ruleIds(r, 'trail-logs-separate')).toEqual(['error account:acme-dev']);
    const mgmt = await checkWith({ trail: { ...trail, bucketAccount: 'acme-management' } });
    expect(ruleIds(mgmt, 'trail-logs-separate')).toEqual(['error account:acme-management']);
    const none = await checkWith({ trail: { ...trail, bucketAccount: '' } });
    expect(ruleIds(none, 'trail-logs-separate')).toEqual(['error organization:acme']);
  });

  it('an unprotected trail warns, one without object lock is noted', async () => {
    const r = await checkWith({ trail: { ...trail, protect: false, objectLock: undefined } as never });
    expect(ruleIds(r, 'trail-logs-protected')).toEqual([
      'warning organization:org-trail',
      'info organization:org-trail',
    ]);
  });

  it('a single-Region trail warns', async () => {
    const r = await checkWith({ trail: { ...trail, multiRegion: false } });
    expect(ruleIds(r, 'trail-enabled')).toEqual(['warning organization:org-trail']);
  });

  it('security services run from an account that is not of kind security are flagged', async () => {
    const r = await checkWith({ trail, security: { ...security, services: ['guardduty'], autoEnable: false } });
    expect(ruleIds(r, 'security-delegated')).toEqual([
      'warning account:acme-log-archive',
      'warning organization:acme',
      'info organization:acme',
    ]);
  });

  it('live, the rules that need the audit setup are not checkable and do not count in the score', async () => {
    const r = await checkWith(undefined, 'live');
    const audit = r.rules.filter((x) => ['trail-enabled', 'security-delegated'].includes(x.id));
    expect(audit.map((x) => x.status)).toEqual(['not-checkable', 'not-checkable']);
    expect(r.findings.some((f) => f.rule === 'trail-enabled')).toBe(false);
    expect(r.score).toBe(100);
  });
});
