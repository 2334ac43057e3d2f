import { address } from '../../model/kinds.js';
import { OPEN_REQUEST_STATUSES, serviceQuotaKey } from '../../model/quota-kinds.js';
import { changeIds } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { desiredServiceQuotas, observedCode, reportUnknownCode } from '../quotas/desired.js';

/**
 * Quota increases per account (`quotas:` by environment, kind or account): RequestServiceQuotaIncrease where the
 * applied value is below the wanted one and no request is open. An open request is a note with its status (one
 * asking for less is waited out: Service Quotas takes one open request per quota); a wanted value below the applied one is a warning, since Service Quotas never lowers a quota. Dropping an
 * entry from the spec undoes nothing, for the same reason.
 */
export const serviceQuotaPlanner: KindPlanner<'service-quota'> = {
  kind: 'service-quota',
  after: ['account'],
  diff(ctx) {
    for (const want of desiredServiceQuotas(ctx.desired)) {
      const code = observedCode(ctx, want);
      if (reportUnknownCode(ctx, want, code)) continue;
      const key = serviceQuotaKey(want);
      const email = ctx.desired.accounts.get(want.account)!.email;
      const accountId = ctx.observedAccount(want.account)?.id;
      const observed = ctx.observed['service-quota'].find(
        (o) =>
          o.accountId === accountId &&
          o.serviceCode === want.serviceCode &&
          o.quotaCode === want.quotaCode &&
          o.region === want.region,
      );
      const name = `${want.serviceCode}/${want.quotaCode}${code?.quotaName ? ` (${code.quotaName})` : ''}`;
      const openRequests = (observed?.openRequests ?? []).filter((r) => OPEN_REQUEST_STATUSES.includes(r.status));
      const open = openRequests.find((r) => r.desiredValue >= want.value) ?? openRequests[0];
      if (open && (observed?.value ?? 0) < want.value) {
        // Service Quotas takes one open request per quota (ResourceAlreadyExistsException): a smaller one (from the
        // quota request template, or by hand) is waited out.
        const wait = open.desiredValue >= want.value ? '' : `; the next plan asks for ${want.value} once it is settled`;
        ctx.note({
          code: 'N-QUOTA-REQUEST-OPEN',
          key,
          message: `${name} in ${want.account}: the request for ${open.desiredValue} is ${open.status} (applied now: ${observed?.value})${wait}`,
        });
        continue;
      }
      // An account this plan creates starts at the AWS default.
      const current = observed?.value ?? (accountId === undefined ? code?.defaultValue : undefined);
      if (current !== undefined && current >= want.value) {
        if (current > want.value)
          ctx.problem({
            severity: 'warning',
            code: 'W-QUOTA-NOT-LOWERED',
            key,
            message: `${want.source}: ${name} in ${want.account} is ${current}, above the ${want.value} wanted; Service Quotas does not lower quotas`,
            hint: `ask for ${current} or more, or drop the entry`,
          });
        continue;
      }
      if (code?.adjustable === false) {
        ctx.problem({
          severity: 'error',
          code: 'E-QUOTA-NOT-ADJUSTABLE',
          key,
          message: `${want.source}: ${name} (${want.serviceCode}/${want.quotaCode}) cannot be raised: AWS marks it not adjustable`,
          hint: 'remove the entry',
        });
        continue;
      }
      ctx.add({
        id: `service-quota:${key}`,
        kind: 'service-quota',
        key,
        label: `${name} in ${want.account}, ${want.region}`,
        action: 'create',
        properties: [{ name: 'value', before: current ?? 'unknown', after: want.value }],
        payload: {
          action: 'create',
          account: { address: address('account', email), ...(accountId ? { id: accountId } : {}) },
          accountName: want.account,
          serviceCode: want.serviceCode,
          quotaCode: want.quotaCode,
          region: want.region,
          value: want.value,
        },
        dependsOn: ctx.ifPlanned(changeIds.account(email)),
        destructive: false,
      });
    }
  },
};
