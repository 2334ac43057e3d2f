import { didYouMeanAmong } from '../../core/suggest.js';
import { ENVIRONMENT_KINDS } from '../../model/environment.js';
import { isKnownRegion } from '../../model/regions.js';
import { claimedKeys, quotaTargets } from '../quotas.js';
import type { RuleContext } from './context.js';
import { referenceHint } from './names.js';

/** Service Quotas' quota codes: `L-` and eight hexadecimal digits (L-B99A9384). */
const QUOTA_CODE = /^L-[0-9A-F]{8}$/;

/**
 * `quotas:`: each entry names exactly one target (E-QUOTA-TARGET) that exists (E-QUOTA-UNKNOWN-ENVIRONMENT, -KIND,
 * -ACCOUNT), a quota code of AWS's form (E-QUOTA-CODE), a value above zero (E-QUOTA-VALUE) and, when it names one, a
 * region the organization allows (E-QUOTA-REGION). Two entries of the same target type asking for the same quota of
 * the same account are a conflict (E-QUOTA-DUPLICATE); across types the more specific one decides. Whether the
 * service and quota codes exist is Service Quotas' to say: the plan checks them (E-QUOTA-UNKNOWN).
 */
export function checkQuotas(ctx: RuleContext): void {
  const entries = ctx.spec.quotas ?? [];
  const envs = ctx.spec.environments ?? {};
  const accountNames = (ctx.spec.accounts ?? []).map((a) => a.name);
  const allowed = ctx.spec.organization.allowedRegions ?? [];
  const claimed = new Map<string, number>();
  entries.forEach((entry, i) => {
    const base = ['quotas', i];
    const targets = quotaTargets(entry);
    if (targets.length !== 1) {
      ctx.error(
        'E-QUOTA-TARGET',
        base,
        targets.length === 0
          ? `quota ${entry.quota} says neither where nor for whom it is wanted`
          : `quota ${entry.quota} names ${targets.map((t) => t.type).join(' and ')}: name exactly one`,
        { hint: 'give exactly one of environment, environmentKind, account or newAccounts: true', atKey: true },
      );
    }
    const target = targets.length === 1 ? targets[0] : undefined;
    if (target?.type === 'environment' && !(target.name in envs) && !ctx.isDropped('environments', target.name)) {
      ctx.error(
        'E-QUOTA-UNKNOWN-ENVIRONMENT',
        [...base, 'environment'],
        `quota ${entry.quota} is wanted in environment "${target.name}", which is not defined under environments`,
        { hint: referenceHint(target.name, Object.keys(envs), 'environments') },
      );
    }
    if (target?.type === 'environmentKind') {
      if (!(ENVIRONMENT_KINDS as readonly string[]).includes(target.name)) {
        ctx.error(
          'E-QUOTA-UNKNOWN-KIND',
          [...base, 'environmentKind'],
          `quota ${entry.quota} is wanted in environments of kind "${target.name}", which is not an environment kind`,
          { hint: didYouMeanAmong(target.name, ENVIRONMENT_KINDS) ?? `kinds: ${ENVIRONMENT_KINDS.join(', ')}` },
        );
      } else if (!Object.values(envs).some((e) => e.kind === target.name) && !ctx.hasDropped('environments')) {
        ctx.warn(
          'W-QUOTA-NO-ACCOUNTS',
          [...base, 'environmentKind'],
          `no environment is of kind "${target.name}", so quota ${entry.quota} is requested nowhere`,
          { hint: 'remove the entry or add an environment of that kind' },
        );
      }
    }
    if (target?.type === 'account' && !accountNames.includes(target.name) && !ctx.isDropped('accounts', target.name)) {
      const management = target.name === ctx.spec.organization.managementAccount.name;
      ctx.error(
        'E-QUOTA-UNKNOWN-ACCOUNT',
        [...base, 'account'],
        management
          ? `quota ${entry.quota} is wanted in the management account "${target.name}", which runs no workloads`
          : `quota ${entry.quota} is wanted in account "${target.name}", which is not defined under accounts`,
        {
          hint: management
            ? 'name a member account (under accounts), or raise it by hand with `aws service-quotas`'
            : referenceHint(target.name, accountNames, 'accounts'),
        },
      );
    }
    if (!QUOTA_CODE.test(entry.quota)) {
      const upper = entry.quota.toUpperCase();
      ctx.error('E-QUOTA-CODE', [...base, 'quota'], `"${entry.quota}" is not a Service Quotas quota code`, {
        hint: QUOTA_CODE.test(upper)
          ? `quota codes are upper case: ${upper}`
          : 'quota codes are L- and 8 hexadecimal digits, e.g. L-B99A9384; `aws service-quotas list-service-quotas --service-code <service>` lists them',
      });
    }
    if (!Number.isFinite(entry.value) || entry.value <= 0) {
      ctx.error('E-QUOTA-VALUE', [...base, 'value'], `quota ${entry.quota} asks for ${entry.value}`, {
        hint: 'the value wanted must be above zero (quotas are raised, never lowered)',
      });
    }
    if (entry.region !== undefined) {
      const known = isKnownRegion(entry.region);
      if (!known || (allowed.length > 0 && !allowed.includes(entry.region))) {
        ctx.error(
          'E-QUOTA-REGION',
          [...base, 'region'],
          known
            ? `quota ${entry.quota} is wanted in ${entry.region}, which is not among the allowed regions`
            : `"${entry.region}" is not an AWS Region`,
          {
            hint: known
              ? `use one of ${allowed.join(', ')}, or add ${entry.region} to organization.allowedRegions`
              : (didYouMeanAmong(entry.region, allowed.length > 0 ? allowed : [ctx.spec.organization.homeRegion]) ??
                'Region names look like eu-west-1 or us-east-2'),
          },
        );
      }
    }
    if (target === undefined) return;
    for (const { key, rank, where } of claimedKeys(ctx.spec, entry)) {
      const first = claimed.get(`${rank}:${key}`);
      if (first === undefined) {
        claimed.set(`${rank}:${key}`, i);
        continue;
      }
      ctx.error(
        'E-QUOTA-DUPLICATE',
        base,
        `quotas[${first}] and quotas[${i}] both ask for ${entry.service}/${entry.quota} in ${where}`,
        { hint: 'keep one entry per quota and target', atKey: true },
      );
      break;
    }
  });
}
