import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCli } from '../support/fidelity/aws-cli.js';
import { awsCli } from '../support/fidelity/aws-cli.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { requireTool } from '../support/fidelity/tools.js';

/*
 * The AWS CLI's high-level `s3` commands (cp, ls, rm --recursive) and `s3api` calls, and boto3's paginator, against the
 * local cloud's S3: what a user reading trail logs with their own tools does.
 */

/** Each CLI run starts a Python interpreter (seconds on a loaded machine); these scenarios run a dozen. */
const CLI_TIMEOUT = 240_000;

let fc: FidelityCloud;
let cli: AwsCli;
let work: string;
const ok = async (args: string[]): Promise<string> => {
  const r = await cli.run(args);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
};

beforeAll(async () => {
  fc = await startFidelityCloud();
  cli = awsCli(fc.cloud.endpoint, fc.cloud.region, fc.cloud.credentials);
  work = mkdtempSync(join(tmpdir(), 'bulkhead-s3-cli-'));
});

afterAll(async () => {
  cli.dispose();
  rmSync(work, { recursive: true, force: true });
  await fc.stop();
});

describe('aws s3 (AWS CLI v1)', () => {
  it(
    'makes a bucket, copies files up and down, lists and removes them recursively',
    async () => {
      expect(await ok(['s3', 'mb', 's3://cli-logs'])).toContain('make_bucket: cli-logs');
      const local = join(work, 'event log.json');
      writeFileSync(local, '{"Records":[]}');
      await ok(['s3', 'cp', local, 's3://cli-logs/AWSLogs/o-abc/111111111111/event log.json']);
      await ok(['s3', 'cp', local, 's3://cli-logs/AWSLogs/o-abc/222222222222/b.json']);
      const top = await ok(['s3', 'ls', 's3://cli-logs/AWSLogs/o-abc/']);
      expect(top).toMatch(/PRE 111111111111\//);
      expect(top).toMatch(/PRE 222222222222\//);
      const all = await ok(['s3', 'ls', 's3://cli-logs', '--recursive']);
      expect(all).toContain('AWSLogs/o-abc/111111111111/event log.json');
      const back = join(work, 'back.json');
      await ok(['s3', 'cp', 's3://cli-logs/AWSLogs/o-abc/111111111111/event log.json', back]);
      expect(readFileSync(back, 'utf8')).toBe('{"Records":[]}');
      const removed = await ok(['s3', 'rm', 's3://cli-logs', '--recursive']);
      expect(removed.match(/delete: /g)).toHaveLength(2);
      expect((await ok(['s3', 'ls', 's3://cli-logs', '--recursive'])).trim()).toBe('');
      await ok(['s3', 'rb', 's3://cli-logs']);
      expect(await ok(['s3', 'ls'])).not.toContain('cli-logs');
    },
    CLI_TIMEOUT,
  );

  it(
    's3api reads and writes bucket configuration as the CLI prints it',
    async () => {
      await ok(['s3api', 'create-bucket', '--bucket', 'cli-config']);
      const missing = await cli.run(['s3api', 'get-bucket-policy', '--bucket', 'cli-config']);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('(NoSuchBucketPolicy)');
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::cli-config/*' },
        ],
      });
      await ok(['s3api', 'put-bucket-policy', '--bucket', 'cli-config', '--policy', policy]);
      const got = await cli.json<{ Policy: string }>(['s3api', 'get-bucket-policy', '--bucket', 'cli-config']);
      expect(JSON.parse(got.Policy)).toEqual(JSON.parse(policy));
      await ok([
        's3api',
        'put-bucket-versioning',
        '--bucket',
        'cli-config',
        '--versioning-configuration',
        'Status=Enabled',
      ]);
      expect(await cli.json(['s3api', 'get-bucket-versioning', '--bucket', 'cli-config'])).toEqual({
        Status: 'Enabled',
      });
      const enc = await cli.json<{ ServerSideEncryptionConfiguration: { Rules: unknown[] } }>([
        's3api',
        'get-bucket-encryption',
        '--bucket',
        'cli-config',
      ]);
      expect(enc.ServerSideEncryptionConfiguration.Rules).toEqual([
        { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
      ]);
      await ok([
        's3api',
        'put-public-access-block',
        '--bucket',
        'cli-config',
        '--public-access-block-configuration',
        'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      ]);
      const pab = await cli.json(['s3api', 'get-public-access-block', '--bucket', 'cli-config']);
      expect(pab).toEqual({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      });
      const lock = await cli.run(['s3api', 'get-object-lock-configuration', '--bucket', 'cli-config']);
      expect(lock.stderr).toContain('(ObjectLockConfigurationNotFoundError)');
    },
    CLI_TIMEOUT,
  );
});

describe('boto3', () => {
  it(
    'puts objects and lists them with the paginator, page by page',
    async () => {
      requireTool('botocore');
      const script = join(import.meta.dirname, '..', 'support', 'fidelity', 's3-boto3-scenario.py');
      const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
      // Asynchronously: the local cloud answers from this very process.
      const r = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn('python3', [script, 'boto3-logs'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: CLI_TIMEOUT,
          killSignal: 'SIGKILL',
          env: {
            ...baseEnv,
            BULKHEAD_S3_ENDPOINT: fc.cloud.endpoint,
            AWS_ACCESS_KEY_ID: fc.cloud.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: fc.cloud.credentials.secretAccessKey,
            AWS_DEFAULT_REGION: fc.cloud.region,
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.once('error', reject);
        child.once('close', () => resolve({ stdout, stderr }));
      });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as {
        pages: string[][];
        prefixes: string[];
        top: string[];
        body: unknown;
        missing: string;
      };
      expect(out.pages.map((p) => p.length)).toEqual([10, 10, 3]);
      expect(out.pages.flat()).toEqual(Array.from({ length: 23 }, (_, i) => `logs/${String(i).padStart(2, '0')}.json`));
      expect(out.prefixes).toEqual(['logs/']);
      expect(out.top).toEqual(['readme.txt']);
      expect(out.body).toEqual({ n: 7 });
      expect(out.missing).toBe('NoSuchKey');
    },
    CLI_TIMEOUT,
  );
});
