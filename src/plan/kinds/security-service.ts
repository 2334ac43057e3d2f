import { wantedAutoEnable, type ObservedSecurityService } from '../../model/security-services.js';
import type { PropertyChange } from '../types.js';
import type { KindPlanner } from '../planner.js';
import {
  accountLabel,
  adminAccountRef,
  desiredSecurityServices,
  principalsOf,
  securityIds,
} from '../security/desired.js';

/**
 * Each security service's organization-wide setup in the administrator account: GuardDuty's detector and
 * auto-enable, Security Hub enabled with auto-enable, Config's organization aggregator over all Regions. Missing
 * (or observed in another account) is a create; a setting that drifted is an update. Services dropped from the spec
 * are left running: only their delegated administrator is removed.
 */
export const securityServicePlanner: KindPlanner<'security-service'> = {
  kind: 'security-service',
  after: ['organization', 'account', 'delegated-administrator'],
  diff(ctx) {
    for (const want of desiredSecurityServices(ctx)) {
      const { ref, dependsOn } = adminAccountRef(ctx, want.accountName);
      const observed = ctx.observed['security-service'].find(
        (o) => o.service === want.service && ref.id !== undefined && o.accountId === ref.id,
      );
      const elsewhere = ctx.observed['security-service'].find((o) => o.service === want.service && o !== observed);
      const properties = observed?.enabled ? drift(observed, want) : wanted(want);
      if (observed?.enabled && properties.length === 0) continue;
      const action = observed?.enabled ? 'update' : 'create';
      ctx.add({
        id: securityIds.service(want.service),
        kind: 'security-service',
        key: want.service,
        label: `${want.service} in ${want.accountName}${elsewhere ? ` (now in ${accountLabel(ctx, elsewhere.accountId)})` : ''}`,
        action,
        properties,
        payload: {
          action,
          service: want.service,
          account: ref,
          accountName: want.accountName,
          autoEnable: want.autoEnable,
          ...(want.aggregatorName !== undefined ? { aggregatorName: want.aggregatorName } : {}),
        },
        dependsOn: [...ctx.ifPlanned(...principalsOf(want.service).map(securityIds.admin)), ...dependsOn],
        destructive: false,
      });
    }
  },
};

type Want = ReturnType<typeof desiredSecurityServices>[number];

function wanted(want: Want): PropertyChange[] {
  const auto = wantedAutoEnable(want.service, want.autoEnable);
  return [
    ...(auto !== undefined ? [{ name: 'auto-enable', after: auto }] : []),
    ...(want.aggregatorName !== undefined
      ? [{ name: 'aggregator', after: `${want.aggregatorName} (organization, all Regions)` }]
      : []),
  ];
}

function drift(observed: ObservedSecurityService, want: Want): PropertyChange[] {
  const out: PropertyChange[] = [];
  const auto = wantedAutoEnable(want.service, want.autoEnable);
  if (auto !== undefined && observed.autoEnable !== auto) {
    out.push({ name: 'auto-enable', before: observed.autoEnable ?? 'unset', after: auto });
  }
  if (want.aggregatorName !== undefined) {
    const agg = observed.aggregators?.find((a) => a.name === want.aggregatorName);
    if (agg === undefined)
      out.push({ name: 'aggregator', after: `${want.aggregatorName} (organization, all Regions)` });
    else if (!agg.allAwsRegions) out.push({ name: `aggregator ${agg.name} regions`, before: 'some', after: 'all' });
  }
  return out;
}
