import { AwsApiError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { jsonInput } from '../json-input.js';
import type { OrganizationRecord } from '../organizations/tables.js';
import type { HandlerContext } from '../registry.js';
import type { TrailRecord } from './tables.js';
import { trailsByAccount } from './tables.js';

/** The service principal Organizations trusted access and bucket policies name CloudTrail by. */
export const CLOUDTRAIL_SERVICE_PRINCIPAL = 'cloudtrail.amazonaws.com';

export const ctError = (code: string, message: string): AwsApiError => new AwsApiError(code, message, 400);

/** CloudTrail's member readers: a bad value is an InvalidParameterException. */
export const { optString, reqString, optInt, optObject, optList, optStringList } = jsonInput((_problem, message) =>
  ctError('InvalidParameterException', message),
);

export function optBool(input: Record<string, unknown>, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw new AwsApiError('SerializationException', `Unexpected value type for ${name}: expected a boolean.`);
  return v;
}

const NAME_CHARS = /^[A-Za-z0-9._-]+$/;
const ALNUM = /^[A-Za-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
export const TRAIL_ARN_RE = /^arn:aws(-[a-z]+)*:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

const invalidName = (message: string): AwsApiError => ctError('InvalidTrailNameException', message);

/**
 * AWS's trail naming rules (InvalidTrailNameException): 3 to 128 characters; ASCII letters, digits, `.`, `_` and `-`;
 * a letter or digit first and last; no adjacent `.`, `_` or `-`; not an IP address.
 */
export function validateTrailName(name: string): void {
  if (name.length < 3)
    throw invalidName(
      `Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${name.length} characters.`,
    );
  if (name.length > 128)
    throw invalidName(
      `Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${name.length} characters.`,
    );
  if (!ALNUM.test(name.charAt(0))) throw invalidName('Trail name must starts with a letter or number.');
  if (!ALNUM.test(name.charAt(name.length - 1))) throw invalidName('Trail name must ends with a letter or number.');
  if (!NAME_CHARS.test(name))
    throw invalidName(
      'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).',
    );
  if (/[._-]{2}/.test(name)) throw invalidName('Trail name must not contain adjacent periods, underscores or dashes.');
  if (IP_ADDRESS.test(name)) throw invalidName('Trail name must not be formatted as an IP address.');
}

export const trailArn = (region: string, accountId: string, name: string): string =>
  `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;

/** The organization an account belongs to, if any. */
export function organizationOf(store: Store, accountId: string): OrganizationRecord | undefined {
  const orgId = store.get('accounts', accountId)?.organizationId;
  return orgId === null || orgId === undefined ? undefined : store.get('organizations', orgId);
}

/** Whether a trail applies in `region`: its home region, or every region for a multi-Region trail. */
export const inRegion = (t: TrailRecord, region: string): boolean => t.isMultiRegionTrail || t.homeRegion === region;

/**
 * The trails an account sees in a region, as DescribeTrails lists them: its own (a multi-Region trail in every
 * region) and its organization's organization trails (shadow trails in a member account).
 */
export function visibleTrails(store: Store, accountId: string, region: string): TrailRecord[] {
  const own = [...store.lookup(trailsByAccount, accountId).values()].filter((t) => inRegion(t, region));
  const org = organizationOf(store, accountId);
  const shadows =
    org === undefined || org.managementAccountId === accountId
      ? []
      : [...store.lookup(trailsByAccount, org.managementAccountId).values()].filter(
          (t) => t.isOrganizationTrail && t.organizationId === org.id && inRegion(t, region),
        );
  return [...own, ...shadows];
}

/** A shadow trail: seen from another region (a multi-Region trail) or from a member account (an organization trail). */
export const isShadow = (t: TrailRecord, accountId: string, region: string): boolean =>
  t.accountId !== accountId || t.homeRegion !== region;

const unknownTrail = (nameOrArn: string, accountId: string): AwsApiError =>
  ctError('TrailNotFoundException', `Unknown trail: ${nameOrArn} for the user: ${accountId}`);

/**
 * The trail `nameOrArn` names for the caller in the region called. A name finds only the caller's own trails (a
 * member account names its organization's trail by ARN, as AWS requires); an ARN finds any trail the caller sees.
 */
export function findTrail(ctx: HandlerContext, nameOrArn: string): TrailRecord {
  const accountId = ctx.principal.accountId;
  const visible = visibleTrails(ctx.store, accountId, ctx.region);
  if (nameOrArn.startsWith('arn:')) {
    const m = TRAIL_ARN_RE.exec(nameOrArn);
    if (m === null)
      throw ctError(
        'CloudTrailARNInvalidException',
        `${nameOrArn} is not a valid trail ARN. The format of a trail ARN is arn:aws:cloudtrail:us-east-2:123456789012:trail/MyTrail.`,
      );
    const found = visible.find((t) => t.arn === nameOrArn);
    if (found !== undefined) return found;
    if (m[3] !== accountId)
      throw ctError(
        'CloudTrailARNInvalidException',
        `AccountID in ARN is wrong, you can only access resources with AccountID ${accountId}.`,
      );
    throw unknownTrail(nameOrArn, accountId);
  }
  validateTrailName(nameOrArn);
  const own = visible.filter((t) => t.accountId === accountId && t.name === nameOrArn);
  const found = own.find((t) => t.homeRegion === ctx.region) ?? own[0];
  if (found === undefined) throw unknownTrail(nameOrArn, accountId);
  return found;
}

/**
 * A trail the caller may change: its own, from its home region. A member account cannot change its organization's
 * trail (NotOrganizationMasterAccountException); a shadow copy in another region is InvalidHomeRegionException.
 */
export function ownTrailForChange(ctx: HandlerContext, nameOrArn: string): TrailRecord {
  const trail = findTrail(ctx, nameOrArn);
  if (trail.accountId !== ctx.principal.accountId) throw notManagementAccount();
  if (trail.homeRegion !== ctx.region)
    throw ctError(
      'InvalidHomeRegionException',
      `The trail ${trail.arn} can only be changed in its home region, ${trail.homeRegion}, not in ${ctx.region}.`,
    );
  return trail;
}

export const notManagementAccount = (): AwsApiError =>
  ctError(
    'NotOrganizationMasterAccountException',
    'You cannot configure or manage trails for an organization because this action requires being signed in with the management account.',
  );

/** The Trail shape of DescribeTrails and GetTrail. */
export function describeTrail(t: TrailRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: t.name,
    S3BucketName: t.s3BucketName,
    IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
    IsMultiRegionTrail: t.isMultiRegionTrail,
    HomeRegion: t.homeRegion,
    TrailARN: t.arn,
    LogFileValidationEnabled: t.logFileValidationEnabled,
    HasCustomEventSelectors: t.hasCustomEventSelectors,
    HasInsightSelectors: false,
    IsOrganizationTrail: t.isOrganizationTrail,
  };
  if (t.s3KeyPrefix !== undefined) out.S3KeyPrefix = t.s3KeyPrefix;
  if (t.kmsKeyId !== undefined) out.KmsKeyId = t.kmsKeyId;
  if (t.cloudWatchLogsLogGroupArn !== undefined) out.CloudWatchLogsLogGroupArn = t.cloudWatchLogsLogGroupArn;
  if (t.cloudWatchLogsRoleArn !== undefined) out.CloudWatchLogsRoleArn = t.cloudWatchLogsRoleArn;
  return out;
}
