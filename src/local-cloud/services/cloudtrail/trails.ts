import type { HandlerContext } from '../registry.js';
import { bucketOf, cloudTrailMayWrite } from './bucket-policy.js';
import {
  CLOUDTRAIL_SERVICE_PRINCIPAL,
  ctError,
  describeTrail,
  findTrail,
  inRegion,
  isShadow,
  notManagementAccount,
  optBool,
  optString,
  optStringList,
  organizationOf,
  ownTrailForChange,
  reqString,
  trailArn,
  validateTrailName,
  visibleTrails,
} from './common.js';
import { logKeyPrefix } from './log-keys.js';
import { readTags } from './tags.js';
import type { TrailRecord } from './tables.js';
import { trailsByAccount } from './tables.js';

/** AWS: five trails per region per account. */
export const MAX_TRAILS_PER_REGION = 5;
const BUCKET_NAME_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

interface Destination {
  S3BucketName?: string | undefined;
  S3KeyPrefix?: string | undefined;
  IsOrganizationTrail?: boolean | undefined;
}

/** The organization of an organization trail, after AWS's checks of the caller's organization and trusted access. */
function organizationForTrail(ctx: HandlerContext): string {
  const accountId = ctx.principal.accountId;
  const org = organizationOf(ctx.store, accountId);
  if (org === undefined)
    throw ctError(
      'OrganizationsNotInUseException',
      `This request was rejected because the account ${accountId} is not a member of an organization in AWS Organizations.`,
    );
  if (org.managementAccountId !== accountId) throw notManagementAccount();
  if (org.featureSet !== 'ALL')
    throw ctError(
      'OrganizationNotInAllFeaturesModeException',
      'This request was rejected because the organization does not have all features enabled.',
    );
  if (org.serviceAccess[CLOUDTRAIL_SERVICE_PRINCIPAL] === undefined)
    throw ctError(
      'CloudTrailAccessNotEnabledException',
      `The request could not be processed because your organization hasn’t enabled CloudTrail service access. Enable service access for CloudTrail, and then try again. You are signed in with the following AWS account ID: ${accountId}`,
    );
  return org.id;
}

/** The bucket must exist and its policy must let CloudTrail write where this trail delivers. */
function checkBucket(
  ctx: HandlerContext,
  t: Pick<TrailRecord, 'arn' | 'accountId' | 'homeRegion' | 's3BucketName' | 's3KeyPrefix' | 'organizationId'>,
): void {
  if (!BUCKET_NAME_RE.test(t.s3BucketName))
    throw ctError('InvalidS3BucketNameException', `Invalid S3 bucket name: ${t.s3BucketName}`);
  const bucket = bucketOf(ctx.store, t.s3BucketName);
  if (bucket === undefined) throw ctError('S3BucketDoesNotExistException', 'S3 bucket does not exist!');
  const writer = { arn: t.arn, accountId: t.accountId, region: t.homeRegion };
  const prefixes = [logKeyPrefix(t.s3KeyPrefix, undefined, t.accountId)];
  if (t.organizationId !== undefined) prefixes.push(logKeyPrefix(t.s3KeyPrefix, t.organizationId, t.accountId));
  if (!prefixes.every((p) => cloudTrailMayWrite(bucket, `${p}CloudTrail/${t.homeRegion}/`, writer)))
    throw ctError(
      'InsufficientS3BucketPolicyException',
      `Incorrect S3 bucket policy is detected for bucket: ${t.s3BucketName}`,
    );
}

function readPrefix(input: Record<string, unknown>): string | undefined {
  const prefix = optString(input, 'S3KeyPrefix');
  if (prefix === undefined || prefix === '') return undefined;
  if (prefix.length > 200)
    throw ctError('InvalidS3PrefixException', 'The S3 key prefix can be at most 200 characters long.');
  return prefix;
}

function readDestination(input: Record<string, unknown>): Destination {
  return {
    S3BucketName: optString(input, 'S3BucketName'),
    S3KeyPrefix: readPrefix(input),
    IsOrganizationTrail: optBool(input, 'IsOrganizationTrail'),
  };
}

/** The CreateTrail / UpdateTrail response. */
function trailResponse(t: TrailRecord): Record<string, unknown> {
  const { HomeRegion: _home, HasCustomEventSelectors: _c, HasInsightSelectors: _i, ...rest } = describeTrail(t);
  return rest;
}

export function createTrail(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = reqString(input, 'Name');
  validateTrailName(name);
  const bucketName = reqString(input, 'S3BucketName');
  const dest = readDestination(input);
  const multi = optBool(input, 'IsMultiRegionTrail') ?? false;
  const accountId = ctx.principal.accountId;
  const own = [...ctx.store.lookup(trailsByAccount, accountId).values()];
  if (own.some((t) => t.name === name && (inRegion(t, ctx.region) || multi)))
    throw ctError('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${accountId}`);
  if (own.filter((t) => t.homeRegion === ctx.region).length >= MAX_TRAILS_PER_REGION)
    throw ctError(
      'MaximumNumberOfTrailsExceededException',
      `User: ${accountId} already has ${MAX_TRAILS_PER_REGION} trails in ${ctx.region}.`,
    );
  const tags = readTags(input, 'TagsList') ?? {};
  const trail: TrailRecord = {
    arn: trailArn(ctx.region, accountId, name),
    name,
    accountId,
    homeRegion: ctx.region,
    s3BucketName: bucketName,
    includeGlobalServiceEvents: optBool(input, 'IncludeGlobalServiceEvents') ?? true,
    isMultiRegionTrail: multi,
    isOrganizationTrail: dest.IsOrganizationTrail === true,
    logFileValidationEnabled: optBool(input, 'EnableLogFileValidation') ?? false,
    createdAt: ctx.now,
    hasCustomEventSelectors: false,
    tags,
    isLogging: false,
  };
  if (dest.S3KeyPrefix !== undefined) trail.s3KeyPrefix = dest.S3KeyPrefix;
  const kms = optString(input, 'KmsKeyId');
  if (kms !== undefined) trail.kmsKeyId = kms;
  if (!trail.includeGlobalServiceEvents && multi)
    throw ctError('InvalidParameterCombinationException', 'Multi-Region trail must include global service events.');
  if (trail.isOrganizationTrail) trail.organizationId = organizationForTrail(ctx);
  checkBucket(ctx, trail);
  ctx.store.put('cloudtrailTrails', trail.arn, trail);
  return trailResponse(trail);
}

export function updateTrail(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const trail = { ...ownTrailForChange(ctx, reqString(input, 'Name')) };
  const dest = readDestination(input);
  if (dest.S3BucketName !== undefined) trail.s3BucketName = dest.S3BucketName;
  if (input.S3KeyPrefix !== undefined) {
    if (dest.S3KeyPrefix === undefined) delete trail.s3KeyPrefix;
    else trail.s3KeyPrefix = dest.S3KeyPrefix;
  }
  trail.includeGlobalServiceEvents = optBool(input, 'IncludeGlobalServiceEvents') ?? trail.includeGlobalServiceEvents;
  trail.isMultiRegionTrail = optBool(input, 'IsMultiRegionTrail') ?? trail.isMultiRegionTrail;
  trail.logFileValidationEnabled = optBool(input, 'EnableLogFileValidation') ?? trail.logFileValidationEnabled;
  const kms = optString(input, 'KmsKeyId');
  if (kms !== undefined) {
    if (kms === '') delete trail.kmsKeyId;
    else trail.kmsKeyId = kms;
  }
  if (!trail.includeGlobalServiceEvents && trail.isMultiRegionTrail)
    throw ctError('InvalidParameterCombinationException', 'Multi-Region trail must include global service events.');
  if (dest.IsOrganizationTrail === true && !trail.isOrganizationTrail) {
    trail.organizationId = organizationForTrail(ctx);
    trail.isOrganizationTrail = true;
  } else if (dest.IsOrganizationTrail === false && trail.isOrganizationTrail) {
    organizationForTrail(ctx);
    trail.isOrganizationTrail = false;
    delete trail.organizationId;
  }
  if (dest.S3BucketName !== undefined || input.S3KeyPrefix !== undefined || dest.IsOrganizationTrail !== undefined)
    checkBucket(ctx, trail);
  ctx.store.put('cloudtrailTrails', trail.arn, trail);
  return trailResponse(trail);
}

export function deleteTrail(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const trail = ownTrailForChange(ctx, reqString(input, 'Name'));
  ctx.store.delete('cloudtrailTrails', trail.arn);
  return {};
}

export function getTrail(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return { Trail: describeTrail(findTrail(ctx, reqString(input, 'Name'))) };
}

export function describeTrails(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const names = optStringList(input, 'trailNameList') ?? [];
  const shadows = optBool(input, 'includeShadowTrails') ?? true;
  const accountId = ctx.principal.accountId;
  let trails = visibleTrails(ctx.store, accountId, ctx.region);
  if (!shadows) trails = trails.filter((t) => !isShadow(t, accountId, ctx.region));
  if (names.length > 0) {
    // AWS: a name matches only the caller's trails of this region; an ARN any trail it sees.
    trails = trails.filter((t) =>
      names.some((n) => n === t.arn || (n === t.name && t.accountId === accountId && t.homeRegion === ctx.region)),
    );
  }
  return { trailList: trails.map(describeTrail) };
}

export function listTrails(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  // Every region's trails of the account, as AWS lists them, and its organization's trails.
  const accountId = ctx.principal.accountId;
  const own = [...ctx.store.lookup(trailsByAccount, accountId).values()];
  const org = organizationOf(ctx.store, accountId);
  const shared =
    org === undefined || org.managementAccountId === accountId
      ? []
      : [...ctx.store.lookup(trailsByAccount, org.managementAccountId).values()].filter(
          (t) => t.isOrganizationTrail && t.organizationId === org.id,
        );
  return { Trails: [...own, ...shared].map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion })) };
}

const seconds = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
const stamp = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function getTrailStatus(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const t = findTrail(ctx, reqString(input, 'Name'));
  return {
    IsLogging: t.isLogging,
    LatestDeliveryError: t.latestDeliveryError,
    LatestDeliveryTime: seconds(t.latestDeliveryTime),
    StartLoggingTime: seconds(t.startLoggingTime),
    StopLoggingTime: seconds(t.stopLoggingTime),
    LatestDeliveryAttemptTime: stamp(t.latestDeliveryAttemptTime) ?? '',
    LatestDeliveryAttemptSucceeded: stamp(t.latestDeliveryAttemptSucceeded) ?? '',
    LatestNotificationAttemptTime: '',
    LatestNotificationAttemptSucceeded: '',
    TimeLoggingStarted: stamp(t.startLoggingTime) ?? '',
    TimeLoggingStopped: stamp(t.stopLoggingTime) ?? '',
  };
}

function setLogging(input: Record<string, unknown>, ctx: HandlerContext, on: boolean): unknown {
  const trail = ownTrailForChange(ctx, reqString(input, 'Name'));
  if (on && trail.isOrganizationTrail) organizationForTrail(ctx);
  if (trail.isLogging === on) return {};
  const next: TrailRecord = { ...trail, isLogging: on };
  if (on) next.startLoggingTime = ctx.now;
  else next.stopLoggingTime = ctx.now;
  ctx.store.put('cloudtrailTrails', trail.arn, next);
  return {};
}

export const startLogging = (input: Record<string, unknown>, ctx: HandlerContext): unknown =>
  setLogging(input, ctx, true);
export const stopLogging = (input: Record<string, unknown>, ctx: HandlerContext): unknown =>
  setLogging(input, ctx, false);
