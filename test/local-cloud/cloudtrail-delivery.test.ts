import * as CT from '@aws-sdk/client-cloudtrail';
import * as I from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './helpers.js';
import type { TrailHarness } from './cloudtrail-harness.js';
import { startTrailHarness, trailBucketPolicy, withOrganization } from './cloudtrail-harness.js';

let h: TrailHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const namesIn = (records: Record<string, unknown>[]) => records.map((r) => r.eventName);

describe('CloudTrail delivery', () => {
  it("writes a member account's calls into the organization trail's bucket, gzipped, under AWS's key layout", async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    const { orgId, member, memberCreds } = await withOrganization(h);
    h.putBucket('org-logs', member, trailBucketPolicy('org-logs', [`AWSLogs/${me}/`, `AWSLogs/${orgId}/`]));
    await h.ct.send(
      new CT.CreateTrailCommand({
        Name: 'org',
        S3BucketName: 'org-logs',
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
      }),
    );
    await h.ct.send(new CT.StartLoggingCommand({ Name: 'org' }));
    const m = h.clients(memberCreds);
    await m.iam.send(new I.CreateRoleCommand({ RoleName: 'App', AssumeRolePolicyDocument: TRUST }));
    await m.iam.send(new I.ListRolesCommand({}));
    const files = await eventually(async () => {
      const found = h!.objects('org-logs').filter((o) => o.key.includes(`/${member}/`));
      return found.length > 0 ? found : undefined;
    });
    const key = files[0]?.key ?? '';
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    expect(key).toMatch(
      new RegExp(
        `^AWSLogs/${orgId}/${member}/CloudTrail/us-east-1/${day}/${member}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`,
      ),
    );
    expect(files[0]).toMatchObject({
      contentType: 'application/json',
      contentEncoding: 'gzip',
      ownerAccountId: member,
    });
    const records = h.records('org-logs').filter((r) => r.recipientAccountId === member);
    const create = records.find((r) => r.eventName === 'CreateRole');
    expect(create).toMatchObject({
      eventVersion: '1.09',
      eventSource: 'iam.amazonaws.com',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      eventCategory: 'Management',
      responseElements: null,
      requestParameters: { RoleName: 'App', AssumeRolePolicyDocument: TRUST },
      userIdentity: {
        type: 'AssumedRole',
        arn: `arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/dev-session`,
        accountId: member,
        accessKeyId: memberCreds.accessKeyId,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            arn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
            userName: 'OrganizationAccountAccessRole',
          },
        },
      },
    });
    expect(create?.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(create?.eventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof create?.requestID).toBe('string');
    expect(String(create?.userAgent)).toContain('aws-sdk-js');
    expect(records.find((r) => r.eventName === 'ListRoles')?.readOnly).toBe(true);
    // The management account's own calls go under the organization prefix too.
    expect(h.objects('org-logs').some((o) => o.key.startsWith(`AWSLogs/${orgId}/${me}/CloudTrail/`))).toBe(true);
    const status = await h.ct.send(new CT.GetTrailStatusCommand({ Name: 'org' }));
    expect(status.LatestDeliveryTime).toBeInstanceOf(Date);
    expect(status.LatestDeliveryError).toBeUndefined();
    // A failed call is delivered with its error.
    await m.iam.send(new I.GetRoleCommand({ RoleName: 'Missing' })).catch(() => undefined);
    const failed = await eventually(async () =>
      h!.records('org-logs').find((r) => r.eventName === 'GetRole' && r.recipientAccountId === member),
    );
    expect(failed).toMatchObject({ errorCode: 'NoSuchEntity' });
    expect(String(failed.errorMessage)).toContain('Missing');
  });

  it('stops with StopLogging, follows the key prefix, regions and event selectors of a single-account trail', async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    h.putBucket('logs', me, trailBucketPolicy('logs', [`audit/AWSLogs/${me}/`]));
    await h.ct.send(new CT.CreateTrailCommand({ Name: 'main', S3BucketName: 'logs', S3KeyPrefix: 'audit' }));
    await h.ct.send(
      new CT.PutEventSelectorsCommand({ TrailName: 'main', EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }),
    );
    // Before StartLogging nothing is recorded for the trail.
    await h.iam.send(new I.CreateRoleCommand({ RoleName: 'Before', AssumeRolePolicyDocument: TRUST }));
    await h.ct.send(new CT.StartLoggingCommand({ Name: 'main' }));
    await h.iam.send(new I.CreateRoleCommand({ RoleName: 'During', AssumeRolePolicyDocument: TRUST }));
    await h.iam.send(new I.ListRolesCommand({}));
    // A single-Region trail of us-east-1 does not log calls made in eu-west-1.
    await h
      .clients(h.credentials, 'eu-west-1')
      .ct.send(
        new CT.AddTagsCommand({
          ResourceId: `arn:aws:cloudtrail:us-east-1:${me}:trail/main`,
          TagsList: [{ Key: 'k', Value: 'v' }],
        }),
      )
      .catch(() => undefined);
    const delivered = await eventually(async () => {
      const r = h!.records('logs');
      return r.some((x) => x.eventName === 'CreateRole') ? r : undefined;
    });
    expect(h.objects('logs').every((o) => o.key.startsWith(`audit/AWSLogs/${me}/CloudTrail/us-east-1/`))).toBe(true);
    const roles = delivered
      .filter((r) => r.eventName === 'CreateRole')
      .map((r) => (r.requestParameters as { RoleName: string }).RoleName);
    expect(roles).toEqual(['During']);
    // WriteOnly: no read-only event is delivered, StartLogging's own call is.
    expect(delivered.every((r) => r.readOnly === false)).toBe(true);
    expect(delivered.some((r) => r.awsRegion === 'eu-west-1')).toBe(false);
    await h.ct.send(new CT.StopLoggingCommand({ Name: 'main' }));
    const count = h.objects('logs').length;
    await h.iam.send(new I.CreateRoleCommand({ RoleName: 'After', AssumeRolePolicyDocument: TRUST }));
    await new Promise((r) => setTimeout(r, 700));
    expect(namesIn(h.records('logs')).filter((n) => n === 'StopLogging')).toHaveLength(1);
    expect(
      h.records('logs').some((r) => (r.requestParameters as { RoleName?: string } | null)?.RoleName === 'After'),
    ).toBe(false);
    expect(h.objects('logs').length).toBeLessThanOrEqual(count + 1);
  });

  it('reports a delivery error when the bucket policy no longer lets CloudTrail write', async () => {
    h = await startTrailHarness();
    const me = h.managementAccountId;
    h.putBucket('logs', me, trailBucketPolicy('logs', [`AWSLogs/${me}/`]));
    await h.ct.send(new CT.CreateTrailCommand({ Name: 'main', S3BucketName: 'logs' }));
    await h.ct.send(new CT.StartLoggingCommand({ Name: 'main' }));
    h.putBucket('logs', me, trailBucketPolicy('logs', ['elsewhere/']));
    await h.iam.send(new I.ListRolesCommand({}));
    const status = await eventually(async () => {
      const s = await h!.ct.send(new CT.GetTrailStatusCommand({ Name: 'main' }));
      return s.LatestDeliveryError === undefined ? undefined : s;
    });
    expect(status.LatestDeliveryError).toBe('AccessDenied');
    expect(h.objects('logs')).toEqual([]);
  });
});

describe('CloudTrail LookupEvents', () => {
  it("answers the account's own events of the region, newest first, filtered and paged", async () => {
    h = await startTrailHarness();
    const { memberCreds, member } = await withOrganization(h);
    const m = h.clients(memberCreds);
    for (const name of ['A', 'B', 'C'])
      await m.iam.send(new I.CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    const byName = await m.ct.send(
      new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }] }),
    );
    const roles = byName.Events?.map(
      (e) =>
        (JSON.parse(e.CloudTrailEvent ?? '{}') as { requestParameters: { RoleName: string } }).requestParameters
          .RoleName,
    );
    expect(roles).toEqual(['C', 'B', 'A']);
    expect(byName.Events?.[0]).toMatchObject({
      EventSource: 'iam.amazonaws.com',
      ReadOnly: 'false',
      Username: 'dev-session',
    });
    // The management account sees none of the member's events.
    const mine = await h.ct.send(
      new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }] }),
    );
    expect(mine.Events).toEqual([]);
    const first = await m.ct.send(
      new CT.LookupEventsCommand({
        MaxResults: 2,
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }],
      }),
    );
    expect(first.Events).toHaveLength(2);
    const second = await m.ct.send(
      new CT.LookupEventsCommand({
        MaxResults: 2,
        NextToken: first.NextToken,
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }],
      }),
    );
    expect(second.Events?.map((e) => e.EventId)).toEqual([byName.Events?.[2]?.EventId]);
    expect(second.NextToken).toBeUndefined();
    const readOnly = await m.ct.send(
      new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }),
    );
    expect(readOnly.Events?.every((e) => e.ReadOnly === 'true')).toBe(true);
    expect(readOnly.Events?.some((e) => e.EventName === 'LookupEvents')).toBe(true);
    const later = await m.ct.send(
      new CT.LookupEventsCommand({ StartTime: new Date(Date.now() + 60_000), EndTime: new Date(Date.now() + 120_000) }),
    );
    expect(later.Events).toEqual([]);
    const west = await h
      .clients(memberCreds, 'eu-west-1')
      .ct.send(
        new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }] }),
      );
    expect(west.Events).toEqual([]);
    expect(member).toMatch(/^\d{12}$/);
  });

  it.each([
    ['MaxResults 51', { MaxResults: 51 }, 'InvalidMaxResultsException'],
    ['MaxResults 0', { MaxResults: 0 }, 'InvalidMaxResultsException'],
    [
      'two lookup attributes',
      {
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'A' },
          { AttributeKey: 'Username', AttributeValue: 'B' },
        ],
      },
      'InvalidLookupAttributesException',
    ],
    [
      'start after end',
      { StartTime: new Date(2_000_000_000_000), EndTime: new Date(1_000_000_000_000) },
      'InvalidTimeRangeException',
    ],
    ['a forged token', { NextToken: 'bm9wZQ' }, 'InvalidNextTokenException'],
  ] as const)('refuses %s', async (_label, input, code) => {
    h = await startTrailHarness();
    const err = await h.ct
      .send(new CT.LookupEventsCommand(input as CT.LookupEventsCommandInput))
      .catch((e: Error) => e);
    expect((err as Error).name).toBe(code);
  });
});
