import * as CT from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailService } from '../../src/local-cloud/services/cloudtrail/index.js';
import type { TrailHarness } from '../local-cloud/cloudtrail-harness.js';
import { startTrailHarness, trailBucketPolicy, withOrganization } from '../local-cloud/cloudtrail-harness.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse, wireErrorCode } from '../support/fidelity/response-validation.js';

/*
 * CloudTrail's responses, success and error, checked against botocore's model; and the AWS CLI v1 reading trails,
 * their status and the event history.
 */

let h: TrailHarness | undefined;
const handler = new RecordingHandler();
const errors: { operation: string; expected: string; got: string }[] = [];

beforeAll(async () => {
  h = await startTrailHarness();
  const me = h.managementAccountId;
  const { orgId, member } = await withOrganization(h);
  h.putBucket('org-logs', member, trailBucketPolicy('org-logs', [`AWSLogs/${me}/`, `AWSLogs/${orgId}/`]));
  const ct = new CT.CloudTrailClient({
    endpoint: h.endpoint,
    region: h.region,
    credentials: { ...h.credentials },
    maxAttempts: 1,
    requestHandler: handler,
  });
  const expectError = async (operation: string, expected: string, call: Promise<unknown>) => {
    await call.catch(() => undefined);
    const last = handler.exchanges[handler.exchanges.length - 1];
    errors.push({
      operation,
      expected,
      got: last === undefined ? 'none' : (wireErrorCode(last) ?? `HTTP ${last.status}`),
    });
  };
  const Name = 'org';
  await ct.send(
    new CT.CreateTrailCommand({
      Name,
      S3BucketName: 'org-logs',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      TagsList: [{ Key: 'k', Value: 'v' }],
    }),
  );
  await ct.send(new CT.StartLoggingCommand({ Name }));
  await ct.send(new CT.DescribeTrailsCommand({}));
  await ct.send(new CT.GetTrailCommand({ Name }));
  await ct.send(new CT.GetTrailStatusCommand({ Name }));
  await ct.send(new CT.ListTrailsCommand({}));
  await ct.send(new CT.PutEventSelectorsCommand({ TrailName: Name, EventSelectors: [{ ReadWriteType: 'All' }] }));
  await ct.send(new CT.GetEventSelectorsCommand({ TrailName: Name }));
  const arn = `arn:aws:cloudtrail:${h.region}:${me}:trail/${Name}`;
  await ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'a', Value: 'b' }] }));
  await ct.send(new CT.ListTagsCommand({ ResourceIdList: [arn] }));
  await ct.send(new CT.RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'a' }] }));
  await ct.send(new CT.UpdateTrailCommand({ Name, EnableLogFileValidation: true }));
  await ct.send(new CT.LookupEventsCommand({ MaxResults: 5 }));
  await ct.send(new CT.StopLoggingCommand({ Name }));
  await expectError('GetTrail', 'TrailNotFoundException', ct.send(new CT.GetTrailCommand({ Name: 'nope' })));
  await expectError(
    'CreateTrail',
    'TrailAlreadyExistsException',
    ct.send(new CT.CreateTrailCommand({ Name, S3BucketName: 'org-logs' })),
  );
  await expectError(
    'CreateTrail',
    'S3BucketDoesNotExistException',
    ct.send(new CT.CreateTrailCommand({ Name: 'other', S3BucketName: 'missing-bucket' })),
  );
  await expectError(
    'CreateTrail',
    'InvalidTrailNameException',
    ct.send(new CT.CreateTrailCommand({ Name: 'a', S3BucketName: 'x' })),
  );
  await expectError(
    'LookupEvents',
    'InvalidMaxResultsException',
    ct.send(new CT.LookupEventsCommand({ MaxResults: 51 })),
  );
  await ct.send(new CT.DeleteTrailCommand({ Name }));
}, 60_000);

afterAll(async () => {
  handler.destroy();
  await h?.stop();
});

const model = () => loadModel('cloudtrail');

describe('CloudTrail against the botocore model', () => {
  it.each(Object.keys(cloudTrailService.operations))('%s answers in the output shape', (operation) => {
    const ok = handler.exchanges.filter((e) => e.operation === operation && e.status < 300);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.flatMap((e) => validateResponse(model(), operation, e))).toEqual([]);
  });

  it('errors carry the documented codes and validate as modeled errors', () => {
    expect(errors.filter((e) => e.got !== e.expected)).toEqual([]);
    const failed = handler.exchanges.filter((e) => e.status >= 300);
    expect(failed.length).toBe(errors.length);
    expect(failed.flatMap((e) => validateResponse(model(), e.operation, e))).toEqual([]);
  });
});

describe('the AWS CLI v1 and CloudTrail', () => {
  it('describe-trails, get-trail-status and lookup-events', async () => {
    const me = h!.managementAccountId;
    h!.putBucket('cli-logs', me, trailBucketPolicy('cli-logs', [`AWSLogs/${me}/`]));
    const cli = awsCli(h!.endpoint, h!.region, h!.credentials);
    try {
      await cli.json(['cloudtrail', 'create-trail', '--name', 'cli', '--s3-bucket-name', 'cli-logs']);
      await cli.json(['cloudtrail', 'start-logging', '--name', 'cli']);
      const described = await cli.json<{ trailList: { Name: string; HomeRegion: string }[] }>([
        'cloudtrail',
        'describe-trails',
      ]);
      expect(described.trailList).toEqual([expect.objectContaining({ Name: 'cli', HomeRegion: h!.region })]);
      const status = await cli.json<{ IsLogging: boolean }>(['cloudtrail', 'get-trail-status', '--name', 'cli']);
      expect(status.IsLogging).toBe(true);
      const events = await cli.json<{ Events: { EventName: string; Username: string; CloudTrailEvent: string }[] }>([
        'cloudtrail',
        'lookup-events',
        '--lookup-attributes',
        'AttributeKey=EventName,AttributeValue=StartLogging',
      ]);
      // Newest first: this StartLogging, then the scenario's.
      expect(events.Events.map((e) => [e.EventName, e.Username])).toEqual([
        ['StartLogging', 'root'],
        ['StartLogging', 'root'],
      ]);
      const newest = JSON.parse(events.Events[0]?.CloudTrailEvent ?? '{}') as {
        requestParameters: { name?: string; Name?: string };
      };
      expect(newest.requestParameters).toEqual({ Name: 'cli' });
      const missing = await cli.run(['cloudtrail', 'get-trail-status', '--name', 'nope']);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('TrailNotFoundException');
    } finally {
      cli.dispose();
    }
  }, 60_000);
});
