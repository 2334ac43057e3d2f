/**
 * protect-security-services: member accounts cannot switch off or leave GuardDuty, AWS Config, Security Hub or IAM
 * Access Analyzer, nor hide findings with archive rules. Reading findings and configuration stays allowed. The
 * lists follow AWS's example SCPs ("Prevent users from disabling GuardDuty / AWS Config …"), narrowed to the
 * actions that disable, disconnect or delete.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { parseExemptRolesOnly, type ExemptRolesParameters } from './exempt-only.js';
import { exempting } from './exempt-roles.js';

export const SECURITY_SERVICE_ACTIONS: readonly string[] = [
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DeleteMembers',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DeletePublishingDestination',
  'config:DeleteConfigurationRecorder',
  'config:StopConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DeleteConfigRule',
  'config:DeleteConfigurationAggregator',
  'securityhub:DisableSecurityHub',
  'securityhub:BatchDisableStandards',
  'securityhub:DeleteMembers',
  'securityhub:DisassociateMembers',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
  'securityhub:DisableImportFindingsForProduct',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:UpdateArchiveRule',
];

export const protectSecurityServices: GuardrailDefinition<ExemptRolesParameters> = {
  name: 'protect-security-services',
  summary: 'Denies disabling or leaving GuardDuty, AWS Config, Security Hub and IAM Access Analyzer',
  docPage: 'docs/guardrails/protect-security-services.md',
  parse: parseExemptRolesOnly,
  render(params) {
    return [
      denyStatement(
        'ProtectSecurityServices',
        { Action: [...SECURITY_SERVICE_ACTIONS] },
        '*',
        exempting(params.exemptRoles),
      ),
    ];
  },
};
