import type { IoHost } from '../core/events.js';
import { identifyTarget } from '../providers/aws/identity.js';
import { currentCredentials } from '../providers/aws/session-identity.js';
import { withConnection, type Connection, type TargetOptions } from './connect.js';
import { refresh } from './refresh.js';

/** Who the current credentials are: the stable JSON shape of `whoami --json` (docs/machine-interface.md). */
export interface WhoAmI {
  organization: { id: string; managementAccountId: string } | null;
  environment: string | null;
  account: { id: string; name: string | null; management: boolean };
  /** Set for IAM Identity Center sessions (an AWSReservedSSO_<set>_<hex> role). */
  permissionSet: string | null;
  /** The IAM role otherwise (assumed-role sessions), null for users and root. */
  role: string | null;
  /** The session name of a role (the Identity Center user for SSO), or the IAM user's name. */
  user: string | null;
  arn: string;
  /** ISO time the credentials stop working, null when the source does not say (static keys). */
  expiresAt: string | null;
  expiresInSeconds: number | null;
}

/** The parts of a caller ARN: `assumed-role/AWSReservedSSO_PowerUser_0123abcd/alice`, `user/ci`, `root`. */
export function describeArn(arn: string): Pick<WhoAmI, 'permissionSet' | 'role' | 'user'> {
  const resource = arn.split(':').slice(5).join(':');
  const [type, ...rest] = resource.split('/');
  if (type === 'assumed-role' && rest.length >= 2) {
    const roleName = rest[0]!;
    const session = rest.slice(1).join('/');
    // AWS: Identity Center names the role AWSReservedSSO_<permission set>_<16 hex digits>.
    const sso = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(roleName) ?? /^AWSReservedSSO_(.+)_[0-9a-f]+$/.exec(roleName);
    return sso
      ? { permissionSet: sso[1]!, role: roleName, user: session }
      : { permissionSet: null, role: roleName, user: session };
  }
  if (type === 'user') return { permissionSet: null, role: null, user: rest[rest.length - 1] ?? null };
  return { permissionSet: null, role: null, user: type === 'root' ? 'root' : null };
}

/** The account's name and environment from the live organization (management credentials only), else from exec's variables. */
async function accountInfo(
  connection: Connection,
  accountId: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ name: string | null; environment: string | null }> {
  try {
    const observed = await refresh(connection, { notify() {} }, { identity: false });
    const found = observed.account.find((a) => a.id === accountId);
    if (found) return { name: found.name, environment: found.tags['environment'] ?? null };
  } catch {
    // Member accounts may not list the organization's accounts; the variables exec sets still tell.
  }
  const fromExec = env['BULKHEAD_ACCOUNT_ID'] === accountId ? (env['BULKHEAD_STAGE'] ?? null) : null;
  return { name: null, environment: fromExec };
}

export async function whoami(options: {
  target?: TargetOptions;
  connection?: Connection;
  io: IoHost;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
}): Promise<WhoAmI> {
  return withConnection(options, async (connection) => {
    const [identity, credentials] = await Promise.all([
      identifyTarget(connection.clients),
      currentCredentials(connection.clients),
    ]);
    const info = await accountInfo(connection, identity.accountId, options.env ?? process.env);
    const now = (options.now ?? Date.now)();
    const expiration = credentials.expiration;
    return {
      organization:
        identity.organizationId && identity.managementAccountId
          ? { id: identity.organizationId, managementAccountId: identity.managementAccountId }
          : null,
      environment: info.environment,
      account: {
        id: identity.accountId,
        name: info.name,
        management: identity.accountId === identity.managementAccountId,
      },
      ...describeArn(identity.callerArn),
      arn: identity.callerArn,
      expiresAt: expiration ? expiration.toISOString() : null,
      expiresInSeconds: expiration ? Math.max(0, Math.round((expiration.getTime() - now) / 1000)) : null,
    };
  });
}
