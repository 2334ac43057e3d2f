import { COMMERCIAL_REGIONS } from '../../model/regions.js';
import type { OrgModel } from '../../model/organization.js';
import { isGrowthSize, isWorkloadAccount, listOf, memberAccounts, plural } from '../facts.js';
import { unguarded, type Probe } from '../probe.js';
import type { CheckContext, CheckRule, RawFinding } from '../types.js';

export interface Wanted {
  guardrail: string;
  /** One probe per candidate: the account is guarded when any of them is denied. */
  probes: Probe[];
  why: string;
  parameters?: string;
}

function workloadAccounts(model: OrgModel): Set<string> {
  return new Set(
    memberAccounts(model)
      .filter((a) => isWorkloadAccount(model, a))
      .map((a) => a.name),
  );
}

export function missing(model: OrgModel, ctx: CheckContext, wanted: Wanted): RawFinding[] {
  const names = workloadAccounts(model);
  // Every Region allowed: there is nothing outside to deny.
  if (wanted.probes.length === 0) return [];
  const open = unguarded(ctx.input.access, names, wanted.probes);
  if (open.length === 0) return [];
  const snippet = `guardrails:\n  - use: ${wanted.guardrail}\n${wanted.parameters ?? ''}    targets: [root]`;
  if (open.length === names.size && names.size > 1)
    return [
      {
        subject: { type: 'organization', name: 'root' },
        message: `no guardrail does what ${wanted.guardrail} does in any of the ${plural(names.size, 'workload account')}`,
        why: wanted.why,
        fix: snippet,
      },
    ];
  // One finding per OU (or the root) that holds unguarded accounts: that is where the guardrail goes.
  const byOu = new Map<string, string[]>();
  for (const name of open) {
    const ou = model.accounts.get(name)?.ouPath ?? null;
    const key = ou ?? '';
    byOu.set(key, [...(byOu.get(key) ?? []), name]);
  }
  return [...byOu].map(([ou, accounts]) => ({
    subject: accounts.length === 1 ? { type: 'account', name: accounts[0]! } : { type: 'ou', name: ou || 'root' },
    message: `${listOf(accounts)} ${accounts.length === 1 ? 'is' : 'are'} not covered by ${wanted.guardrail} (nor by an SCP that denies the same)`,
    why: wanted.why,
    fix: ou === '' ? snippet : snippet.replace('targets: [root]', `targets: [root]   # or ou:${ou}`),
  }));
}

/** Probes for "requests outside the allowed Regions are denied": one Region outside them, or any Region at all. */
function regionProbes(model: OrgModel): Probe[] {
  const outside = COMMERCIAL_REGIONS.filter((r) => !model.allowedRegions.includes(r));
  const candidates = model.allowedRegions.length > 0 ? outside.slice(0, 1) : outside;
  return candidates.map((region) => ({ action: 'ec2:RunInstances', region }));
}

const LEAVE: Wanted = {
  guardrail: 'deny-leave-organization',
  probes: [{ action: 'organizations:LeaveOrganization', region: 'us-east-1' }],
  why: 'An account that leaves the organization takes its resources out from under every guardrail, the trail and the bill.',
};

export const guardrailsBaseline: CheckRule = {
  id: 'guardrails-baseline',
  title: 'Baseline guardrails on every workload account',
  severity: 'error',
  weight: 10,
  check(model, ctx) {
    const findings = missing(model, ctx, LEAVE);
    const regions = model.allowedRegions;
    if (ctx.input.source === 'spec' && regions.length === 0)
      findings.push({
        severity: 'warning',
        subject: { type: 'organization', name: model.name },
        message: 'organization.allowedRegions is not set, so nothing keeps workloads in the Regions you use',
        why: 'Resources started in a Region nobody watches run up cost and escape monitoring; data may leave the jurisdiction it must stay in.',
        fix: `organization:\n  allowedRegions: [${model.homeRegion}]`,
      });
    findings.push(
      ...missing(model, ctx, {
        guardrail: 'allowed-regions',
        probes: regionProbes(model),
        why: 'Resources started in a Region nobody watches run up cost and escape monitoring; data may leave the jurisdiction it must stay in.',
        parameters: `    parameters:\n      regions: [${(regions.length > 0 ? regions : [model.homeRegion]).join(', ')}]\n`,
      }),
    );
    return findings;
  },
};

export const guardrailsGrowth: CheckRule = {
  id: 'guardrails-growth',
  title: 'Trail protection once the organization grows',
  severity: 'warning',
  weight: 6,
  check(model, ctx) {
    if (!isGrowthSize(model, ctx.options)) return [];
    return missing(model, ctx, {
      guardrail: 'protect-cloudtrail',
      probes: [{ action: 'cloudtrail:StopLogging', region: model.homeRegion }],
      why: 'With more accounts and people, someone will switch off a trail to cover a mistake or an attack; the audit trail must not depend on the restraint of everyone.',
    });
  },
};

export const governanceLean: CheckRule = {
  id: 'governance-lean',
  title: 'Governance kept lean',
  severity: 'warning',
  weight: 3,
  check(model, ctx) {
    const custom = [...model.serviceControlPolicies.values()];
    const max = ctx.options.maxCustomScps;
    if (custom.length <= max) return [];
    return [
      {
        subject: { type: 'organization', name: model.name },
        message: `${plural(custom.length, 'custom SCP')} (more than ${max}): ${listOf(custom.map((p) => p.name))}`,
        why: 'Every guardrail is a rule people trip over without seeing it (an SCP denial looks like any other); keep the few that matter and use the catalogue, which packs them.',
        fix: 'guardrails:   # catalogue guardrails are packed into as few SCPs as fit\n  - use: deny-leave-organization\n    targets: [root]\n  - use: allowed-regions\n    targets: [root]',
      },
    ];
  },
};
