import { address } from '../../model/kinds.js';
import {
  trailBucketPolicy,
  type BucketEncryption,
  type ObservedTrailBucket,
  type TrailBucketSettings,
} from '../../model/trail-kinds.js';
import { changeIds, type PlanContext } from '../context.js';
import type { KindPlanner } from '../planner.js';
import { samePolicy } from '../policy-content.js';
import type { PropertyChange } from '../types.js';

export const TRAIL_BUCKET_CHANGE_ID = 'trail-bucket';

const encryptionText = (e: BucketEncryption | undefined): string | undefined =>
  e === undefined ? undefined : e.algorithm === 'AES256' ? 'SSE-S3' : `SSE-KMS ${e.kmsKeyArn}`;

const lockText = (l: TrailBucketSettings['objectLock']): string | undefined =>
  l === undefined ? undefined : `${l.mode} ${l.days} days`;

/** What differs between the bucket S3 reports and the one the trail needs, as plan properties. */
function drift(observed: ObservedTrailBucket, want: TrailBucketSettings): PropertyChange[] {
  const out: PropertyChange[] = [];
  if (observed.versioning !== 'Enabled')
    out.push({ name: 'versioning', before: observed.versioning ?? 'off', after: 'Enabled' });
  if (encryptionText(observed.encryption) !== encryptionText(want.encryption))
    out.push({
      name: 'encryption',
      before: encryptionText(observed.encryption) ?? 'none',
      after: encryptionText(want.encryption),
    });
  if (observed.publicAccessBlock !== true)
    out.push({ name: 'public access block', before: 'not all on', after: 'all on' });
  if (want.objectLock && lockText(observed.objectLock) !== lockText(want.objectLock))
    out.push({
      name: 'object lock',
      before: lockText(observed.objectLock) ?? 'none',
      after: lockText(want.objectLock),
    });
  if (want.policy !== undefined && (observed.policy === undefined || !samePolicy(observed.policy, want.policy)))
    out.push({ name: 'policy', before: observed.policy ?? 'none', after: want.policy });
  return out;
}

/**
 * The organization trail's bucket in the log-archive account: versioned, encrypted, closed to the public, with the
 * bucket policy CloudTrail needs (and object lock when asked). Bulkhead never deletes it: it holds the audit logs.
 */
export const trailBucketPlanner: KindPlanner<'trail-bucket'> = {
  kind: 'trail-bucket',
  after: ['organization', 'account'],
  diff(ctx: PlanContext) {
    const trail = ctx.desired.audit?.trail;
    if (!trail) return;
    const org = ctx.organization;
    const region = ctx.desired.homeRegion;
    const want: TrailBucketSettings = {
      name: trail.bucketName,
      region,
      trailName: trail.name,
      encryption: trail.kmsKeyArn ? { algorithm: 'aws:kms', kmsKeyArn: trail.kmsKeyArn } : { algorithm: 'AES256' },
      ...(trail.objectLock ? { objectLock: trail.objectLock } : {}),
      ...(org
        ? {
            policy: trailBucketPolicy({
              bucket: trail.bucketName,
              trailName: trail.name,
              region,
              managementAccountId: org.managementAccountId,
              organizationId: org.id,
            }),
          }
        : {}),
    };
    const email = ctx.desired.accounts.get(trail.bucketAccount)!.email;
    const accountId = ctx.observedAccount(trail.bucketAccount)?.id;
    const account = { address: address('account', email), ...(accountId ? { id: accountId } : {}) };
    const dependsOn = ctx.ifPlanned(changeIds.organization, changeIds.account(email));
    const observed = ctx.observed['trail-bucket'].find((b) => b.name === trail.bucketName);
    const common = {
      id: TRAIL_BUCKET_CHANGE_ID,
      kind: 'trail-bucket',
      key: trail.bucketName,
      label: trail.bucketName,
    } as const;
    if (observed === undefined) {
      ctx.add({
        ...common,
        action: 'create',
        properties: [
          { name: 'account', after: trail.bucketAccount },
          { name: 'region', after: region },
          { name: 'versioning', after: 'Enabled' },
          { name: 'encryption', after: encryptionText(want.encryption) },
          { name: 'public access block', after: 'all on' },
          ...(want.objectLock ? [{ name: 'object lock', after: lockText(want.objectLock) }] : []),
        ],
        payload: { action: 'create', account, ...want },
        dependsOn,
        destructive: false,
      });
      return;
    }
    if (accountId !== undefined && observed.accountId !== accountId) {
      ctx.problem({
        severity: 'error',
        code: 'P-TRAIL-BUCKET-ACCOUNT',
        key: trail.bucketName,
        message: `bucket "${trail.bucketName}" is in account ${observed.accountId}, not in ${trail.bucketAccount} (${accountId})`,
        hint: 'name another bucketName: a bucket cannot move between accounts',
      });
      return;
    }
    const properties = drift(observed, want);
    if (properties.length === 0) return;
    ctx.add({
      ...common,
      action: 'update',
      properties,
      payload: { action: 'update', account, ...want },
      dependsOn,
      destructive: false,
    });
  },
};
