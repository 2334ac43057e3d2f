import type { IncomingHttpHeaders } from 'node:http';
import { AwsApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { AccessKeyRecord } from '../store/state.js';
import type { SignedRequest } from './sigv4.js';
import { isKnownRegion } from '../../model/regions.js';
import { decodeAwsChunked } from './aws-chunked.js';
import { parseAmzDate, parseAuthorization, payloadHash, verifyChunkSignatures, verifySigV4 } from './sigv4.js';

/** Who is calling, resolved from the request's credentials. */
export interface Principal {
  accountId: string;
  arn: string;
  userId: string;
  accessKeyId: string;
  kind: AccessKeyRecord['kind'];
  roleArn?: string;
}

export type WireProtocol = 'json' | 'query' | 'rest-xml';

/** The auth error codes differ by protocol: awsJson services say `...Exception`, awsQuery ones do not. */
const CODES = {
  json: {
    missing: ['MissingAuthenticationTokenException', 403],
    incomplete: ['IncompleteSignatureException', 400],
    unknownKey: ['UnrecognizedClientException', 400],
    badSignature: ['InvalidSignatureException', 400],
    expired: ['ExpiredTokenException', 400],
  },
  query: {
    missing: ['MissingAuthenticationToken', 403],
    incomplete: ['IncompleteSignature', 400],
    unknownKey: ['InvalidClientTokenId', 403],
    badSignature: ['SignatureDoesNotMatch', 403],
    expired: ['ExpiredToken', 403],
  },
  // S3 (restXml): its own codes, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
  'rest-xml': {
    missing: ['AccessDenied', 403],
    incomplete: ['AuthorizationHeaderMalformed', 400],
    unknownKey: ['InvalidAccessKeyId', 403],
    badSignature: ['SignatureDoesNotMatch', 403],
    expired: ['ExpiredToken', 400],
  },
} as const;

function fail(protocol: WireProtocol, kind: keyof (typeof CODES)['json'], message: string): AwsApiError {
  const [code, status] = CODES[protocol][kind];
  return new AwsApiError(code, message, status);
}

const SKEW_MS = 15 * 60 * 1000;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** What the request is addressed to, as far as the signature's scope is concerned. */
export interface SigningTarget {
  /** The routed service's signing name; undefined when no service matched (nothing to compare). */
  signingName: string | undefined;
  /** Whether the service accepts `x-amz-content-sha256: UNSIGNED-PAYLOAD` (AWS: S3 only). */
  unsignedPayload: boolean;
  /** The local cloud's own region, accepted in the scope even if AWS has no such region. */
  ownRegion: string;
}

const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Verifies the SigV4 signature against the store's access keys and returns the caller. Like AWS, the
 * credential scope must name the day of `x-amz-date`, a real region and the service's signing name,
 * and the body must be the one signed (its hash, never a claimed `x-amz-content-sha256`).
 */
export function authenticate(
  req: SignedRequest,
  store: Store,
  protocol: WireProtocol,
  now: number,
  target: SigningTarget,
): Principal {
  const auth = parseAuthorization(header(req.headers, 'authorization'));
  if (auth === undefined) {
    throw fail(
      protocol,
      'missing',
      protocol === 'json'
        ? 'Missing Authentication Token'
        : protocol === 'rest-xml'
          ? 'Access Denied'
          : 'Request is missing Authentication Token',
    );
  }
  if (auth === 'malformed') {
    throw fail(
      protocol,
      'incomplete',
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.",
    );
  }
  const key = store.get('accessKeys', auth.accessKeyId);
  if (key === undefined) {
    throw fail(protocol, 'unknownKey', 'The security token included in the request is invalid.');
  }
  const token = header(req.headers, 'x-amz-security-token');
  if (key.sessionToken !== undefined && token !== key.sessionToken) {
    throw fail(protocol, 'unknownKey', 'The security token included in the request is invalid.');
  }
  const amzDate = header(req.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || !auth.signedHeaders.includes('host')) {
    throw fail(
      protocol,
      'incomplete',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and host among the signed headers.",
    );
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw fail(
      protocol,
      'badSignature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.region !== target.ownRegion && !isKnownRegion(auth.region)) {
    throw fail(protocol, 'badSignature', `Credential should be scoped to a valid region, not '${auth.region}'.`);
  }
  if (target.signingName !== undefined && auth.service !== target.signingName) {
    throw fail(protocol, 'badSignature', `Credential should be scoped to correct service: '${target.signingName}'.`);
  }
  const bodyHash = payloadHash(req, target.unsignedPayload);
  if (bodyHash === undefined || !verifySigV4(req, auth, key.secretAccessKey, amzDate, bodyHash)) {
    throw fail(protocol, 'badSignature', BAD_SIGNATURE);
  }
  if (bodyHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) {
    const payload = decodeAwsChunked(req.body);
    if (typeof payload === 'string' || !verifyChunkSignatures(payload, auth, key.secretAccessKey, amzDate))
      throw fail(protocol, 'badSignature', BAD_SIGNATURE);
  }
  if (Math.abs(now - signedAt) > SKEW_MS) {
    throw fail(
      protocol,
      'badSignature',
      `Signature expired: ${amzDate} is now earlier than ${new Date(now - SKEW_MS).toISOString()}.`,
    );
  }
  if (key.expiresAt !== undefined && key.expiresAt <= now) {
    throw fail(protocol, 'expired', 'The security token included in the request is expired');
  }
  const principal: Principal = {
    accountId: key.accountId,
    arn: key.arn,
    userId: key.userId,
    accessKeyId: key.accessKeyId,
    kind: key.kind,
  };
  if (key.roleArn !== undefined) principal.roleArn = key.roleArn;
  return principal;
}
