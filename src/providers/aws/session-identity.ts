import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BulkheadError } from '../../core/errors.js';
import type { StaticCredentials, Target } from './target.js';
import type { AwsClients } from './clients.js';

/** Who a set of credentials is, as STS says. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Credentials with the time they stop working, when the source says (static keys do not). */
export interface CurrentCredentials extends StaticCredentials {
  expiration?: Date;
}

/** STS GetCallerIdentity with exactly these credentials, at the target's endpoint (one call, no retries beyond 3). */
export async function callerIdentityOf(target: Target, credentials: StaticCredentials): Promise<CallerIdentity> {
  const sts = new STSClient({
    region: target.region ?? 'us-east-1',
    ...(target.kind === 'aws' ? {} : { endpoint: target.endpoint }),
    credentials,
    maxAttempts: 3,
  });
  try {
    const res = await sts.send(new GetCallerIdentityCommand({}));
    if (!res.Account || !res.Arn)
      throw new BulkheadError('no-caller-identity', 'STS GetCallerIdentity answered without an ARN or account', {
        source: 'aws',
      });
    return { account: res.Account, arn: res.Arn, userId: res.UserId ?? '' };
  } finally {
    sts.destroy();
  }
}

/** The credentials the target's clients sign with, resolved through the SDK's provider chain. */
export async function currentCredentials(clients: AwsClients): Promise<CurrentCredentials> {
  const resolved = await clients.sts.config.credentials();
  return {
    accessKeyId: resolved.accessKeyId,
    secretAccessKey: resolved.secretAccessKey,
    ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
    ...(resolved.expiration ? { expiration: resolved.expiration } : {}),
  };
}
