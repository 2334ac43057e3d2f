import type { AccessRequest, ContextValue, NamedPolicy, PolicyDocument, PolicySet } from '../../../access/index.js';
import { evaluate } from '../../../access/index.js';
import type { Store } from '../../store/store.js';
import type { ResourceOwner } from '../registry.js';
import type { S3BucketRecord } from './tables.js';

const policies = new WeakMap<S3BucketRecord, NamedPolicy>();

/** A bucket's policy as a resource-based policy for the evaluator (parsed once per bucket record). */
export function bucketPolicyOf(bucket: S3BucketRecord): NamedPolicy | undefined {
  if (bucket.policy === undefined) return undefined;
  let p = policies.get(bucket);
  if (p === undefined) {
    // PutBucketPolicy stores only documents that parse as JSON objects.
    p = { name: `bucket policy of ${bucket.name}`, document: JSON.parse(bucket.policy) as PolicyDocument };
    policies.set(bucket, p);
  }
  return p;
}

/** The dispatcher's hook: the bucket a call addresses, its owner and policy (undefined when no such bucket). */
export function bucketOwner(input: Record<string, unknown>, store: Store): ResourceOwner | undefined {
  const name = input.Bucket;
  if (typeof name !== 'string') return undefined;
  const bucket = store.get('s3Buckets', name);
  if (bucket === undefined) return undefined;
  const owner: ResourceOwner = { accountId: bucket.accountId };
  const policy = bucketPolicyOf(bucket);
  if (policy !== undefined) owner.policy = policy;
  return owner;
}

/** Who asks, for bucketPolicyAllows: an AWS service (`cloudtrail.amazonaws.com`) or an IAM principal's ARN. */
export type BucketPolicyCaller =
  | { principalService: string; principalArn?: undefined }
  | { principalArn: string; principalAccount: string; principalService?: undefined };

export interface BucketPolicyQuestion {
  action: string;
  /** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
  resource: string;
  /** Condition keys and values (`s3:x-amz-acl`, `aws:SourceArn`, `aws:SourceAccount`…). */
  context?: Record<string, ContextValue>;
}

/** The account a service principal is judged from when the question names no aws:SourceAccount. */
const NO_ACCOUNT = '000000000000';

/** Stands in for the caller's own permissions, so that only the bucket policy decides. */
const ALLOW_ALL: NamedPolicy = {
  name: 'caller permissions (not part of the bucket policy check)',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/**
 * Whether the bucket's policy allows `action` on `resource` for the caller, with Bulkhead's evaluator (conditions
 * included): a service principal writing on its own behalf (CloudTrail delivering logs) needs a statement naming it.
 * False when the bucket does not exist, has no policy, or the policy denies.
 */
export function bucketPolicyAllows(
  store: Store,
  bucketName: string,
  caller: BucketPolicyCaller,
  question: BucketPolicyQuestion,
): boolean {
  const bucket = store.get('s3Buckets', bucketName);
  if (bucket === undefined) return false;
  const policy = bucketPolicyOf(bucket);
  if (policy === undefined) return false;
  // The evaluator wants an account for every caller; a service principal acts for the account in aws:SourceAccount
  // (CloudTrail: the trail's), else for none of the bucket owner's: only a statement naming the service can allow.
  const source = question.context?.['aws:SourceAccount'];
  const serviceAccount = typeof source === 'string' && /^\d{12}$/.test(source) ? source : NO_ACCOUNT;
  const principal =
    caller.principalService !== undefined
      ? { arn: caller.principalService, accountId: serviceAccount }
      : { arn: caller.principalArn, accountId: caller.principalAccount };
  const request: AccessRequest = {
    principal,
    action: question.action,
    resource: question.resource,
    resourceAccount: bucket.accountId,
    context: { ...question.context },
  };
  // Only the bucket policy decides: across accounts the caller's side is taken as allowing; in the owner's account
  // the caller has no identity policy here, so only a statement naming it can allow.
  const sameAccount = principal.accountId === bucket.accountId;
  const set: PolicySet = { resourcePolicy: policy, identityPolicies: sameAccount ? [] : [ALLOW_ALL] };
  const result = evaluate(request, set);
  return result.ok && result.decision === 'allowed';
}
