import type { StageCredentials } from './stage-credentials.js';

/**
 * Variables that would make an SDK or CLI inside pick other credentials (or another place) than the
 * ones exec hands it: the SDKs read a profile, a web identity, a container endpoint or a legacy
 * token before or instead of the keys.
 */
const OVERRIDING = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_ENDPOINT_URL',
  'AWS_VAULT',
];

/** The child's environment: the parent's, without competing credentials, with the stage's. */
export function childEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  got: StageCredentials,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v === undefined || OVERRIDING.includes(k) || k.startsWith('AWS_ENDPOINT_URL_')) continue;
    env[k] = v;
  }
  const { credentials } = got;
  env['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
  env['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  if (credentials.sessionToken) env['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  else delete env['AWS_SESSION_TOKEN'];
  // The JavaScript SDK reads this with the keys and refreshes nothing: tools can tell when to stop.
  if (credentials.expiration) env['AWS_CREDENTIAL_EXPIRATION'] = credentials.expiration.toISOString();
  env['AWS_REGION'] = got.region;
  env['AWS_DEFAULT_REGION'] = got.region;
  if (got.endpoint) env['AWS_ENDPOINT_URL'] = got.endpoint;
  env['BULKHEAD_STAGE'] = got.environment.name;
  env['BULKHEAD_ACCOUNT_ID'] = got.account.id;
  return env;
}
