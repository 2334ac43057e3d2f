/**
 * protect-cloudtrail: nobody in a member account can stop, delete or reconfigure a trail or an event data store.
 * Reading (LookupEvents, DescribeTrails, GetTrailStatus…) stays allowed. The organization trail lives in the
 * management account, which SCPs do not affect, so Bulkhead can still manage it.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { parseExemptRolesOnly, type ExemptRolesParameters } from './exempt-only.js';
import { exempting } from './exempt-roles.js';

export const CLOUDTRAIL_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:UpdateEventDataStore',
  'cloudtrail:StopEventDataStoreIngestion',
];

export const protectCloudtrail: GuardrailDefinition<ExemptRolesParameters> = {
  name: 'protect-cloudtrail',
  summary: 'Denies stopping, deleting or reconfiguring CloudTrail trails and event data stores',
  docPage: 'docs/guardrails/protect-cloudtrail.md',
  parse: parseExemptRolesOnly,
  render(params) {
    return [
      denyStatement('ProtectCloudtrail', { Action: [...CLOUDTRAIL_ACTIONS] }, '*', exempting(params.exemptRoles)),
    ];
  },
};
