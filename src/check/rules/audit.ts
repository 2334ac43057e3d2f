import type { TrailModel } from '../../model/audit.js';
import type { OrgModel } from '../../model/organization.js';
import { isGrowthSize, isManagement, kindOf } from '../facts.js';
import type { CheckRule, RawFinding } from '../types.js';

const TRAIL_SNIPPET = 'audit:\n  trail:\n    name: org-trail   # delivered to the log-archive account';
const SMALL_TRAIL_SNIPPET = [
  'environments:',
  '  log-archive: { kind: log-archive }',
  'accounts:',
  '  - { name: log-archive, email: aws+log-archive@example.com, environment: log-archive }',
  TRAIL_SNIPPET,
].join('\n');

/** The trail as the spec has it (the model also carries an `organization.trail` there). */
export function trailOf(model: OrgModel): TrailModel | undefined {
  return model.audit?.trail;
}

export const trailEnabled: CheckRule = {
  id: 'trail-enabled',
  title: 'Organization trail on',
  severity: 'error',
  weight: 10,
  cis: 'CIS v1.2.0 2.1 (CloudTrail enabled in all regions)',
  needs: ['audit'],
  check(model, ctx) {
    const trail = trailOf(model);
    if (trail === undefined) {
      // A small organization without shared accounts has nowhere separate to keep the logs yet: a warning that
      // says what to add, not an error that fails the startup layout for a step it is not expected to have taken.
      const small = !isGrowthSize(model, ctx.options);
      return [
        {
          ...(small ? { severity: 'warning' as const } : {}),
          subject: { type: 'organization', name: model.name },
          message: small
            ? 'no organization trail yet: API calls in the accounts are not recorded (add a log-archive account and audit.trail)'
            : 'no organization trail: API calls in the accounts are not recorded',
          why: 'Without a trail nobody can tell who did what, when, from where; an organization trail records every account and members cannot switch it off.',
          fix: small ? SMALL_TRAIL_SNIPPET : TRAIL_SNIPPET,
        },
      ];
    }
    if (!trail.multiRegion)
      return [
        {
          severity: 'warning',
          subject: { type: 'organization', name: trail.name },
          message: `trail ${trail.name} logs the home Region only`,
          why: 'Calls in other Regions (including the ones an attacker picks because nobody looks there) go unrecorded.',
          fix: `audit:\n  trail:\n    name: ${trail.name}\n    multiRegion: true`,
        },
      ];
    return [];
  },
};

export const trailLogsSeparate: CheckRule = {
  id: 'trail-logs-separate',
  title: 'Trail logs in a separate log-archive account',
  severity: 'error',
  weight: 8,
  needs: ['audit'],
  check(model) {
    const trail = trailOf(model);
    if (trail === undefined) return [];
    const account = model.accounts.get(trail.bucketAccount);
    const inManagement =
      trail.bucketAccount === model.managementAccount.name || (account !== undefined && isManagement(model, account));
    const problem = inManagement
      ? `they are in the management account ${trail.bucketAccount}`
      : account === undefined
        ? 'there is no log-archive account to hold them'
        : kindOf(model, account.environment) !== 'log-archive'
          ? `they are in ${account.name}, which is not a log-archive account`
          : undefined;
    if (problem === undefined) return [];
    return [
      {
        subject:
          inManagement || account !== undefined
            ? { type: 'account', name: trail.bucketAccount }
            : { type: 'organization', name: model.name },
        message: `the logs of trail ${trail.name} are not kept apart: ${problem}`,
        why: 'Logs kept where the logged people work can be read, changed or deleted by them; a log-archive account nobody works in keeps them honest.',
        fix: `environments:\n  log-archive: { kind: log-archive }\naccounts:\n  - name: ${model.name}-log-archive\n    email: aws+log-archive@example.com\n    environment: log-archive`,
      },
    ];
  },
};

export const trailLogsProtected: CheckRule = {
  id: 'trail-logs-protected',
  title: 'Trail logs not deletable',
  severity: 'warning',
  weight: 6,
  needs: ['audit'],
  check(model) {
    const trail = trailOf(model);
    if (trail === undefined) return [];
    const findings: RawFinding[] = [];
    if (!trail.protect)
      findings.push({
        subject: { type: 'organization', name: trail.name },
        message: `trail ${trail.name} has protect: false, so member accounts are not stopped from changing trails`,
        why: 'The protect-cloudtrail guardrail keeps anyone in a member account from stopping or reconfiguring trails.',
        fix: `audit:\n  trail:\n    name: ${trail.name}\n    protect: true`,
      });
    if (trail.objectLock === undefined)
      findings.push({
        severity: 'info',
        subject: { type: 'organization', name: trail.name },
        message: `the bucket of trail ${trail.name} is versioned but has no object lock`,
        why: 'Versioning keeps overwritten logs, but someone with rights in the log-archive account can still delete versions; object lock makes them undeletable for the retention period.',
        fix: `audit:\n  trail:\n    name: ${trail.name}\n    objectLock: { mode: GOVERNANCE, days: 365 }`,
      });
    return findings;
  },
};

export const securityDelegated: CheckRule = {
  id: 'security-delegated',
  title: 'Security services delegated to a security account',
  severity: 'warning',
  weight: 6,
  cis: 'CIS v1.2.0 2.5 (AWS Config enabled in all regions)',
  needs: ['audit'],
  check(model, ctx) {
    const security = model.audit?.security;
    const snippet =
      'audit:\n  security:\n    adminAccount: security   # an account of kind security\n    services: [guardduty, config, securityhub]';
    if (security === undefined)
      return [
        {
          severity: isGrowthSize(model, ctx.options) ? 'warning' : 'info',
          subject: { type: 'organization', name: model.name },
          message: 'GuardDuty, Config and Security Hub are not run for the organization',
          why: 'Threat detection and configuration history for every account, run from one security account, find what a single team would never notice.',
          fix: snippet,
        },
      ];
    const findings: RawFinding[] = [];
    const admin = model.accounts.get(security.adminAccount);
    if (admin !== undefined && kindOf(model, admin.environment) !== 'security')
      findings.push({
        subject: { type: 'account', name: admin.name },
        message: `the security services are administered from ${admin.name}, which is not a security account`,
        why: 'The findings of every account are sensitive; a dedicated security account keeps them away from the workloads they are about.',
        fix: snippet,
      });
    const missing = ['guardduty', 'config', 'securityhub'].filter((s) => !security.services.includes(s as never));
    if (missing.length > 0)
      findings.push({
        severity: 'info',
        subject: { type: 'organization', name: model.name },
        message: `not delegated: ${missing.join(', ')}`,
        why: 'Each service sees something the others do not.',
        fix: snippet,
      });
    if (!security.autoEnable)
      findings.push({
        subject: { type: 'organization', name: model.name },
        message: 'security services are not turned on for accounts that join later',
        why: 'New accounts are where unwatched experiments start.',
        fix: 'audit:\n  security:\n    autoEnable: true',
      });
    return findings;
  },
};
