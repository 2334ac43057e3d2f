import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import { BulkheadError } from '../../../core/errors.js';
import type { SessionCredentials } from '../account-clients.js';

/** Where the SSO portal API is: AWS's in the session's region, or the local cloud's (any endpoint). */
export interface SsoEndpoint {
  region: string;
  endpoint?: string;
}

/** A role (permission set) the signed-in user may take in an account. */
export interface PortalRole {
  roleName: string;
  accountId: string;
}

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

/** The portal's "your token is not accepted" answers: signing in again is the cure. */
const TOKEN_REJECTED = new Set(['UnauthorizedException']);

function portalError(err: unknown, what: string): unknown {
  const name = (err as { name?: string }).name ?? '';
  if (TOKEN_REJECTED.has(name))
    return new BulkheadError('sso-token-rejected', `the SSO portal refused the cached token (${what})`, {
      hint: 'sign in again: `bulkhead login` or `aws sso login --profile …`',
      cause: err,
    });
  return err;
}

/** The SSO portal (awsssoportal) calls exec needs; the SDK sends the token as x-amz-sso_bearer_token. */
export class SsoPortal {
  private readonly client: SSOClient;

  constructor(where: SsoEndpoint) {
    this.client = new SSOClient({
      region: where.region,
      ...(where.endpoint ? { endpoint: where.endpoint } : {}),
      maxAttempts: 4,
    });
  }

  async listAccounts(accessToken: string): Promise<PortalAccount[]> {
    const out: PortalAccount[] = [];
    let nextToken: string | undefined;
    do {
      const res = await this.client
        .send(new ListAccountsCommand({ accessToken, ...(nextToken ? { nextToken } : {}) }))
        .catch((err: unknown) => Promise.reject(portalError(err, 'ListAccounts')));
      for (const a of res.accountList ?? [])
        out.push({
          accountId: a.accountId ?? '',
          accountName: a.accountName ?? '',
          emailAddress: a.emailAddress ?? '',
        });
      nextToken = res.nextToken;
    } while (nextToken);
    return out;
  }

  async listAccountRoles(accessToken: string, accountId: string): Promise<PortalRole[]> {
    const out: PortalRole[] = [];
    let nextToken: string | undefined;
    do {
      const res = await this.client
        .send(new ListAccountRolesCommand({ accessToken, accountId, ...(nextToken ? { nextToken } : {}) }))
        .catch((err: unknown) => Promise.reject(portalError(err, 'ListAccountRoles')));
      for (const r of res.roleList ?? []) if (r.roleName) out.push({ roleName: r.roleName, accountId });
      nextToken = res.nextToken;
    } while (nextToken);
    return out;
  }

  async getRoleCredentials(accessToken: string, accountId: string, roleName: string): Promise<SessionCredentials> {
    const res = await this.client
      .send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))
      .catch((err: unknown) => Promise.reject(portalError(err, 'GetRoleCredentials')));
    const c = res.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || c.expiration === undefined)
      throw new BulkheadError('sso-no-credentials', `GetRoleCredentials of ${roleName} in ${accountId} returned none`, {
        source: 'aws',
      });
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      // The portal gives milliseconds since the epoch.
      expiration: new Date(c.expiration),
    };
  }

  destroy(): void {
    this.client.destroy();
  }
}
