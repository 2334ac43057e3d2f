import { callerIdentityOf } from '../../providers/aws/session-identity.js';
import type { SsoPortal, PortalAccount } from '../../providers/aws/sso/portal.js';
import type { Target } from '../../providers/aws/target.js';

/** How many accounts to try for a role before giving up on naming the user. */
const ACCOUNTS_TRIED = 3;

/**
 * The Identity Center user behind an SSO token, best effort: AWS names the session of every role the
 * portal hands out after the user (`…:assumed-role/AWSReservedSSO_<set>_<hex>/<userName>`), so the
 * first role of any account the user has tells. Undefined when the user has no role anywhere or a call fails.
 * Costs three calls; only refusals use it.
 */
export async function signedInUserName(
  portal: SsoPortal,
  accessToken: string,
  accounts: readonly PortalAccount[],
  sts: Target,
): Promise<string | undefined> {
  try {
    for (const account of accounts.slice(0, ACCOUNTS_TRIED)) {
      const role = (await portal.listAccountRoles(accessToken, account.accountId))[0];
      if (role === undefined) continue;
      const credentials = await portal.getRoleCredentials(accessToken, account.accountId, role.roleName);
      const { arn } = await callerIdentityOf(sts, credentials);
      const match = /:assumed-role\/AWSReservedSSO_[^/]+\/([^/]+)$/.exec(arn);
      return match?.[1];
    }
  } catch {
    // Naming the user is a courtesy of the message; the refusal stands without it.
  }
  return undefined;
}
