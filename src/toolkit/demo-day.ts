import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulkheadError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import type { ObservedAccount } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { stageCredentials } from './exec/stage-credentials.js';
import { renderBlock } from './profiles/render.js';
import { localSignIn } from './local-sign-in.js';
import { login } from './sso/login.js';
import { specStage } from './stage/resolve.js';

export interface DeveloperDayOptions {
  /** The demo's folder: the AWS config file and the SSO token cache go below it, never to ~/.aws. */
  dir: string;
  file: string;
  model: OrgModel;
  accounts: readonly ObservedAccount[];
  endpoint: string;
  region: string;
  /** The local cloud's data folder, where `localSignIn` finds it. */
  dataDir: string;
  io: IoHost;
  user?: string;
  stage?: string;
  permissionSet?: string;
}

export interface DeveloperDay {
  user: string;
  userCode: string;
  profile: string;
  stage: string;
  account: { name: string; id: string };
  arn: string;
  /** Why exec refused another environment with this profile. */
  refused: { stage: string; message: string };
}

/** The sso-session and one generated-style profile for the stage, as `bulkhead profiles --write` would put them. */
/** The demo's AWS config: the block `bulkhead profiles --write` would write for this one profile. */
function awsConfigText(
  o: DeveloperDayOptions,
  session: string,
  profile: string,
  account: ObservedAccount,
  role: string,
) {
  const entitlement = {
    profile,
    environment: o.stage ?? 'dev',
    alsoHosts: [],
    accountName: account.name,
    accountId: account.id,
    permissionSet: role,
    via: [],
    sharedEnvironment: false,
  };
  const sso = { session, startUrl: `${o.endpoint}/start`, region: o.region };
  return `${renderBlock([entitlement], { sso, region: o.model.homeRegion, endpointUrl: o.endpoint }).join('\n')}\n`;
}

/**
 * A developer's day on the demo's local cloud: sign in through the device flow (approved as the user
 * through the local cloud's approval route, no browser), get credentials for the stage through the SSO
 * portal, checked with GetCallerIdentity, and see exec refuse production with that stage's profile.
 */
export async function developerDay(o: DeveloperDayOptions): Promise<DeveloperDay> {
  const user = o.user ?? 'alice';
  const stage = o.stage ?? 'dev';
  const role = o.permissionSet ?? 'PowerUser';
  const session = o.model.name;
  const profile = `${stage}-${role.toLowerCase()}`;
  const { account } = specStage(o.model, { stage });
  const live = o.accounts.find((a) => a.email.toLowerCase() === account.email.toLowerCase());
  if (live === undefined)
    throw new BulkheadError('demo-no-account', `the demo's ${stage} account ${account.name} was not created`, {
      source: 'internal',
    });
  const aws = join(o.dir, 'aws');
  mkdirSync(aws, { recursive: true });
  const env = { AWS_CONFIG_FILE: join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials') };
  const cacheDir = join(aws, 'sso', 'cache');
  writeFileSync(env.AWS_CONFIG_FILE, awsConfigText(o, session, profile, live, role));

  let userCode = '';
  let approval: Promise<unknown> | undefined;
  await login({
    ssoSession: session,
    endpoint: o.endpoint,
    env,
    cacheDir,
    onCode(code) {
      userCode = code.userCode;
      approval = localSignIn({ dataDir: o.dataDir, userName: user, userCode: code.userCode });
    },
    // The approval is in-process: the first poll waits for it, not for the interval.
    sleep: async (ms) => {
      const first = approval;
      approval = undefined;
      if (first) await first;
      else await new Promise((r) => setTimeout(r, ms));
    },
  });
  const common = {
    file: o.file,
    target: { endpoint: o.endpoint },
    ssoCacheDir: cacheDir,
    io: o.io,
    confirmProduction: async () => {},
  };
  const got = await stageCredentials({ ...common, stage, profile, env });
  const other = [...o.model.environments.values()].find((e) => e.kind === 'production')?.name ?? 'prod';
  // The classic mix-up: the shell still holds the dev profile when the command is meant for production.
  const refusal = await stageCredentials({ ...common, stage: other, env: { ...env, AWS_PROFILE: profile } }).then(
    () => undefined,
    (err: unknown) => (BulkheadError.is(err) && err.code === 'profile-other-environment' ? err : Promise.reject(err)),
  );
  if (refusal === undefined)
    throw new BulkheadError('demo-not-refused', `exec --stage ${other} with profile ${profile} was not refused`, {
      source: 'internal',
    });
  return {
    user,
    userCode,
    profile,
    stage,
    account: got.account,
    arn: got.caller.arn,
    refused: { stage: other, message: refusal.message },
  };
}
