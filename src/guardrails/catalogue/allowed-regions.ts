/**
 * allowed-regions: denies every request whose aws:RequestedRegion is not in the list, except the global services
 * AWS documents as exempt (./global-services.ts) and the exempt roles.
 */
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { EXEMPT_ROLES, exempting, readExemptRoles } from './exempt-roles.js';
import { GLOBAL_ACTIONS } from './global-services.js';
import { ParameterReader } from './parameters.js';
import { checkRegion } from './region-check.js';

export interface AllowedRegionsParameters {
  regions: string[];
  exemptRoles: string[];
}

export const allowedRegions: GuardrailDefinition<AllowedRegionsParameters> = {
  name: 'allowed-regions',
  summary: 'Denies requests outside the allowed Regions, except the global services AWS documents as exempt',
  docPage: 'docs/guardrails/allowed-regions.md',
  parse(raw, ctx) {
    const reader = new ParameterReader(raw, ['regions', EXEMPT_ROLES]);
    const listed = reader.stringList('regions', { check: checkRegion, example: '[eu-west-1, eu-central-1]' });
    const exemptRoles = readExemptRoles(reader);
    const regions = listed ?? (reader.has('regions') ? undefined : [...ctx.allowedRegions]);
    if (regions !== undefined && regions.length === 0) {
      reader.problem(
        [],
        'allowed-regions needs the Regions to allow',
        `add parameters: { regions: [${ctx.homeRegion}] } or set organization.allowedRegions`,
      );
    } else if (regions !== undefined && !regions.includes(ctx.homeRegion)) {
      reader.problem(
        listed !== undefined ? ['regions'] : [],
        `the allowed Regions (${regions.join(', ')}) leave out the home Region ${ctx.homeRegion}`,
        `add ${ctx.homeRegion}: Bulkhead and the organization's own resources live there`,
      );
    }
    return reader.result(() => ({ regions: regions ?? [], exemptRoles }));
  },
  render(params) {
    return [
      denyStatement(
        'AllowedRegionsDenyOthers',
        { NotAction: [...GLOBAL_ACTIONS] },
        '*',
        exempting(params.exemptRoles, { StringNotEquals: { 'aws:RequestedRegion': [...params.regions] } }),
      ),
    ];
  },
};
