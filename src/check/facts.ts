/** Questions several rules ask of the model. */
import type { Environment, EnvironmentKind } from '../model/environment.js';
import { WORKLOAD_KINDS } from '../model/environment.js';
import type { Account, OrgModel } from '../model/organization.js';
import type { CheckOptions } from './types.js';

export function activeAccounts(model: OrgModel): Account[] {
  return [...model.accounts.values()].filter((a) => a.lifecycle !== 'close');
}

export function isManagement(model: OrgModel, account: Account): boolean {
  const m = model.managementAccount;
  return account.name === m.name || (m.id !== undefined && account.id === m.id);
}

export function memberAccounts(model: OrgModel): Account[] {
  return activeAccounts(model).filter((a) => !isManagement(model, a));
}

export function hostedBy(account: Account): string[] {
  return [account.environment, ...account.alsoHosts].filter((e) => e !== '');
}

export function kindOf(model: OrgModel, environment: string): EnvironmentKind | undefined {
  return model.environments.get(environment)?.kind;
}

export function environmentsOfKind(model: OrgModel, kind: EnvironmentKind): Environment[] {
  return [...model.environments.values()].filter((e) => e.kind === kind);
}

export function accountsHosting(model: OrgModel, environment: string): Account[] {
  return activeAccounts(model).filter((a) => hostedBy(a).includes(environment));
}

export function isWorkloadAccount(model: OrgModel, account: Account): boolean {
  return hostedBy(account).some((e) => {
    const kind = kindOf(model, e);
    return kind !== undefined && WORKLOAD_KINDS.includes(kind);
  });
}

export function accountsOfKind(model: OrgModel, kind: EnvironmentKind): Account[] {
  return activeAccounts(model).filter((a) => hostedBy(a).some((e) => kindOf(model, e) === kind));
}

/** Growth-size: shared log-archive or security accounts, or `growthAccounts` member accounts or more. */
export function isGrowthSize(model: OrgModel, options: CheckOptions): boolean {
  return (
    accountsOfKind(model, 'log-archive').length > 0 ||
    accountsOfKind(model, 'security').length > 0 ||
    memberAccounts(model).length >= options.growthAccounts
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `a, b, c and 2 more`. */
export function listOf(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
