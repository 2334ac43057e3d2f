/**
 * `bulkhead profiles`: the AWS config entries for every account × permission set a user may use, as one
 * marked block (one sso-session, one profile each), printed or written into the AWS config file.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { BulkheadError } from '../../core/errors.js';
import { silentIoHost, type IoHost } from '../../core/events.js';
import { loadModel } from '../access-source.js';
import type { TargetOptions } from '../connect.js';
import { entitlementsFromLive, entitlementsFromSpec } from './entitlements.js';
import { DEFAULT_NAME_PATTERN, nameProfiles, type NamedEntitlement } from './names.js';
import { isProduction } from '../../model/environment.js';
import { renderBlock, type SsoSettings } from './render.js';
import { ssoSettings } from './sso-settings.js';
import { checkFrom, chooseSource, type ProfileSource } from './source.js';
import { writeProfilesBlock, type WriteResult } from './write.js';

export interface ProfilesOptions {
  /** The spec (org.yaml). */
  file: string;
  /** The Identity Center user; default BULKHEAD_USER, else the name of the user running this. */
  user?: string;
  /** `spec`, `live`, or undefined: live when the organization and its Identity Center exist. */
  from?: string;
  target?: TargetOptions;
  namePattern?: string;
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoSession?: string;
  /** `bulkhead`'s own argv prefix: profiles get credential_process instead of SSO keys. */
  credentialCommand?: readonly string[];
  io?: IoHost;
}

export interface ProfilesResult {
  userName: string;
  source: ProfileSource;
  /** Where the entitlements came from, said to the user. */
  note: string;
  sso: SsoSettings;
  region: string;
  organizationId?: string;
  endpointUrl?: string;
  profiles: NamedEntitlement[];
  /** The block's lines (markers included); empty when the user may use nothing. */
  block: string[];
  warnings: string[];
}

function whoAsks(options: ProfilesOptions): { name: string; said: boolean } {
  if (options.user !== undefined) return { name: options.user, said: true };
  const env = options.target?.env ?? process.env;
  const fromEnv = env['BULKHEAD_USER'];
  if (fromEnv !== undefined && fromEnv !== '') return { name: fromEnv, said: true };
  return { name: userInfo().username, said: false };
}

/** Computes the profiles and the block; writes nothing. */
export async function profiles(options: ProfilesOptions): Promise<ProfilesResult> {
  const io = options.io ?? silentIoHost;
  const from = checkFrom(options.from);
  const model = await loadModel(options.file, io);
  const user = whoAsks(options);
  const choice = await chooseSource(model, from, options.target ?? {}, io);
  let entitled;
  try {
    entitled =
      choice.live !== undefined
        ? entitlementsFromLive(model, choice.live.identity, choice.live.accounts, user.name)
        : entitlementsFromSpec(model, user.name);
  } catch (e) {
    if (!user.said && BulkheadError.is(e) && e.code === 'unknown-user')
      throw new BulkheadError(e.code, `${e.message} (your login name; say who you are with --user NAME)`, {
        ...(e.hint !== undefined ? { hint: e.hint } : {}),
      });
    throw e;
  }
  const perEnvironment = new Map<string, number>();
  for (const a of model.accounts.values())
    if (a.lifecycle !== 'close') perEnvironment.set(a.environment, (perEnvironment.get(a.environment) ?? 0) + 1);
  const named = nameProfiles(entitled.entitlements, {
    pattern: options.namePattern ?? DEFAULT_NAME_PATTERN,
    org: model.name,
    accountsPerEnvironment: perEnvironment,
  });
  const sso = ssoSettings(model, choice, options);
  const organizationId = choice.live?.organizationId;
  const endpointUrl = choice.endpoint;
  const warnings: string[] = [];
  if (named.length === 0)
    warnings.push(
      `${user.name} has no account assignment ${choice.source === 'live' ? 'in IAM Identity Center' : 'in the spec'}, directly or through a group, so there are no profiles`,
    );
  const unknownIds = [...new Set(named.filter((p) => p.accountId === undefined).map((p) => p.accountName))];
  if (unknownIds.length > 0)
    warnings.push(
      `${unknownIds.length} account${unknownIds.length === 1 ? ' has' : 's have'} no id yet (${unknownIds.join(', ')}): their profiles lack sso_account_id until you apply and write them again`,
    );
  const block =
    named.length === 0
      ? []
      : renderBlock(named, {
          sso,
          region: model.homeRegion,
          ...(organizationId !== undefined ? { organizationId } : {}),
          ...(endpointUrl !== undefined ? { endpointUrl } : {}),
          ...(options.credentialCommand !== undefined
            ? {
                credentialProcess: {
                  command: options.credentialCommand,
                  // It runs wherever the AWS CLI runs: the spec by absolute path, the endpoint said outright.
                  options: [
                    '-f',
                    resolve(options.file),
                    ...(endpointUrl !== undefined ? ['--endpoint', endpointUrl] : []),
                  ],
                  production: new Set([...model.environments.values()].filter(isProduction).map((env) => env.name)),
                },
              }
            : {}),
        });
  return {
    userName: user.name,
    source: choice.source,
    note: choice.note,
    sso,
    region: model.homeRegion,
    ...(organizationId !== undefined ? { organizationId } : {}),
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
    profiles: named,
    block,
    warnings,
  };
}

/** Writes the block of `result` into `file`; refuses when the user may use nothing (an empty block helps no one). */
export function writeProfiles(result: ProfilesResult, file: string): WriteResult {
  if (result.profiles.length === 0)
    throw new BulkheadError(
      'no-profiles',
      `${result.userName} may use no account, so there is nothing to write to ${file}`,
      {
        hint: 'ask for an assignment in the access grid (identity.access in the spec), apply, and write again',
      },
    );
  return writeProfilesBlock(
    file,
    result.sso.session,
    result.block,
    result.profiles.map((p) => p.profile),
  );
}
