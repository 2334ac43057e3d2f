/** The parse of a guardrail whose only parameter is `exemptRoles`. */
import type { ParsedParameters } from '../types.js';
import { EXEMPT_ROLES, readExemptRoles } from './exempt-roles.js';
import { ParameterReader } from './parameters.js';

export interface ExemptRolesParameters {
  exemptRoles: string[];
}

export function parseExemptRolesOnly(raw: unknown): ParsedParameters<ExemptRolesParameters> {
  const reader = new ParameterReader(raw, [EXEMPT_ROLES]);
  const exemptRoles = readExemptRoles(reader);
  return reader.result(() => ({ exemptRoles }));
}
