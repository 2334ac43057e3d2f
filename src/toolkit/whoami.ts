import type { IoHost } from '../core/events.js';
import { identifyTarget } from '../providers/aws/identity.js';
import { currentCredentials } from '../providers/aws/session-identity.js';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../local-cloud/defaults.js';
import { findRunningLocalCloud } from '../local-cloud/discovery.js';
import { resolveTargetRequest } from '../providers/aws/target-request.js';
import { withConnection, type Connection, type TargetOptions } from './connect.js';
import { profileNamed, readAwsConfig } from './sso/aws-config.js';
import { ENVIRONMENT_KEY } from './profiles/render.js';
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
  fromProfile?: Readonly<Record<string, string>>,
): Promise<{ name: string | null; environment: string | null }> {
  try {
    const observed = await refresh(connection, { notify() {} }, { identity: false });
    const found = observed.account.find((a) => a.id === accountId);
    if (found) return { name: found.name, environment: found.tags['environment'] ?? null };
  } catch {
    // Member accounts may not list the organization's accounts; the variables exec sets still tell.
  }
  const fromExec =
    env['BULKHEAD_ACCOUNT_ID'] === accountId ? (env['BULKHEAD_STAGE'] ?? null) : (fromProfile?.[accountId] ?? null);
  return { name: null, environment: fromExec };
}

export async function whoami(options: {
  target?: TargetOptions;
  connection?: Connection;
  io: IoHost;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
}): Promise<WhoAmI> {
  const env = options.env ?? process.env;
  const asked = options.connection === undefined ? await profileTarget(options.target ?? {}, env) : undefined;
  const connectWith = asked ? { ...options, target: asked.target } : options;
  return withConnection(connectWith, async (connection) => {
    const [identity, credentials] = await Promise.all([
      identifyTarget(connection.clients),
      currentCredentials(connection.clients),
    ]);
    const info = await accountInfo(connection, identity.accountId, env, asked?.environmentOf);
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

/**
 * The credentials a developer's tools would use: on the local target a profile (`--profile` or AWS_PROFILE, e.g.
 * a generated SSO profile) is read through the local cloud's endpoint rather than replaced by its management keys,
 * and a generated profile says its environment (`bulkhead_environment`) for its account.
 */
async function profileTarget(
  target: TargetOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ target: TargetOptions; environmentOf: Record<string, string> } | undefined> {
  const profile = target.profile ?? (env['AWS_PROFILE'] || undefined);
  if (profile === undefined) return undefined;
  const config = await readAwsConfig(env).catch(() => undefined);
  const keys = config && Object.hasOwn(config.profiles, profile) ? profileNamed(config, profile) : {};
  const environment = keys[ENVIRONMENT_KEY];
  const account = keys['sso_account_id'];
  const environmentOf: Record<string, string> = environment && account ? { [account]: environment } : {};
  if (resolveTargetRequest(target, env).kind !== 'local') return { target, environmentOf };
  const running = findRunningLocalCloud(resolve(target.dataDir ?? DEFAULT_DATA_DIR));
  const endpoint = keys['endpoint_url'] ?? running?.endpoint;
  if (endpoint === undefined) return { target, environmentOf };
  return { target: { ...target, endpoint, profile }, environmentOf };
}
