import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  DeregisterDelegatedAdministratorCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { unlessDone } from './common.js';

/** The accounts registered as delegated administrator of one service principal. */
export async function delegatedAdminsOf(org: OrganizationsClient, servicePrincipal: string): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await org.send(
      new ListDelegatedAdministratorsCommand({
        ServicePrincipal: servicePrincipal,
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    for (const a of page.DelegatedAdministrators ?? []) if (a.Id) ids.push(a.Id);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

export const registerDelegatedAdmin = (org: OrganizationsClient, accountId: string, servicePrincipal: string) =>
  unlessDone(
    () =>
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: servicePrincipal })),
    'AccountAlreadyRegisteredException',
  );

export const deregisterDelegatedAdmin = (org: OrganizationsClient, accountId: string, servicePrincipal: string) =>
  unlessDone(
    () =>
      org.send(
        new DeregisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: servicePrincipal }),
      ),
    'AccountNotRegisteredException',
  );
