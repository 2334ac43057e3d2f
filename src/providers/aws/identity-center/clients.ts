import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../clients.js';

/** IAM Identity Center's admin API in the organization's home region (see `AwsClients.useHomeRegion`). */
export const ssoAdminOf = (clients: AwsClients): SSOAdminClient => clients.inIdentityCenter(SSOAdminClient);

/** The Identity Center identity store (users, groups, memberships) in the home region. */
export const identityStoreOf = (clients: AwsClients): IdentitystoreClient =>
  clients.inIdentityCenter(IdentitystoreClient);
