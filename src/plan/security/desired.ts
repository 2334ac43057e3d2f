import { SERVICE_PRINCIPALS, type SecurityService } from '../../model/audit.js';
import { address } from '../../model/kinds.js';
import type { Ref } from '../../model/payloads.js';
import type { DesiredDelegatedAdmin, DesiredSecurityService } from '../../model/security-services.js';
import { changeIds, type PlanContext } from '../context.js';

export const securityIds = {
  admin: (principal: string) => `delegated-admin:${principal}`,
  removeAdmin: (principal: string) => `remove-delegated-admin:${principal}`,
  service: (service: SecurityService) => `security-service:${service}`,
} as const;

/** The service principals whose delegated administrator each service registers, as AWS documents them. */
export function principalsOf(service: SecurityService): readonly string[] {
  return SERVICE_PRINCIPALS[service];
}

/** Every service principal Bulkhead manages a delegated administrator for (read and removed when unwanted). */
export const MANAGED_PRINCIPALS: ReadonlyMap<string, SecurityService> = new Map(
  (['guardduty', 'config', 'securityhub'] as const).flatMap((s) => principalsOf(s).map((p) => [p, s] as const)),
);

export function desiredDelegatedAdmins(ctx: PlanContext): DesiredDelegatedAdmin[] {
  const security = ctx.desired.audit?.security;
  if (security === undefined) return [];
  return security.services.flatMap((service) =>
    principalsOf(service).map((servicePrincipal) => ({
      servicePrincipal,
      service,
      accountName: security.adminAccount,
    })),
  );
}

export function desiredSecurityServices(ctx: PlanContext): DesiredSecurityService[] {
  const security = ctx.desired.audit?.security;
  if (security === undefined) return [];
  return security.services.map((service) => ({
    service,
    accountName: security.adminAccount,
    autoEnable: security.autoEnable,
    ...(service === 'config' ? { aggregatorName: security.aggregatorName } : {}),
  }));
}

/** The admin account as a ref (its id once it exists) and the change creating it, if this plan has one. */
export function adminAccountRef(ctx: PlanContext, name: string): { ref: Ref; dependsOn: string[] } {
  const email = ctx.desired.accounts.get(name)?.email ?? name;
  const id = ctx.observedAccount(name)?.id;
  return {
    ref: { address: address('account', email), ...(id ? { id } : {}) },
    dependsOn: ctx.ifPlanned(changeIds.account(email)),
  };
}

/** The name the spec gives an observed account id, else the id. */
export function accountLabel(ctx: PlanContext, accountId: string): string {
  const key = ctx.targetKeyOf(accountId);
  return key?.startsWith('account:') ? key.slice('account:'.length) : accountId;
}
