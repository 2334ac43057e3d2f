/** The guardrail catalogue: every guardrail org.yaml can use by name (see docs/guardrails/README.md). */
import { didYouMeanAmong } from '../../core/suggest.js';
import type { GuardrailDefinition } from '../types.js';
import { allowedRegions } from './allowed-regions.js';
import { denyExpensiveInstances } from './deny-expensive-instances.js';
import { denyIamUsers } from './deny-iam-users.js';
import { denyLeaveOrganization } from './deny-leave-organization.js';
import { denyRootUser } from './deny-root-user.js';
import { protectBulkheadRoles } from './protect-bulkhead-roles.js';
import { protectCloudtrail } from './protect-cloudtrail.js';
import { protectSecurityServices } from './protect-security-services.js';
import { requireTags } from './require-tags.js';

const ALL: GuardrailDefinition[] = [
  allowedRegions,
  denyLeaveOrganization,
  denyIamUsers,
  denyRootUser,
  protectCloudtrail,
  protectSecurityServices,
  protectBulkheadRoles,
  denyExpensiveInstances,
  requireTags,
];

/** The catalogue by name, in the order of its documentation. */
export const GUARDRAILS: ReadonlyMap<string, GuardrailDefinition> = new Map(ALL.map((g) => [g.name, g]));

/** "did you mean `allowed-regions`?" for an unknown guardrail name, else a list of the names. */
export function unknownGuardrailHint(name: string): string {
  return (
    didYouMeanAmong(name, GUARDRAILS.keys()) ??
    `the catalogue has ${[...GUARDRAILS.keys()].join(', ')} (docs/guardrails/README.md)`
  );
}
