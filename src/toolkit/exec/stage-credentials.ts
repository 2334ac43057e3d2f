import { resolve } from 'node:path';
import { BulkheadError } from '../../core/errors.js';
import type { IoHost } from '../../core/events.js';
import { DEFAULT_DATA_DIR } from '../../local-cloud/defaults.js';
import { findRunningLocalCloud } from '../../local-cloud/discovery.js';
import type { Environment } from '../../model/environment.js';
import type { Account, OrgModel } from '../../model/organization.js';
import { isProduction } from '../../model/environment.js';
import { resolveTargetRequest } from '../../providers/aws/target-request.js';
import { callerIdentityOf, currentCredentials, type CallerIdentity } from '../../providers/aws/session-identity.js';
import type { StaticCredentials, Target } from '../../providers/aws/target.js';
import { loadModel } from '../access-source.js';
import { connect, type TargetOptions } from '../connect.js';
import { readAwsConfig, chooseSession, profileNamed, type AwsConfig } from '../sso/aws-config.js';
import { loadLiveStage } from '../stage/load.js';
import { specStage } from '../stage/resolve.js';
import { ENVIRONMENT_KEY } from '../profiles/render.js';
import { freshToken, ssoRoleCredentials, usableToken, type SsoRoleRequest } from './sso-source.js';

export interface StageCredentialsOptions {
  file: string;
  stage: string;
  account?: string;
  permissionSet?: string;
  /** The role to assume from the current credentials (default OrganizationAccountAccessRole). */
  role?: string;
  /** `--profile`; AWS_PROFILE otherwise. */
  profile?: string;
  region?: string;
  target: Omit<TargetOptions, 'profile'>;
  env?: Readonly<Record<string, string | undefined>>;
  io: IoHost;
  /** Where the SSO token cache is (default ~/.aws/sso/cache, the AWS CLI's). */
  ssoCacheDir?: string;
  /** Asks which permission set when the user has several in the account and none was named (a terminal). */
  choosePermissionSet?: (roles: string[], place: string) => Promise<string>;
  /** Called before any credentials are fetched, for production environments: throw to refuse. */
  confirmProduction(environment: Environment, account: Account): Promise<void>;
}

export type CredentialSource = 'sso-profile' | 'sso-session' | 'assume-role' | 'current';

export interface StageCredentials {
  environment: Environment;
  account: { name: string; id: string };
  credentials: StaticCredentials & { expiration?: Date };
  caller: CallerIdentity;
  source: CredentialSource;
  /** The permission set (SSO) or role (assume-role) the credentials are for. */
  role: string;
  region: string;
  /** The endpoint for the child (local cloud or --endpoint); undefined for AWS. */
  endpoint?: string;
}

/** Where SSO and STS calls go when no connection is opened: a profile's endpoint_url, else the target's. */
function endpointFor(
  options: StageCredentialsOptions,
  env: Readonly<Record<string, string | undefined>>,
  profileEndpoint?: string,
): string | undefined {
  if (profileEndpoint) return profileEndpoint;
  const request = resolveTargetRequest(options.target, env);
  if (request.kind === 'endpoint') return request.endpoint;
  if (request.kind === 'aws') return undefined;
  const running = findRunningLocalCloud(resolve(options.target.dataDir ?? DEFAULT_DATA_DIR));
  if (running === undefined)
    throw new BulkheadError('local-cloud-not-running', 'no local cloud is running to sign in to', {
      hint: 'start it with `bulkhead local start --detach` (or pass --endpoint URL)',
    });
  return running.endpoint;
}

function targetAt(endpoint: string | undefined, region: string): Target {
  return endpoint ? { kind: 'endpoint', endpoint, region } : { kind: 'aws', region };
}

/** A generated profile of another environment is the classic mix-up: refuse it, naming both. */
function checkProfile(
  config: AwsConfig,
  name: string,
  from: string,
  environment: string,
): Record<string, string | undefined> | undefined {
  const profile = profileNamed(config, name);
  const generatedFor = profile[ENVIRONMENT_KEY];
  if (generatedFor === undefined) return undefined;
  if (generatedFor !== environment) {
    const mine = Object.entries(config.profiles)
      .filter(([, p]) => p[ENVIRONMENT_KEY] === environment)
      .map(([n]) => n);
    throw new BulkheadError(
      'profile-other-environment',
      `${from} ${name} is a profile of environment ${generatedFor}, but you asked for --stage ${environment}`,
      {
        hint: mine.length
          ? `unset AWS_PROFILE, or use a profile of ${environment}: ${mine.join(', ')}`
          : `unset AWS_PROFILE (or drop --profile) to run in ${environment}`,
      },
    );
  }
  return profile;
}

async function verified(result: Omit<StageCredentials, 'caller'>, model: OrgModel): Promise<StageCredentials> {
  const caller = await callerIdentityOf(targetAt(result.endpoint, result.region), result.credentials);
  if (caller.account !== result.account.id)
    throw new BulkheadError(
      'credentials-wrong-account',
      `the credentials belong to account ${caller.account} (${caller.arn}), not to ${result.account.name} ${result.account.id}: nothing was run`,
      { hint: 'check the profile’s sso_account_id and the spec; `bulkhead whoami` shows where credentials land' },
    );
  const specId = model.accounts.get(result.account.name)?.id;
  if (specId !== undefined && specId !== caller.account)
    throw new BulkheadError(
      'credentials-wrong-account',
      `the spec gives ${result.account.name} the id ${specId}, but the credentials are for ${caller.account}: nothing was run`,
    );
  return { ...result, caller };
}

/**
 * Credentials for one environment's account, verified with GetCallerIdentity. Sources, in order:
 * a generated profile of this environment (--profile or AWS_PROFILE), the cached SSO sign-in of the
 * generated sso-session, then the current credentials assuming a role into the account.
 */
export async function stageCredentials(options: StageCredentialsOptions): Promise<StageCredentials> {
  const env = options.env ?? process.env;
  const model = await loadModel(options.file, options.io);
  const { environment, account } = specStage(model, {
    stage: options.stage,
    ...(options.account ? { account: options.account } : {}),
  });
  if (isProduction(environment)) await options.confirmProduction(environment, account);
  const config = await readAwsConfig(env);
  const profileName = options.profile ?? (env['AWS_PROFILE'] || undefined);
  const from = options.profile ? '--profile' : 'AWS_PROFILE';
  const profile = profileName ? checkProfile(config, profileName, from, environment.name) : undefined;

  const sso = async (
    source: 'sso-profile' | 'sso-session',
    session: { name: string; startUrl: string; region: string },
    endpoint: string | undefined,
    region: string,
    request: Pick<SsoRoleRequest, 'permissionSet' | 'profile'>,
  ): Promise<StageCredentials> => {
    const where = { region: session.region, ...(endpoint ? { endpoint } : {}) };
    const token = await usableToken(session.name, where, request.profile?.name, options.ssoCacheDir);
    const got = await ssoRoleCredentials({
      ...ssoCommon(options, session, endpoint, region),
      ...request,
      token,
      account,
      environment: environment.name,
    });
    return verified(
      {
        environment,
        account: { name: account.name, id: got.accountId },
        credentials: got.credentials,
        source,
        role: got.roleName,
        region,
        ...(endpoint ? { endpoint } : {}),
      },
      model,
    );
  };

  if (profile && profileName) {
    const session = chooseSession(config, profile['sso_session']);
    const permissionSet = options.permissionSet ?? profile['sso_role_name'];
    return sso(
      'sso-profile',
      session,
      endpointFor(options, env, profile['endpoint_url']),
      options.region ?? profile['region'] ?? model.homeRegion,
      {
        ...(permissionSet ? { permissionSet } : {}),
        profile: { name: profileName, ...(profile['sso_account_id'] ? { accountId: profile['sso_account_id'] } : {}) },
      },
    );
  }

  const session = ssoSessionOf(config);
  if (
    session !== undefined &&
    (options.permissionSet !== undefined || hasCachedToken(session.name, options.ssoCacheDir))
  ) {
    return sso(
      'sso-session',
      session,
      endpointFor(options, env, sessionEndpoint(config, session.name)),
      options.region ?? model.homeRegion,
      {
        ...(options.permissionSet ? { permissionSet: options.permissionSet } : {}),
      },
    );
  }
  if (options.permissionSet !== undefined)
    throw new BulkheadError(
      'sso-token-missing',
      `--permission-set ${options.permissionSet} needs an SSO sign-in, and ${config.file} has no sso-session to sign in with`,
      {
        hint: 'write the profiles (`bulkhead profiles --write`) and sign in (`bulkhead login`), or drop --permission-set to assume a role',
      },
    );
  return assumeRoleCredentials(options, model, profileName && !profile ? profileName : undefined);
}

/** What both SSO paths pass to the portal: the session, where SSO and STS are, the prompt. */
function ssoCommon(
  options: StageCredentialsOptions,
  session: { name: string; startUrl: string; region: string },
  endpoint: string | undefined,
  region: string,
) {
  return {
    session: session.name,
    startUrl: session.startUrl,
    region: session.region,
    ...(endpoint ? { endpoint } : {}),
    sts: targetAt(endpoint, region),
    ...(options.choosePermissionSet ? { choosePermissionSet: options.choosePermissionSet } : {}),
  };
}

function ssoSessionOf(config: AwsConfig): { name: string; startUrl: string; region: string } | undefined {
  try {
    return chooseSession(config);
  } catch (err) {
    if (BulkheadError.is(err) && err.code === 'sso-session-ambiguous') return undefined;
    throw err;
  }
}

function hasCachedToken(session: string, cacheDir: string | undefined): boolean {
  try {
    freshToken(session, undefined, cacheDir);
    return true;
  } catch (err) {
    // An expired sign-in is worth saying; no sign-in at all means the user does not use SSO here.
    if (BulkheadError.is(err) && err.code === 'sso-token-missing') return false;
    return true;
  }
}

/** The endpoint_url of the generated profiles of a session (the local cloud's), if they share one. */
function sessionEndpoint(config: AwsConfig, session: string): string | undefined {
  const urls = new Set(
    Object.values(config.profiles)
      .filter((p) => p['sso_session'] === session && p[ENVIRONMENT_KEY] !== undefined && p['endpoint_url'])
      .map((p) => p['endpoint_url']!),
  );
  return urls.size === 1 ? [...urls][0] : undefined;
}

async function assumeRoleCredentials(
  options: StageCredentialsOptions,
  model: OrgModel,
  sourceProfile: string | undefined,
): Promise<StageCredentials> {
  const connection = await connect(
    {
      ...options.target,
      ...(sourceProfile ? { profile: sourceProfile } : {}),
      ...(options.env ? { env: options.env } : {}),
    },
    options.io,
  );
  try {
    const { stage, caller } = await loadLiveStage(
      connection,
      model,
      { stage: options.stage, ...(options.account ? { account: options.account } : {}) },
      options.io,
    );
    const target = connection.target;
    const endpoint = target.kind === 'aws' ? undefined : target.endpoint;
    const region = options.region ?? model.homeRegion;
    const base = {
      environment: stage.environment,
      account: { name: stage.account.name, id: stage.account.id },
      region,
      ...(endpoint ? { endpoint } : {}),
    };
    if (caller.accountId === stage.account.id) {
      const credentials = await currentCredentials(connection.clients);
      return verified({ ...base, credentials, source: 'current', role: caller.callerArn }, model);
    }
    const roleName = options.role ?? 'OrganizationAccountAccessRole';
    const clients = await connection.clients.forAccount(stage.account.id, {
      roleName,
      sessionName: sessionNameOf(caller.callerArn),
    });
    return verified(
      { ...base, credentials: await clients.credentials(), source: 'assume-role', role: roleName },
      model,
    );
  } finally {
    await connection.close();
  }
}

/** `bulkhead-<who>`: CloudTrail shows who ran the command, within the 64 characters AWS allows. */
export function sessionNameOf(callerArn: string): string {
  // arn:aws:iam::111111111111:root, …:user/path/ci, …:assumed-role/Deployer/session: the last name in the ARN.
  const resource = callerArn.split(':').slice(5).join(':');
  const who = (resource.split('/').pop() || 'bulkhead').replace(/[^\w+=,.@-]/g, '-');
  return `bulkhead-${who}`.slice(0, 64);
}
