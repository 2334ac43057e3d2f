import { BulkheadError, UsageError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import { isProduction, type Environment } from '../../model/environment.js';
import type { ObservedAccount, ObservedOrganization } from '../../model/observed.js';
import type { Account, OrgModel } from '../../model/organization.js';

/** One environment's account, as the spec names it and the live organization numbers it. */
export interface Stage {
  environment: Environment;
  production: boolean;
  account: { name: string; email: string; id: string };
  /** Known when the live organization was read (the assume-role path); the SSO portal does not say. */
  organization?: { id: string; managementAccountId: string };
}

export interface StageQuery {
  /** The environment name (`--stage`). */
  stage: string;
  /** The account's name, for environments with several accounts (`--account`). */
  account?: string;
}

/** The spec's accounts that host `environment`: their own environment first, then those that also host it. */
export function accountsOf(model: OrgModel, environment: string): Account[] {
  const accounts = [...model.accounts.values()].filter((a) => a.lifecycle === 'active');
  return [
    ...accounts.filter((a) => a.environment === environment),
    ...accounts.filter((a) => a.environment !== environment && a.alsoHosts.includes(environment)),
  ];
}

function environmentOf(model: OrgModel, name: string): Environment {
  const environment = model.environments.get(name);
  if (environment) return environment;
  const names = [...model.environments.keys()];
  throw new UsageError(
    `the spec has no environment "${name}"`,
    didYouMeanAmong(name, names) ?? `the environments are ${names.join(', ') || '(none)'}`,
  );
}

function chooseAccount(environment: string, accounts: Account[], asked: string | undefined): Account {
  const names = accounts.map((a) => a.name);
  if (accounts.length === 0)
    throw new BulkheadError('stage-no-account', `environment ${environment} has no account in the spec`, {
      hint: `give an account \`environment: ${environment}\` in the spec and apply it`,
    });
  if (asked !== undefined) {
    const found = accounts.find((a) => a.name === asked);
    if (found) return found;
    throw new UsageError(
      `environment ${environment} has no account "${asked}"`,
      didYouMeanAmong(asked, names) ?? `its accounts are ${names.join(', ')}`,
    );
  }
  if (accounts.length > 1)
    throw new BulkheadError(
      'stage-several-accounts',
      `environment ${environment} has ${accounts.length} accounts: ${names.join(', ')}`,
      {
        hint: `say which with --account NAME (e.g. --account ${names[0]})`,
      },
    );
  return accounts[0]!;
}

/** The environment and account the spec gives for a query, before any live id is known. Pure. */
export function specStage(model: OrgModel, query: StageQuery): { environment: Environment; account: Account } {
  const environment = environmentOf(model, query.stage);
  return { environment, account: chooseAccount(environment.name, accountsOf(model, environment.name), query.account) };
}

/**
 * The account a command should run in for `query.stage`: the spec names it, the live organization
 * gives its id (matched by the spec's id, or by email, the account's natural key). Pure.
 */
export function resolveStage(
  model: OrgModel,
  live: { organization: ObservedOrganization | undefined; accounts: readonly ObservedAccount[] },
  query: StageQuery,
): Stage {
  const { environment, account } = specStage(model, query);
  const org = live.organization;
  if (org === undefined)
    throw new BulkheadError('stage-no-organization', 'these credentials reach no organization', {
      hint: 'apply the spec first (`bulkhead apply`), or use the management account’s credentials',
    });
  const email = account.email.toLowerCase();
  const isManagement = email === model.managementAccount.email.toLowerCase();
  const observed = live.accounts.find(
    (a) =>
      (account.id !== undefined && a.id === account.id) ||
      a.email.toLowerCase() === email ||
      (isManagement && a.id === org.managementAccountId),
  );
  if (observed === undefined || observed.status !== 'ACTIVE') {
    const state = observed ? `is ${observed.status}` : 'does not exist';
    throw new BulkheadError(
      'stage-not-applied',
      `environment ${environment.name}'s account ${account.name} (${account.email}) ${state} in organization ${org.id} (management account ${org.managementAccountId})`,
      {
        hint:
          observed === undefined
            ? 'apply the spec first (`bulkhead apply`); if it is applied, these credentials belong to another organization'
            : 'only an ACTIVE account can be used',
      },
    );
  }
  return {
    environment,
    production: isProduction(environment),
    account: { name: account.name, email: account.email, id: observed.id },
    organization: { id: org.id, managementAccountId: org.managementAccountId },
  };
}
