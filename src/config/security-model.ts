import { SECURITY_SERVICES, type SecurityServicesModel } from '../model/audit.js';
import type { OrgSpec } from './schema.js';

export const DEFAULT_AGGREGATOR_NAME = 'organization';

/** `model.audit.security` from a spec that passed validation (so the admin account resolves). */
export function buildSecurityServices(spec: OrgSpec): SecurityServicesModel | undefined {
  const security = spec.audit?.security;
  if (security === undefined) return undefined;
  const kinds = new Map(Object.entries(spec.environments ?? {}).map(([name, e]) => [name, e.kind as string]));
  const adminAccount =
    security.adminAccount ?? (spec.accounts ?? []).find((a) => kinds.get(a.environment) === 'security')?.name;
  if (adminAccount === undefined) throw new Error('audit.security without an admin account passed validation');
  return {
    adminAccount,
    services: security.services ?? [...SECURITY_SERVICES],
    autoEnable: security.autoEnable ?? true,
    aggregatorName: security.aggregatorName ?? DEFAULT_AGGREGATOR_NAME,
  };
}
