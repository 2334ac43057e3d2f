import type { AccessAssignment, PolicyTarget } from '../../model/organization.js';
import type { RuleContext } from './context.js';
import type { PackedPolicy } from '../../guardrails/pack.js';
import type { CheckedPolicies } from './policies.js';

// Verbs of actions that only read. Anything else, and any wildcard over a whole service, may write.
const READ_VERBS =
  /^(Get|List|Describe|View|Search|Lookup|BatchGet|Query|Scan|Select|Head|Check|Validate|Estimate|Preview)/;
const READ_ONLY_MANAGED = /(ReadOnly(Access)?|ViewOnlyAccess|SecurityAudit)$/;

function statements(doc: unknown): Record<string, unknown>[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const s = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(s) ? s : s === undefined ? [] : [s];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
}

function asList(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** Whether a policy document allows any action that is not a read. */
export function policyAllowsWrite(doc: unknown): boolean {
  return statements(doc).some((st) => {
    if (st['Effect'] !== 'Allow') return false;
    if (st['NotAction'] !== undefined) return true;
    return asList(st['Action']).some((action) => {
      const name = action.split(':')[1] ?? action;
      return name === '*' || action === '*' || !READ_VERBS.test(name.replace(/\*$/, ''));
    });
  });
}

function isRegionGuardrail(doc: unknown): boolean {
  return statements(doc).some((st) => {
    if (st['Effect'] !== 'Deny' || typeof st['Condition'] !== 'object' || st['Condition'] === null) return false;
    return Object.values(st['Condition'] as Record<string, unknown>).some(
      (block) =>
        typeof block === 'object' &&
        block !== null &&
        Object.keys(block).some((k) => k.toLowerCase() === 'aws:requestedregion'),
    );
  });
}

function coversAccount(target: PolicyTarget, account: string, ouPath: string | null): boolean {
  if (target.type === 'root') return true;
  if (target.type === 'account') return target.name === account;
  return ouPath !== null && (ouPath === target.path || ouPath.startsWith(`${target.path}/`));
}

export function checkBestPractices(
  ctx: RuleContext,
  placement: Map<string, string>,
  policies: CheckedPolicies,
  assignments: AccessAssignment[],
  packedGuardrails: readonly PackedPolicy[] = [],
): void {
  const { spec } = ctx;
  const mgmt = spec.organization.managementAccount;
  const envs = spec.environments ?? {};
  const accounts = spec.accounts ?? [];
  const kindOf = (env: string) => envs[env]?.kind;

  accounts.forEach((account, i) => {
    // The entry that describes the management account; another name with its email is E-DUPLICATE-EMAIL.
    const inManagement =
      (account.email.toLowerCase() === mgmt.email.toLowerCase() && account.name === mgmt.name) ||
      (mgmt.id !== undefined && account.id === mgmt.id);
    if (inManagement) {
      ctx.warn(
        'BP-MANAGEMENT-WORKLOAD',
        ['accounts', i],
        `environment "${account.environment}" runs in the management account`,
        {
          hint: 'keep the management account free of workloads: give the environment an account of its own',
        },
      );
    }
    const hosted = [account.environment, ...(account.alsoHosts ?? [])];
    const prod = hosted.filter((e) => kindOf(e) === 'production');
    const nonProd = hosted.filter((e) => kindOf(e) !== undefined && kindOf(e) !== 'production');
    if (prod.length > 0 && nonProd.length > 0) {
      ctx.warn(
        'BP-PROD-SHARED',
        ['accounts', i, 'alsoHosts'],
        `account "${account.name}" hosts production (${prod.join(', ')}) together with ${nonProd.join(', ')}`,
        {
          hint: 'move the non-production environments to accounts of their own, so a mistake there cannot touch production',
        },
      );
    }
  });

  const writeSets = new Set(
    (spec.identity?.permissionSets ?? [])
      .filter(
        (p) =>
          (p.managedPolicies ?? []).some((m) => !READ_ONLY_MANAGED.test(m)) ||
          (p.inlinePolicy !== undefined && policyAllowsWrite(policies.inlinePolicies.get(p.name))),
      )
      .map((p) => p.name),
  );
  const writesTo = new Map<string, { prod: string[]; nonProd: string[] }>();
  for (const a of assignments) {
    if (!writeSets.has(a.permissionSet)) continue;
    const entry = writesTo.get(a.group) ?? { prod: [], nonProd: [] };
    const kind = kindOf(a.environment);
    if (kind === 'production') entry.prod.push(a.environment);
    else if (kind === 'development' || kind === 'staging' || kind === 'sandbox') entry.nonProd.push(a.environment);
    writesTo.set(a.group, entry);
  }
  for (const [group, { prod, nonProd }] of writesTo) {
    if (prod.length > 0 && nonProd.length > 0) {
      ctx.warn(
        'BP-PROD-WRITE',
        ['identity', 'access', group],
        `group "${group}" can write to production (${[...new Set(prod)].join(', ')}) as well as to ${[...new Set(nonProd)].slice(0, 4).join(', ')}`,
        {
          hint: 'give the people who iterate in dev read-only access to prod, and prod write access to a separate, smaller group (e.g. Ops)',
          atKey: true,
        },
      );
    }
  }

  const allowed = spec.organization.allowedRegions ?? [];
  if (allowed.length > 0 && policies.invalid.size === 0) {
    const guardrails = [
      ...[...policies.documents].map(([name, doc]) => ({ doc, targets: policies.targets.get(name) ?? [] })),
      ...packedGuardrails.map((p) => ({ doc: p.document as unknown, targets: p.targets })),
    ]
      .filter(({ doc }) => isRegionGuardrail(doc))
      .flatMap(({ targets }) => targets);
    const uncovered = accounts
      .filter((a) => !guardrails.some((t) => coversAccount(t, a.name, placement.get(a.name) ?? null)))
      .map((a) => a.name);
    if (uncovered.length > 0) {
      ctx.warn(
        'BP-NO-REGION-GUARDRAIL',
        ['organization', 'allowedRegions'],
        `allowed regions are set, but no SCP restricting aws:RequestedRegion covers ${uncovered.length === accounts.length ? 'any account' : uncovered.slice(0, 5).join(', ')}`,
        {
          hint: 'use the allowed-regions guardrail on the root (`guardrails: [{ use: allowed-regions, targets: [root] }]`), or attach an SCP that denies requests outside the allowed regions',
        },
      );
    }
  }
}
