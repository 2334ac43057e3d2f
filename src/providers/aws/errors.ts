import { BulkheadError } from '../../core/errors.js';
import { profileFiles, profileIsDefined } from './profiles.js';

/** The fields of an AWS SDK (smithy) error that the mapping reads. */
interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  cause?: { code?: string; address?: string; port?: number };
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: { throttling?: boolean };
}

// AWS error codes that mean "slow down" across services (Organizations answers TooManyRequestsException).
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'EC2ThrottledException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const BAD_KEYS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'AuthFailure',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/** True for an error the SDK's credential chain (or SSO token provider) raised. */
export function isCredentialsProviderError(err: unknown): boolean {
  const name = (err as SdkErrorLike | undefined)?.name;
  return name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError';
}

/**
 * A credential chain failure in the SDK's own words (they say what to run for SSO), with the
 * profile that was used. An unknown profile is named as such: the chain's own final message
 * ("Could not load credentials from any providers") does not say it.
 */
export function credentialsError(
  err: unknown,
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BulkheadError {
  const words = (err as SdkErrorLike).message ?? String(err);
  if (profile !== undefined && !profileIsDefined(profile, env)) {
    const files = profileFiles(env);
    return new BulkheadError(
      'unknown-profile',
      `the AWS profile "${profile}" is not defined in ${files.config} or ${files.credentials} (the SDK said: ${words})`,
      {
        source: 'user',
        cause: err,
        hint: 'check the name (`aws configure list-profiles`), or point AWS_CONFIG_FILE at the file that defines it',
      },
    );
  }
  const sso = /\bsso\b/i.test(words);
  const hint = sso
    ? `run \`aws sso login${profile ? ` --profile ${profile}` : ''}\` and run Bulkhead again`
    : profile
      ? `the profile "${profile}" gave no credentials: check it in ${profileFiles(env).config}`
      : 'use --profile or AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a session; any values for moto)';
  const message = sso
    ? `the AWS credentials could not be loaded${profile ? ` for profile "${profile}"` : ''}: ${words}`
    : `no AWS credentials were found${profile ? ` for profile "${profile}"` : ''}: ${words}`;
  return new BulkheadError(sso ? 'sso-login-needed' : 'no-credentials', message, { source: 'user', cause: err, hint });
}

function attempts(e: SdkErrorLike): string {
  const n = e.$metadata?.attempts;
  return n !== undefined && n > 1 ? ` after ${n} attempts` : '';
}

/**
 * Errors from the AWS SDK or the network that are about the setup or the service, not bugs:
 * turned into a BulkheadError with a hint that fits the cause. Anything else is returned as it is.
 */
export function explainAwsError(err: unknown): unknown {
  if (BulkheadError.is(err)) return err;
  const e = err as SdkErrorLike | undefined;
  if (e === undefined || e === null || typeof e !== 'object') return err;
  if (isCredentialsProviderError(e)) return credentialsError(e, process.env['AWS_PROFILE'] || undefined);
  const netCode = e.code ?? e.cause?.code;
  if (netCode !== undefined && NETWORK.has(netCode)) {
    const where = e.cause?.address ? ` ${e.cause.address}:${e.cause.port ?? ''}` : '';
    return new BulkheadError('endpoint-unreachable', `cannot reach the endpoint (${netCode}${where})`, {
      source: 'user',
      cause: err,
      hint: 'check --endpoint / AWS_ENDPOINT_URL, or that the local cloud still runs (`bulkhead local status`)',
    });
  }
  if (e.$metadata === undefined || !e.name) return err;
  if (e.name === 'SyntaxError' && /Deserialization error/.test(e.message ?? '')) {
    const status = e.$metadata.httpStatusCode;
    return new BulkheadError(
      'endpoint-not-aws',
      `the endpoint answered with something that is not an AWS response (HTTP ${status ?? '?'}: ${(e.message ?? '').split('\n')[0]})`,
      {
        source: 'user',
        cause: err,
        hint: 'an AWS-compatible endpoint (moto, LocalStack) may not implement every call Bulkhead makes (moto lacks the Identity Center status listings, for one); use the local cloud (the default target) or AWS',
      },
    );
  }
  const said = `${e.name}: ${e.message ?? ''}`;
  const status = e.$metadata.httpStatusCode;
  if (THROTTLING.has(e.name) || e.$retryable?.throttling === true || status === 429) {
    return new BulkheadError('aws-throttled', `AWS is throttling the requests${attempts(e)} (${said})`, {
      source: 'aws',
      cause: err,
      hint: 'AWS is throttling; run again in a minute',
    });
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new BulkheadError('aws-unavailable', `AWS is failing${attempts(e)} (HTTP ${status ?? '5xx'} ${said})`, {
      source: 'aws',
      cause: err,
      hint: 'AWS is failing; run again (see https://health.aws.amazon.com if it persists)',
    });
  }
  if (EXPIRED.has(e.name)) {
    return new BulkheadError('credentials-expired', `the AWS session has expired (${said})`, {
      source: 'user',
      cause: err,
      hint: 'refresh the session (`aws sso login --profile …`, or a new AWS_SESSION_TOKEN) and run again',
    });
  }
  if (BAD_KEYS.has(e.name)) {
    return new BulkheadError('credentials-invalid', `the target does not accept these credentials (${said})`, {
      source: 'user',
      cause: err,
      hint: 'check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) or --profile for this target',
    });
  }
  if (status === 403 || /AccessDenied/.test(e.name)) {
    return new BulkheadError('access-denied', `AWS denied the request (${said})`, {
      source: 'user',
      cause: err,
      hint: "check the caller's permissions: Bulkhead runs in the management account with Organizations access",
    });
  }
  return new BulkheadError('aws-error', `AWS answered ${said}`, {
    source: 'aws',
    cause: err,
    hint: 'run again when the cause is fixed',
  });
}
