import { BulkheadError } from '../core/errors.js';

/**
 * Errors from the AWS SDK or the network that are about the user's setup, not bugs: turned into
 * a BulkheadError with a hint. Anything else is left as it is.
 */
export function explainExternalError(err: unknown): unknown {
  const e = err as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; address?: string; port?: number };
    $metadata?: { httpStatusCode?: number };
  };
  if (e?.name === 'CredentialsProviderError') {
    return new BulkheadError('no-credentials', 'no AWS credentials were found', {
      source: 'user',
      hint: 'for --target aws use --profile or the usual AWS_* variables; for --endpoint set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values for moto)',
    });
  }
  const netCode = e?.code ?? e?.cause?.code;
  if (netCode === 'ECONNREFUSED' || netCode === 'ENOTFOUND' || netCode === 'ECONNRESET' || netCode === 'EHOSTUNREACH') {
    return new BulkheadError(
      'endpoint-unreachable',
      `cannot reach the endpoint (${netCode}${e?.cause?.address ? ` ${e.cause.address}:${e.cause.port ?? ''}` : ''})`,
      {
        source: 'user',
        hint: 'check --endpoint / AWS_ENDPOINT_URL, or that the local cloud still runs (`bulkhead local status`)',
      },
    );
  }
  if (e?.$metadata !== undefined && e.name) {
    return new BulkheadError('aws-error', `AWS answered ${e.name}: ${e.message ?? ''}`, {
      source: 'aws',
      hint: 'check the credentials and permissions of the caller; run again when the cause is fixed',
    });
  }
  return err;
}
