import { isAllowed } from '../../access/evaluate.js';
import { ALLOWED } from '../../access/matrix.js';
import { accountsOf, holdsIn } from '../../access/org-view.js';
import { policySetFor, requestFor, ssoRoleName } from '../../access/org-queries.js';
import { sampleResource } from '../../access/action-info.js';
import { isGrowthSize, listOf, plural } from '../facts.js';
import type { CheckContext, CheckRule, RawFinding } from '../types.js';
import { missing } from './guardrails.js';

export const ssoNotIamUsers: CheckRule = {
  id: 'sso-not-iam-users',
  title: 'People sign in through IAM Identity Center, not IAM users',
  severity: 'warning',
  weight: 8,
  cis: 'CIS v1.2.0 1.16 (IAM policies attached only to groups or roles)',
  check(model, ctx) {
    const findings: RawFinding[] = [];
    const { users, groups, assignments } = ctx.input.access.identity;
    if (users.size + groups.size === 0 || assignments.length === 0)
      findings.push({
        subject: { type: 'organization', name: model.name },
        message:
          users.size + groups.size === 0
            ? 'no users or groups in IAM Identity Center: people must be signing in some other way (IAM users?)'
            : 'IAM Identity Center has users or groups but grants them no access to any account',
        why: 'IAM users carry long-lived passwords and access keys in every account they exist in; Identity Center gives short-lived credentials from one place, removed in one place.',
        fix: 'identity:\n  users:\n    - userName: alice\n      email: alice@example.com\n  groups:\n    - name: Developers\n      members: [alice]\n  access:\n    Developers:\n      dev: PowerUser',
      });
    const severity = isGrowthSize(model, ctx.options) ? 'warning' : 'info';
    for (const f of missing(model, ctx, {
      guardrail: 'deny-iam-users',
      probes: [{ action: 'iam:CreateUser', region: 'us-east-1' }],
      why: 'As long as anyone can create IAM users and keys, long-lived credentials creep back in beside Identity Center.',
    }))
      findings.push({ ...f, severity });
    return findings;
  },
};

/** The people who may run one of the write actions somewhere in each production environment. */
export function prodWriters(ctx: CheckContext): Map<string, Map<string, Set<string>>> {
  const { access, resolver } = ctx.input;
  const data = ctx.prodMatrix;
  const out = new Map<string, Map<string, Set<string>>>();
  const add = (environment: string, person: string, via: string) => {
    const people = out.get(environment) ?? new Map<string, Set<string>>();
    people.set(person, (people.get(person) ?? new Set()).add(via));
    out.set(environment, people);
  };
  for (const row of data.rows) {
    if (!row.statuses.some((s) => s === ALLOWED)) continue;
    for (const grant of row.grants) {
      const members = grant.user !== undefined ? [grant.user] : (access.identity.groups.get(row.group)?.members ?? []);
      for (const m of members) add(row.environment, m, `${row.group} (${grant.permissionSet})`);
    }
  }
  // Permission sets assigned to a user directly (live) have no matrix row: ask the evaluator for each.
  for (const a of access.identity.assignments) {
    if (a.group !== undefined || a.user === undefined || !data.environments.includes(a.environment)) continue;
    const writes = accountsOf(access, a.environment).some((account) => {
      if (!holdsIn(a, account)) return false;
      const set = policySetFor(account, a.permissionSet, resolver);
      return (
        set !== undefined &&
        data.actions.some((action) =>
          isAllowed(
            requestFor(
              access,
              account,
              ssoRoleName(a.permissionSet),
              a.user!,
              { action, region: data.region },
              sampleResource(action, account.id, data.region),
            ),
            set,
          ),
        )
      );
    });
    if (writes) add(a.environment, a.user, `directly (${a.permissionSet})`);
  }
  return out;
}

export const prodWritersRule: CheckRule = {
  id: 'prod-writers',
  title: 'Few people can change production',
  severity: 'warning',
  weight: 8,
  check(model, ctx) {
    const max = ctx.options.maxProdWriters;
    return [...prodWriters(ctx)]
      .filter(([, people]) => people.size > max)
      .map(([environment, people]): RawFinding => {
        const via = [...new Set([...people.values()].flatMap((s) => [...s]))];
        return {
          subject: { type: 'environment', name: environment },
          message: `${plural(people.size, 'person')} can change ${environment} (more than ${max}): ${listOf([...people.keys()].sort())}, through ${listOf(via)}`,
          why: 'Everyone who can write to production can break it by a slip of the terminal; the people who iterate in dev need to read production, not change it.',
          fix: `identity:\n  access:\n    Developers:\n      ${environment}: ReadOnly\n    Ops:\n      ${environment}: PowerUser   # a small group`,
        };
      });
  },
};
