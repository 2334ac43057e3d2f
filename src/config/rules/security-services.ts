import type { Path, RuleContext } from './context.js';
import { findDuplicates } from './context.js';
import { referenceHint } from './names.js';

/** Config's rule for aggregator names (ConfigurationAggregatorName: 1 to 256 of `[\w-]`). */
const AGGREGATOR_NAME = /^[\w-]{1,256}$/;

/**
 * `audit.security`: the delegated administrator is the account named by `adminAccount`, else the one account whose
 * environment is of kind security. It must exist (E-SECURITY-ADMIN-UNKNOWN, E-SECURITY-ADMIN-MISSING), be the only
 * candidate (E-SECURITY-ADMIN-AMBIGUOUS) and not be the management account, which AWS refuses as a delegated
 * administrator (E-SECURITY-ADMIN-MANAGEMENT). Services are listed once (E-SECURITY-SERVICE-DUPLICATE); the aggregator
 * name follows Config's rule (E-SECURITY-AGGREGATOR-NAME).
 */
export function checkSecurityServices(ctx: RuleContext): void {
  const security = ctx.spec.audit?.security;
  if (security === undefined) return;
  const base: Path = ['audit', 'security'];
  const accounts = ctx.spec.accounts ?? [];
  const mgmt = ctx.spec.organization.managementAccount;
  const isManagement = (a: { name: string; email: string; id?: string | undefined }) =>
    a.name === mgmt.name ||
    a.email.toLowerCase() === mgmt.email.toLowerCase() ||
    (mgmt.id !== undefined && a.id === mgmt.id);

  if (security.adminAccount !== undefined) {
    const named = security.adminAccount;
    const account = accounts.find((a) => a.name === named);
    if (named === mgmt.name || (account !== undefined && isManagement(account))) {
      managementError(ctx, [...base, 'adminAccount'], named);
    } else if (account === undefined && !ctx.isDropped('accounts', named)) {
      ctx.error(
        'E-SECURITY-ADMIN-UNKNOWN',
        [...base, 'adminAccount'],
        `the security services' admin account "${named}" is not defined under accounts`,
        {
          hint: referenceHint(
            named,
            accounts.map((a) => a.name),
            'accounts',
          ),
        },
      );
    }
  } else {
    const kinds = new Map(Object.entries(ctx.spec.environments ?? {}).map(([name, e]) => [name, e.kind as string]));
    const candidates = accounts.map((a, i) => ({ a, i })).filter(({ a }) => kinds.get(a.environment) === 'security');
    const first = candidates[0];
    if (first === undefined) {
      ctx.error('E-SECURITY-ADMIN-MISSING', base, 'audit.security needs a delegated administrator account', {
        atKey: true,
        hint: 'add an account in an environment of kind security, or name one with audit.security.adminAccount',
      });
    } else if (candidates.length > 1) {
      ctx.error(
        'E-SECURITY-ADMIN-AMBIGUOUS',
        base,
        `several accounts are of kind security (${candidates.map(({ a }) => a.name).join(', ')})`,
        { atKey: true, hint: `name the delegated administrator: adminAccount: ${first.a.name}` },
      );
    } else if (isManagement(first.a)) {
      managementError(ctx, ['accounts', first.i], first.a.name);
    }
  }

  for (const d of findDuplicates(security.services ?? [], (s) => s)) {
    ctx.error(
      'E-SECURITY-SERVICE-DUPLICATE',
      [...base, 'services', d.index],
      `"${d.key}" is listed twice in audit.security.services`,
      { hint: 'list each service once' },
    );
  }
  const aggregator = security.aggregatorName;
  if (aggregator !== undefined && !AGGREGATOR_NAME.test(aggregator)) {
    ctx.error(
      'E-SECURITY-AGGREGATOR-NAME',
      [...base, 'aggregatorName'],
      `"${aggregator}" is not a valid Config aggregator name`,
      { hint: 'use 1 to 256 letters, digits, underscores and hyphens, e.g. organization' },
    );
  }
}

function managementError(ctx: RuleContext, path: Path, name: string): void {
  ctx.error(
    'E-SECURITY-ADMIN-MANAGEMENT',
    path,
    `"${name}" is the management account, which AWS refuses as a delegated administrator`,
    { hint: 'run the security services from a member account: an account in an environment of kind security' },
  );
}
