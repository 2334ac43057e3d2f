/**
 * The text of the bulkhead profiles block: one [sso-session] and one [profile] per entitlement, in the keys
 * the AWS CLI v2 and the SDKs read (sso_session, sso_account_id, sso_role_name) plus bulkhead's own
 * (bulkhead_environment, bulkhead_organization) that `bulkhead exec` checks. No inline comments: the AWS
 * CLI would read them as part of the value.
 */
import { beginMarker, endMarker } from './ini-block.js';
import type { NamedEntitlement } from './names.js';

/** The key each generated profile carries: the environment it is for (exec refuses it for another one). */
export const ENVIRONMENT_KEY = 'bulkhead_environment';

export interface SsoSettings {
  session: string;
  startUrl: string;
  region: string;
}

export interface RenderOptions {
  sso: SsoSettings;
  /** The spec's home region, the profiles' default region. */
  region: string;
  /** The organization id, when known (live). */
  organizationId?: string;
  /** For the local cloud and other endpoints: where the CLI and SDKs send every call. */
  endpointUrl?: string;
  /** credential_process profiles (instead of SSO keys) run `<command> credentials <options> --stage …`. */
  credentialProcess?: CredentialProcessCall;
}

/**
 * How profiles call `bulkhead credentials`. Production environments get `--confirm-prod`: the AWS CLI runs
 * credential_process without a terminal to confirm on, and choosing a production profile by name is the confirmation.
 */
export interface CredentialProcessCall {
  command: readonly string[];
  options: readonly string[];
  production?: ReadonlySet<string>;
}

/** Quoted for both a POSIX shell (the JS SDK runs credential_process through one) and shlex (botocore). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `bulkhead credentials` (helper of `bulkhead exec`) for one profile: its environment, permission set and, in a shared environment, account. */
export function credentialProcess(call: CredentialProcessCall, e: NamedEntitlement): string {
  return [
    ...call.command,
    'credentials',
    ...call.options,
    '--stage',
    e.environment,
    ...(e.sharedEnvironment ? ['--account', e.accountName] : []),
    '--permission-set',
    e.permissionSet,
    ...(call.production?.has(e.environment) ? ['--confirm-prod'] : []),
  ]
    .map(shellQuote)
    .join(' ');
}

/** The block's lines, markers included, without line breaks. */
export function renderBlock(profiles: readonly NamedEntitlement[], options: RenderOptions): string[] {
  const { sso } = options;
  const lines = [
    beginMarker(sso.session),
    `[sso-session ${sso.session}]`,
    `sso_start_url = ${sso.startUrl}`,
    `sso_region = ${sso.region}`,
    'sso_registration_scopes = sso:account:access',
  ];
  for (const p of profiles) {
    lines.push('', `[profile ${p.profile}]`);
    if (options.credentialProcess) {
      lines.push(`credential_process = ${credentialProcess(options.credentialProcess, p)}`);
      if (p.accountId !== undefined) lines.push(`bulkhead_account_id = ${p.accountId}`);
    } else {
      lines.push(`sso_session = ${sso.session}`);
      // Before apply the account has no id yet; the profile works once it has one and is written again.
      if (p.accountId !== undefined) lines.push(`sso_account_id = ${p.accountId}`);
      lines.push(`sso_role_name = ${p.permissionSet}`);
    }
    lines.push(`region = ${options.region}`, `${ENVIRONMENT_KEY} = ${p.environment}`);
    if (options.organizationId !== undefined) lines.push(`bulkhead_organization = ${options.organizationId}`);
    if (options.endpointUrl !== undefined) lines.push(`endpoint_url = ${options.endpointUrl}`);
  }
  lines.push(endMarker(sso.session));
  return lines;
}
