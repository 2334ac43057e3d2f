import { describe, expect, it } from 'vitest';
import { BulkheadError } from '../../src/core/errors.js';
import { resolveTargetRequest, type TargetFlags, type TargetRequest } from '../../src/providers/aws/target-request.js';
import { runCli } from './run-cli.js';

const URL_A = 'http://127.0.0.1:5000';
const URL_B = 'https://moto.example:4566';

interface Case {
  name: string;
  flags?: TargetFlags;
  env?: Record<string, string>;
  /** The resolved target, or the usage error's message (a regular expression). */
  expected: TargetRequest | RegExp;
}

// Every combination of --target, --endpoint, --profile and their variables: the resolved target
// is always what was asked, or the command is refused; nothing is dropped.
const CASES: Case[] = [
  { name: 'nothing: the local cloud', expected: { kind: 'local' } },
  { name: '--target local', flags: { target: 'local' }, expected: { kind: 'local' } },
  { name: 'BULKHEAD_TARGET=local', env: { BULKHEAD_TARGET: 'local' }, expected: { kind: 'local' } },
  {
    name: 'empty variables count as unset',
    env: { BULKHEAD_TARGET: '', AWS_ENDPOINT_URL: ' ' },
    expected: { kind: 'local' },
  },
  { name: '--target aws', flags: { target: 'aws' }, expected: { kind: 'aws', region: 'us-east-1' } },
  {
    name: '--target aws --profile --region',
    flags: { target: 'aws', profile: 'prod', region: 'eu-west-1' },
    expected: { kind: 'aws', region: 'eu-west-1', profile: 'prod' },
  },
  {
    name: 'BULKHEAD_TARGET=aws with AWS_REGION',
    env: { BULKHEAD_TARGET: 'aws', AWS_REGION: 'eu-central-1' },
    expected: { kind: 'aws', region: 'eu-central-1' },
  },
  {
    name: '--endpoint',
    flags: { endpoint: URL_A },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', from: '--endpoint' },
  },
  {
    name: 'AWS_ENDPOINT_URL alone is honoured',
    env: { AWS_ENDPOINT_URL: URL_A },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', from: 'AWS_ENDPOINT_URL' },
  },
  {
    name: '--endpoint beats AWS_ENDPOINT_URL',
    flags: { endpoint: URL_B },
    env: { AWS_ENDPOINT_URL: URL_A },
    expected: { kind: 'endpoint', endpoint: URL_B, region: 'us-east-1', from: '--endpoint' },
  },
  {
    name: '--target aws --endpoint keeps the endpoint and the profile',
    flags: { target: 'aws', endpoint: URL_A, profile: 'dev' },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', profile: 'dev', from: '--endpoint' },
  },
  {
    name: 'BULKHEAD_TARGET=aws with --endpoint',
    flags: { endpoint: URL_A },
    env: { BULKHEAD_TARGET: 'aws' },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', from: '--endpoint' },
  },
  {
    name: '--target aws with AWS_ENDPOINT_URL',
    flags: { target: 'aws' },
    env: { AWS_ENDPOINT_URL: URL_A, AWS_REGION: 'eu-west-2' },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'eu-west-2', from: 'AWS_ENDPOINT_URL' },
  },
  {
    name: '--target endpoint --endpoint',
    flags: { target: 'endpoint', endpoint: URL_A },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', from: '--endpoint' },
  },
  {
    name: '--endpoint --profile',
    flags: { endpoint: URL_A, profile: 'moto' },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', profile: 'moto', from: '--endpoint' },
  },
  {
    name: '--target local beats AWS_ENDPOINT_URL',
    flags: { target: 'local' },
    env: { AWS_ENDPOINT_URL: URL_A },
    expected: { kind: 'local' },
  },
  {
    name: '--endpoint beats BULKHEAD_TARGET=local',
    flags: { endpoint: URL_A },
    env: { BULKHEAD_TARGET: 'local' },
    expected: { kind: 'endpoint', endpoint: URL_A, region: 'us-east-1', from: '--endpoint' },
  },
  {
    name: '--target local --endpoint contradict',
    flags: { target: 'local', endpoint: URL_A },
    expected: /--target local and --endpoint contradict/,
  },
  {
    name: 'BULKHEAD_TARGET=local and AWS_ENDPOINT_URL contradict',
    env: { BULKHEAD_TARGET: 'local', AWS_ENDPOINT_URL: URL_A },
    expected: /BULKHEAD_TARGET=local and AWS_ENDPOINT_URL contradict/,
  },
  { name: 'unknown --target', flags: { target: 'prod' }, expected: /--target "prod" is not a target/ },
  { name: 'a near miss gets a suggestion', flags: { target: 'aws2' }, expected: /--target "aws2" is not a target/ },
  {
    name: 'unknown BULKHEAD_TARGET',
    env: { BULKHEAD_TARGET: 'moto' },
    expected: /BULKHEAD_TARGET "moto" is not a target/,
  },
  {
    name: '--target endpoint without one',
    flags: { target: 'endpoint' },
    expected: /--target endpoint needs an endpoint/,
  },
  {
    name: '--profile with the local cloud',
    flags: { profile: 'prod' },
    expected: /--profile applies to --target aws and --endpoint/,
  },
  {
    name: '--profile with --target local',
    flags: { target: 'local', profile: 'prod' },
    expected: /--profile applies to --target aws and --endpoint/,
  },
  {
    name: 'an endpoint without a scheme',
    flags: { endpoint: 'localhost:4566' },
    expected: /--endpoint "localhost:4566" is not an http/,
  },
  {
    name: 'a bare host and port',
    flags: { endpoint: '127.0.0.1:4566' },
    expected: /--endpoint "127\.0\.0\.1:4566" is not an http/,
  },
  {
    name: 'another scheme',
    flags: { target: 'aws', endpoint: 'ftp://host' },
    expected: /--endpoint "ftp:\/\/host" is not an http/,
  },
  {
    name: 'a bad AWS_ENDPOINT_URL',
    env: { AWS_ENDPOINT_URL: 'moto:5000' },
    expected: /AWS_ENDPOINT_URL "moto:5000" is not an http/,
  },
];

describe('the target resolved from flags and environment', () => {
  it.each(CASES)('$name', ({ flags = {}, env = {}, expected }) => {
    if (expected instanceof RegExp) {
      let caught: unknown;
      try {
        resolveTargetRequest(flags, env);
      } catch (err) {
        caught = err;
      }
      expect(BulkheadError.is(caught) && caught.code).toBe('usage');
      expect((caught as Error).message).toMatch(expected);
    } else {
      expect(resolveTargetRequest(flags, env)).toEqual(expected);
    }
  });

  it('suggests the target a near miss meant', () => {
    expect(() => resolveTargetRequest({ target: 'aws2' }, {})).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/did you mean `aws`/) }),
    );
  });
});

describe('target mistakes on the command line are usage errors (exit 2), before anything is sent', () => {
  it.each([
    [['show', '--endpoint', 'localhost:4566'], /is not an http:\/\/ or https:\/\/ URL/],
    [['show', '--target', 'local', '--endpoint', URL_A], /contradict/],
    [['show', '--target', 'staging'], /--target "staging" is not a target/],
    [['show', '--profile', 'prod'], /--profile applies to --target aws and --endpoint/],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
