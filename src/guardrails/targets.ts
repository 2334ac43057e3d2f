import { formatTarget, type PolicyTarget } from '../model/organization.js';

/**
 * Where a guardrail applies, as written in org.yaml: the three SCP targets, or environments (by name or by kind),
 * which stand for the accounts that host them.
 */
export type GuardrailTarget = PolicyTarget | { type: 'environment'; name: string } | { type: 'kind'; kind: string };

/** What resolving `environment:` and `kind:` needs to know about an account. */
export interface HostingAccount {
  name: string;
  environment: string;
  alsoHosts?: readonly string[] | undefined;
  lifecycle?: 'active' | 'close' | undefined;
}

/** The spec's selectors resolved: every target is a concrete root, OU or account. */
export interface ResolvedTargets {
  targets: PolicyTarget[];
  /** Environment or kind selectors that name no account (the guardrail does nothing there yet). */
  empty: GuardrailTarget[];
}

export function targetKey(target: GuardrailTarget): string {
  switch (target.type) {
    case 'environment':
      return `environment:${target.name}`;
    case 'kind':
      return `kind:${target.kind}`;
    default:
      return formatTarget(target);
  }
}

/**
 * Resolves `environment:NAME` to the accounts hosting NAME (as their environment or under `alsoHosts`) and
 * `kind:KIND` to the accounts hosting an environment of that kind. Accounts being closed are left out. The
 * result has each concrete target once, in the order first reached.
 */
export function resolveGuardrailTargets(
  selectors: readonly GuardrailTarget[],
  accounts: readonly HostingAccount[],
  environmentKinds: ReadonlyMap<string, string>,
): ResolvedTargets {
  const out = new Map<string, PolicyTarget>();
  const empty: GuardrailTarget[] = [];
  const hosting = (matches: (env: string) => boolean) =>
    accounts.filter((a) => a.lifecycle !== 'close' && [a.environment, ...(a.alsoHosts ?? [])].some(matches));
  for (const selector of selectors) {
    if (selector.type === 'environment' || selector.type === 'kind') {
      const found =
        selector.type === 'environment'
          ? hosting((env) => env === selector.name)
          : hosting((env) => environmentKinds.get(env) === selector.kind);
      if (found.length === 0) empty.push(selector);
      for (const account of found) out.set(`account:${account.name}`, { type: 'account', name: account.name });
    } else {
      out.set(targetKey(selector), selector);
    }
  }
  return { targets: [...out.values()], empty };
}
