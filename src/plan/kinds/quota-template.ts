import { quotaTemplateKey, SERVICE_QUOTAS_PRINCIPAL } from '../../model/quota-kinds.js';
import type { KindPlanner } from '../planner.js';
import { desiredQuotaTemplate, observedCode, reportUnknownCode } from '../quotas/desired.js';
import { serviceAccessChangeId } from './service-access.js';

const changeId = (key: string) => `quota-template:${key}`;

/**
 * The organization's quota request template (`quotas:` entries with `newAccounts: true`): Service Quotas files its
 * entries as requests for every account created afterwards. The first change associates the template with the
 * organization when it is not (AssociateServiceQuotaTemplate, which needs trusted access for Service Quotas). With
 * `quotas:` in the spec Bulkhead owns the template: entries the spec does not list are removed (which changes only
 * what future accounts ask for).
 */
export const quotaTemplatePlanner: KindPlanner<'quota-template'> = {
  kind: 'quota-template',
  after: ['service-access'],
  diff(ctx) {
    const observed = ctx.observed['quota-template'][0];
    let associate = observed?.associated !== true;
    let first: string | undefined;
    const wants = desiredQuotaTemplate(ctx.desired);
    for (const want of wants) {
      if (reportUnknownCode(ctx, want, observedCode(ctx, want))) continue;
      const key = quotaTemplateKey(want);
      const entry = observed?.entries.find(
        (e) => e.serviceCode === want.serviceCode && e.quotaCode === want.quotaCode && e.region === want.region,
      );
      // Every entry matches, but the template is not associated: the first entry's change associates it.
      const lastChance = associate && want === wants.at(-1) && first === undefined;
      if (entry?.value === want.value && !lastChance) continue;
      const action = entry ? 'update' : 'create';
      const quotaName = observedCode(ctx, want)?.quotaName;
      const name = `${want.serviceCode}/${want.quotaCode}${quotaName ? ` (${quotaName})` : ''}`;
      ctx.add({
        id: changeId(key),
        kind: 'quota-template',
        key,
        label: `${name} for new accounts, ${want.region}`,
        action,
        properties: [
          ...(entry?.value !== want.value ? [{ name: 'value', before: entry?.value, after: want.value }] : []),
          ...(associate ? [{ name: 'template', before: 'not associated', after: 'associated' }] : []),
        ],
        payload: {
          action,
          serviceCode: want.serviceCode,
          quotaCode: want.quotaCode,
          region: want.region,
          value: want.value,
          associate,
        },
        dependsOn: [
          ...ctx.ifPlanned(serviceAccessChangeId(SERVICE_QUOTAS_PRINCIPAL)),
          ...(first !== undefined ? [first] : []),
        ],
        destructive: false,
      });
      if (associate) first = changeId(key);
      associate = false;
    }
  },
  removals(ctx) {
    const observed = ctx.observed['quota-template'][0];
    if (observed === undefined) return;
    const wanted = new Set(desiredQuotaTemplate(ctx.desired).map(quotaTemplateKey));
    for (const entry of observed.entries) {
      const key = quotaTemplateKey(entry);
      if (wanted.has(key)) continue;
      ctx.add({
        id: `delete-${changeId(key)}`,
        kind: 'quota-template',
        key,
        label: `${entry.serviceCode}/${entry.quotaCode} for new accounts, ${entry.region}`,
        action: 'delete',
        properties: [{ name: 'value', before: entry.value }],
        payload: { action: 'delete', serviceCode: entry.serviceCode, quotaCode: entry.quotaCode, region: entry.region },
        dependsOn: [],
        destructive: false,
      });
    }
  },
};
