import { BulkheadError } from '../../core/errors.js';
import type { OrgModel } from '../../model/organization.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import type { TargetIdentity } from '../../providers/aws/identity.js';
import { describeTrails, type LiveTrail } from '../../providers/aws/trail-logs.js';
import type { AccountDirectory } from './accounts.js';

/** Where the trail's log files are, and which accounts may hold the bucket (tried in order). */
export interface TrailLocation {
  trailName: string | null;
  bucket: string;
  /** The S3KeyPrefix before `AWSLogs/` ('' when none). */
  keyPrefix: string;
  /** Set for an organization trail (files under `AWSLogs/<org-id>/`); null for a single-account trail. */
  organizationId: string | null;
  from: 'spec' | 'live';
  bucketAccountCandidates: string[];
}

/** `[prefix/]AWSLogs/[<org-id>/]`: the folder holding one folder per account. */
export function logRoot(location: Pick<TrailLocation, 'keyPrefix' | 'organizationId'>): string {
  const prefix = location.keyPrefix.replace(/^\/+|\/+$/g, '');
  return `${prefix ? `${prefix}/` : ''}AWSLogs/${location.organizationId ? `${location.organizationId}/` : ''}`;
}

function errorName(err: unknown): string | undefined {
  return (err as { name?: string } | undefined)?.name;
}

async function liveTrails(clients: AwsClients, identity: TargetIdentity): Promise<LiveTrail[]> {
  try {
    return await describeTrails(clients);
  } catch (err) {
    if (BulkheadError.is(err)) throw err;
    const name = errorName(err);
    if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation') {
      throw new BulkheadError(
        'audit-trail-access-denied',
        `${identity.callerArn} may not list the trails (CloudTrail DescribeTrails: ${name})`,
        {
          hint: 'use management-account credentials that allow cloudtrail:DescribeTrails, or name the trail in org.yaml (audit.trail) and pass --file',
          cause: err,
        },
      );
    }
    throw err;
  }
}

/** Accounts that may hold a live trail's bucket: the one asked for, the spec's log-archive account, then the caller's. */
function bucketCandidates(
  model: OrgModel | undefined,
  directory: AccountDirectory,
  identity: TargetIdentity,
  bucketAccount: string | undefined,
): string[] {
  if (bucketAccount !== undefined) return [directory.resolve(bucketAccount)];
  const logArchive = [...(model?.accounts.values() ?? [])]
    .filter((a) => model?.environments.get(a.environment)?.kind === 'log-archive')
    .map((a) => a.id ?? directory.id(a.name));
  const named = ['log-archive', 'logarchive', 'log archive'].map((n) => directory.id(n));
  return [...new Set([...logArchive, ...named, identity.accountId].filter((id): id is string => id !== undefined))];
}

/**
 * The trail to read: the spec's `audit.trail` (or `organization.trail` with a bucket name) when there is one, else the
 * live organization trail (DescribeTrails in the caller's account), else a trail of the caller's own account.
 */
export async function locateTrail(ctx: {
  clients: AwsClients;
  identity: TargetIdentity;
  model?: OrgModel;
  directory: AccountDirectory;
  bucketAccount?: string;
}): Promise<TrailLocation> {
  const { identity, model, directory } = ctx;
  const spec = model?.audit?.trail;
  if (spec !== undefined) {
    if (!identity.organizationId) {
      throw new BulkheadError(
        'audit-no-organization',
        `the spec has an organization trail, but ${identity.accountId} belongs to no organization`,
        { hint: 'run `bulkhead apply` to create the organization and its trail, or check --target and --profile' },
      );
    }
    const accountName = ctx.bucketAccount ?? spec.bucketAccount;
    const accountId = accountName === undefined ? identity.accountId : directory.id(accountName);
    if (accountId === undefined && !/^\d{12}$/.test(accountName ?? '')) {
      throw new BulkheadError(
        'audit-bucket-account-unknown',
        `the trail's bucket account "${accountName}" is not in the organization`,
        {
          hint: 'run `bulkhead apply` to create it (and the trail), or use management-account credentials so Bulkhead can look it up',
        },
      );
    }
    return {
      trailName: spec.name,
      bucket: spec.bucketName,
      keyPrefix: '',
      organizationId: identity.organizationId,
      from: 'spec',
      bucketAccountCandidates: [accountId ?? accountName!],
    };
  }
  const trails = await liveTrails(ctx.clients, identity);
  const organizationTrails = trails.filter((t) => t.isOrganizationTrail);
  const pool = organizationTrails.length > 0 ? organizationTrails : trails;
  const trail =
    pool.find((t) => t.name === model?.audit?.trail?.name) ?? [...pool].sort((a, b) => a.name.localeCompare(b.name))[0];
  if (trail === undefined) {
    throw new BulkheadError(
      'audit-no-trail',
      `no CloudTrail trail found for account ${identity.accountId}${model ? ' and the spec has no audit.trail' : ''}`,
      {
        hint: model
          ? 'add `audit: { trail: { name: org-trail } }` to org.yaml and run `bulkhead apply`'
          : 'pass --file with the spec whose audit.trail names the trail, or create the organization trail (`audit.trail` in org.yaml, then `bulkhead apply`)',
      },
    );
  }
  const organizationId = trail.isOrganizationTrail ? (identity.organizationId ?? null) : null;
  return {
    trailName: trail.name,
    bucket: trail.bucketName,
    keyPrefix: trail.keyPrefix,
    organizationId,
    from: 'live',
    bucketAccountCandidates: bucketCandidates(model, directory, identity, ctx.bucketAccount),
  };
}
