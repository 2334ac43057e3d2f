import * as C from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

/* AWS Config's configuration recorder: one per account and region, its recording group checked as AWS does. */

let h: Harness;
let config: C.ConfigServiceClient;
let other: C.ConfigServiceClient;
const role = (account: string) =>
  `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
  const base = { endpoint: h.cloud.endpoint, credentials: { ...h.cloud.credentials }, maxAttempts: 1 };
  config = new C.ConfigServiceClient({ ...base, region: h.cloud.region });
  other = new C.ConfigServiceClient({ ...base, region: 'eu-west-1' });
});

afterAll(async () => {
  await h.stop();
});

describe('the configuration recorder', () => {
  it('is put, described with AWS’s defaults, updated in place, and one per account and region', async () => {
    expect((await config.send(new C.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders).toEqual([]);
    const account = h.cloud.managementAccountId;
    await config.send(
      new C.PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: role(account),
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
    );
    const described = await config.send(
      new C.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] }),
    );
    expect(described.ConfigurationRecorders).toEqual([
      {
        name: 'default',
        roleARN: role(account),
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: true,
          resourceTypes: [],
          exclusionByResourceTypes: { resourceTypes: [] },
          recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
        },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
      },
    ]);
    await config.send(
      new C.PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: role(account),
          recordingGroup: { allSupported: false, resourceTypes: ['AWS::IAM::Role'] },
        },
      }),
    );
    const updated = (await config.send(new C.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders?.[0];
    expect(updated?.recordingGroup?.recordingStrategy?.useOnly).toBe('INCLUSION_BY_RESOURCE_TYPES');
    expect(
      await awsError(() =>
        config.send(
          new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'second', roleARN: role(account) } }),
        ),
      ),
    ).toMatchObject({ name: 'MaxNumberOfConfigurationRecordersExceededException', status: 400 });
    // Another region has its own.
    await other.send(
      new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'second', roleARN: role(account) } }),
    );
  });

  it.each([
    ['an empty name', { name: '', roleARN: role('111122223333') }, 'InvalidConfigurationRecorderNameException'],
    [
      'a role ARN that is not a role',
      { name: 'r', roleARN: 'arn:aws:iam::111122223333:user/bob' },
      'InvalidRoleException',
    ],
    [
      'allSupported with resource types',
      {
        name: 'r',
        roleARN: role('111122223333'),
        recordingGroup: { allSupported: true, resourceTypes: ['AWS::IAM::Role'] },
      },
      'InvalidRecordingGroupException',
    ],
    [
      'global types without allSupported',
      {
        name: 'r',
        roleARN: role('111122223333'),
        recordingGroup: { allSupported: false, includeGlobalResourceTypes: true, resourceTypes: ['AWS::IAM::Role'] },
      },
      'InvalidRecordingGroupException',
    ],
  ] as const)('refuses %s', async (_label, recorder, code) => {
    const fresh = new C.ConfigServiceClient({
      endpoint: h.cloud.endpoint,
      region: 'ap-south-1',
      credentials: { ...h.cloud.credentials },
      maxAttempts: 1,
    });
    expect(
      await awsError(() =>
        fresh.send(
          new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: recorder as C.ConfigurationRecorder }),
        ),
      ),
    ).toMatchObject({ name: code, status: 400 });
  });

  it('answers NoSuchConfigurationRecorderException for an unknown name', async () => {
    expect(
      await awsError(() =>
        config.send(new C.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['nope'] })),
      ),
    ).toMatchObject({ name: 'NoSuchConfigurationRecorderException', status: 400 });
  });
});
