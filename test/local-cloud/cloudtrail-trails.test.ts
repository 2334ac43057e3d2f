import { readFileSync } from 'node:fs';
import * as CT from '@aws-sdk/client-cloudtrail';
import * as O from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from './helpers.js';
import type { TrailHarness } from './cloudtrail-harness.js';
import { startTrailHarness, trailBucketPolicy, withOrganization } from './cloudtrail-harness.js';

let h: TrailHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

interface ErrorCase {
  label: string;
  input: Record<string, unknown>;
  code: string;
  message?: string;
}

/** `x{n}` repeats x n times, `{account}` is the management account. */
const expand = (v: unknown, account: string): unknown =>
  typeof v === 'string'
    ? v.replace(/^(.)\{(\d+)\}$/, (_m, c: string, n: string) => c.repeat(Number(n))).replace('{account}', account)
    : v;

const CASES = JSON.parse(
  readFileSync(new URL('../cases/cloudtrail/create-trail-errors.json', import.meta.url), 'utf8'),
) as ErrorCase[];

describe('CloudTrail: CreateTrail refuses what AWS refuses', () => {
  it.each(CASES)('$label → $code', async (c) => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    h.putBucket('bare-bucket', me);
    h.putBucket('good-bucket', me, trailBucketPolicy('good-bucket', [`AWSLogs/${me}/`]));
    const writeOnly = trailBucketPolicy('write-only-bucket', [`AWSLogs/${me}/`]);
    (writeOnly.Statement as unknown[]).shift();
    h.putBucket('write-only-bucket', me, writeOnly);
    await h.ct.send(new CT.CreateTrailCommand({ Name: 'existing', S3BucketName: 'good-bucket' }));
    const input = Object.fromEntries(Object.entries(c.input).map(([k, v]) => [k, expand(v, me)]));
    const err = await awsError(() =>
      h!.ct.send(new CT.CreateTrailCommand({ S3BucketName: 'good-bucket', ...input } as CT.CreateTrailCommandInput)),
    );
    expect(err.name).toBe(c.code);
    expect(err.status).toBe(400);
    if (c.message !== undefined) expect(err.message).toBe(expand(c.message, me));
    // Nothing was created by the refused call.
    expect((await h.ct.send(new CT.ListTrailsCommand({}))).Trails?.map((t) => t.Name)).toEqual(['existing']);
  });
});

describe('CloudTrail: trails', () => {
  it('are created, described, logged, updated and deleted', async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    h.putBucket('logs', me, trailBucketPolicy('logs', [`AWSLogs/${me}/`, `audit/AWSLogs/${me}/`]));
    const created = await h.ct.send(
      new CT.CreateTrailCommand({
        Name: 'main',
        S3BucketName: 'logs',
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
        TagsList: [{ Key: 'owner', Value: 'platform' }],
      }),
    );
    const arn = `arn:aws:cloudtrail:${h.region}:${me}:trail/main`;
    expect(created).toMatchObject({
      Name: 'main',
      TrailARN: arn,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      LogFileValidationEnabled: true,
      IsOrganizationTrail: false,
    });
    expect((await h.ct.send(new CT.GetTrailStatusCommand({ Name: 'main' }))).IsLogging).toBe(false);
    await h.ct.send(new CT.StartLoggingCommand({ Name: arn }));
    const status = await h.ct.send(new CT.GetTrailStatusCommand({ Name: 'main' }));
    expect(status.IsLogging).toBe(true);
    expect(status.StartLoggingTime).toBeInstanceOf(Date);
    const got = (await h.ct.send(new CT.GetTrailCommand({ Name: 'main' }))).Trail;
    expect(got).toMatchObject({ HomeRegion: h.region, HasCustomEventSelectors: false, S3BucketName: 'logs' });
    // A multi-Region trail shows in every region, as a shadow trail outside its home region.
    const west = h.clients(h.credentials, 'eu-west-1').ct;
    expect((await west.send(new CT.DescribeTrailsCommand({}))).trailList?.map((t) => t.TrailARN)).toEqual([arn]);
    expect((await west.send(new CT.DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual([]);
    const elsewhere = await awsError(() => west.send(new CT.StopLoggingCommand({ Name: arn })));
    expect(elsewhere.name).toBe('InvalidHomeRegionException');
    const updated = await h.ct.send(new CT.UpdateTrailCommand({ Name: 'main', S3KeyPrefix: 'audit' }));
    expect(updated.S3KeyPrefix).toBe('audit');
    await h.ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'env', Value: 'prod' }] }));
    await h.ct.send(new CT.RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'owner' }] }));
    const tags = await h.ct.send(new CT.ListTagsCommand({ ResourceIdList: [arn] }));
    expect(tags.ResourceTagList).toEqual([{ ResourceId: arn, TagsList: [{ Key: 'env', Value: 'prod' }] }]);
    await h.ct.send(new CT.StopLoggingCommand({ Name: 'main' }));
    const stopped = await h.ct.send(new CT.GetTrailStatusCommand({ Name: 'main' }));
    expect(stopped.IsLogging).toBe(false);
    expect(stopped.StopLoggingTime).toBeInstanceOf(Date);
    await h.ct.send(new CT.DeleteTrailCommand({ Name: 'main' }));
    const gone = await awsError(() => h!.ct.send(new CT.GetTrailCommand({ Name: 'main' })));
    expect(gone).toMatchObject({ name: 'TrailNotFoundException', message: `Unknown trail: main for the user: ${me}` });
  });

  it('keep event selectors, defaulting to every management event', async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    h.putBucket('logs', me, trailBucketPolicy('logs', [`AWSLogs/${me}/`]));
    await h.ct.send(new CT.CreateTrailCommand({ Name: 'main', S3BucketName: 'logs' }));
    const initial = await h.ct.send(new CT.GetEventSelectorsCommand({ TrailName: 'main' }));
    expect(initial.EventSelectors).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ]);
    await h.ct.send(
      new CT.PutEventSelectorsCommand({
        TrailName: 'main',
        EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
      }),
    );
    const after = await h.ct.send(new CT.GetEventSelectorsCommand({ TrailName: 'main' }));
    expect(after.EventSelectors?.[0]?.ReadWriteType).toBe('WriteOnly');
    expect((await h.ct.send(new CT.GetTrailCommand({ Name: 'main' }))).Trail?.HasCustomEventSelectors).toBe(true);
    const six = Array.from({ length: 6 }, () => ({ ReadWriteType: 'All' as const }));
    const tooMany = await awsError(() =>
      h!.ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'main', EventSelectors: six })),
    );
    expect(tooMany.name).toBe('InvalidEventSelectorsException');
  });
});

describe('CloudTrail: organization trails', () => {
  it('need the management account and trusted access, and show as shadow trails in member accounts', async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    const { orgId, member, memberCreds } = await withOrganization(h, false);
    h.putBucket('org-logs', member, trailBucketPolicy('org-logs', [`AWSLogs/${me}/`, `AWSLogs/${orgId}/`]));
    const noAccess = await awsError(() =>
      h!.ct.send(new CT.CreateTrailCommand({ Name: 'org', S3BucketName: 'org-logs', IsOrganizationTrail: true })),
    );
    expect(noAccess.name).toBe('CloudTrailAccessNotEnabledException');
    expect(noAccess.message).toContain(`You are signed in with the following AWS account ID: ${me}`);
    await h.org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com' }));
    const m = h.clients(memberCreds).ct;
    const fromMember = await awsError(() =>
      m.send(new CT.CreateTrailCommand({ Name: 'org', S3BucketName: 'org-logs', IsOrganizationTrail: true })),
    );
    expect(fromMember.name).toBe('NotOrganizationMasterAccountException');
    // A policy that names only the management account's prefix is not enough for an organization trail.
    h.putBucket('mgmt-only', member, trailBucketPolicy('mgmt-only', [`AWSLogs/${me}/`]));
    const narrow = await awsError(() =>
      h!.ct.send(new CT.CreateTrailCommand({ Name: 'org', S3BucketName: 'mgmt-only', IsOrganizationTrail: true })),
    );
    expect(narrow.name).toBe('InsufficientS3BucketPolicyException');
    const created = await h.ct.send(
      new CT.CreateTrailCommand({
        Name: 'org',
        S3BucketName: 'org-logs',
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
      }),
    );
    expect(created.IsOrganizationTrail).toBe(true);
    const arn = created.TrailARN ?? '';
    const shadow = (await m.send(new CT.DescribeTrailsCommand({}))).trailList;
    expect(shadow).toEqual([
      expect.objectContaining({ TrailARN: arn, IsOrganizationTrail: true, HomeRegion: h.region }),
    ]);
    expect((await m.send(new CT.DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual([]);
    expect((await m.send(new CT.ListTrailsCommand({}))).Trails?.map((t) => t.TrailARN)).toEqual([arn]);
    // A member names its organization's trail by ARN; by name it is not one of its own.
    expect((await m.send(new CT.GetTrailStatusCommand({ Name: arn }))).IsLogging).toBe(false);
    expect((await awsError(() => m.send(new CT.GetTrailCommand({ Name: 'org' })))).name).toBe('TrailNotFoundException');
    await h.ct.send(new CT.StartLoggingCommand({ Name: 'org' }));
    for (const call of [
      () => m.send(new CT.StopLoggingCommand({ Name: arn })),
      () => m.send(new CT.DeleteTrailCommand({ Name: arn })),
      () => m.send(new CT.UpdateTrailCommand({ Name: arn, S3KeyPrefix: 'x' })),
      () =>
        m.send(new CT.PutEventSelectorsCommand({ TrailName: arn, EventSelectors: [{ ReadWriteType: 'ReadOnly' }] })),
    ])
      expect((await awsError(call)).name).toBe('NotOrganizationMasterAccountException');
    expect((await m.send(new CT.GetTrailStatusCommand({ Name: arn }))).IsLogging).toBe(true);
    const otherAccount = await awsError(() =>
      m.send(new CT.GetTrailCommand({ Name: `arn:aws:cloudtrail:${h!.region}:${me}:trail/nope` })),
    );
    expect(otherAccount.name).toBe('CloudTrailARNInvalidException');
  });
});
