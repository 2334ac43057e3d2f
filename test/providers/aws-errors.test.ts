import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { BulkheadError } from '../../src/core/errors.js';
import { createClients } from '../../src/providers/aws/clients.js';
import { explainAwsError } from '../../src/providers/aws/errors.js';
import type { Target } from '../../src/providers/aws/target.js';
import { runCli } from '../cli/run-cli.js';

// Real SDK errors: an HTTP server answers the way AWS does (awsJson1_1 error bodies), and real
// config files name profiles that do not exist or need an SSO login.
interface Answer {
  status: number;
  type: string;
  message: string;
}
let answer: Answer = { status: 500, type: 'ServiceException', message: 'boom' };
let server: Server;
let endpoint: string;
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-errors-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (answer.type === 'html') {
        // What moto's server sends for an operation it does not implement.
        res.writeHead(answer.status, { 'content-type': 'text/html' });
        res.end(`<!doctype html><title>${answer.message}</title>`);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' });
      res.end(JSON.stringify({ __type: answer.type, message: answer.message }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => vi.unstubAllEnvs());

async function failure(target: Target, maxAttempts = 1): Promise<unknown> {
  const clients = createClients(target, { maxAttempts });
  try {
    await clients.organizations.send(new ListRootsCommand({}));
  } catch (err) {
    return explainAwsError(err);
  } finally {
    clients.destroy();
  }
  throw new Error('the call succeeded');
}

const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const withKeys = (): Target => ({ kind: 'endpoint', endpoint, region: 'us-east-1', credentials: keys });

describe('AWS service errors get a hint that fits the cause', () => {
  it.each([
    [{ status: 500, type: 'ServiceException', message: 'internal' }, 'aws-unavailable', /AWS is failing; .*run again/],
    [{ status: 503, type: 'ServiceUnavailableException', message: 'later' }, 'aws-unavailable', /run again/],
    [{ status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }, 'aws-throttled', /AWS is throttling/],
    [{ status: 400, type: 'TooManyRequestsException', message: 'slow down' }, 'aws-throttled', /AWS is throttling/],
  ])('%j: %s, never "check the credentials"', async (given, code, hint) => {
    answer = given;
    const err = await failure(withKeys(), 2);
    expect(BulkheadError.is(err) && err.code).toBe(code);
    const e = err as BulkheadError;
    expect(e.message).toContain(`${given.type}: ${given.message}`);
    expect(e.message).toContain('after 2 attempts');
    expect(e.hint).toMatch(hint);
    expect(e.hint).not.toMatch(/check the credentials|permissions/);
  });

  it.each([
    [{ status: 403, type: 'AccessDeniedException', message: 'not authorized' }, 'access-denied', /permissions/],
    [
      { status: 400, type: 'UnrecognizedClientException', message: 'bad key' },
      'credentials-invalid',
      /AWS_ACCESS_KEY_ID/,
    ],
    [{ status: 400, type: 'ExpiredTokenException', message: 'expired' }, 'credentials-expired', /aws sso login/],
    [{ status: 400, type: 'InvalidInputException', message: 'no' }, 'aws-error', /run again when the cause is fixed/],
  ])('%j: %s', async (given, code, hint) => {
    answer = given;
    const err = (await failure(withKeys())) as BulkheadError;
    expect(BulkheadError.is(err) && err.code).toBe(code);
    expect(err.message).toContain(given.message);
    expect(err.hint).toMatch(hint);
  });
});

describe('an endpoint that does not answer as AWS', () => {
  it('an HTML page instead of an AWS answer says the endpoint may not implement the call, not that AWS is failing', async () => {
    answer = { status: 500, type: 'html', message: '500 Internal Server Error' };
    const err = (await failure(withKeys())) as BulkheadError;
    expect(BulkheadError.is(err) && err.code).toBe('endpoint-not-aws');
    expect(err.message).toMatch(/not an AWS response \(HTTP 500/);
    expect(err.hint).toMatch(/may not implement every call/);
    expect(err.hint).not.toMatch(/AWS is failing/);
  });
});

describe('credential problems keep the SDK’s own words', () => {
  function useConfig(text: string): void {
    const home = mkdtempSync(join(dir, 'home-'));
    const config = join(home, 'config');
    writeFileSync(config, text);
    vi.stubEnv('HOME', home); // no ~/.aws/sso/cache here
    vi.stubEnv('AWS_CONFIG_FILE', config);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
  }
  const SSO = [
    '[profile admin]',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = AdministratorAccess',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    '',
  ].join('\n');

  it('an unknown profile is named, with the files searched', async () => {
    useConfig('[profile dev]\nregion = us-east-1\n');
    const err = (await failure({ kind: 'endpoint', endpoint, region: 'us-east-1', profile: 'prod' })) as BulkheadError;
    expect(err.code).toBe('unknown-profile');
    expect(err.message).toMatch(/the AWS profile "prod" is not defined in .*config or .*credentials/);
    expect(err.message).toContain('Could not load credentials from any providers');
    expect(err.hint).toMatch(/aws configure list-profiles/);
  });

  it('an SSO profile without a token: the SDK says to log in, the hint names the profile', async () => {
    useConfig(SSO);
    const err = (await failure({ kind: 'endpoint', endpoint, region: 'us-east-1', profile: 'admin' })) as BulkheadError;
    expect(err.code).toBe('sso-login-needed');
    expect(err.message).toMatch(/SSO session token associated with profile=admin was not found or is invalid/);
    expect(err.hint).toBe('run `aws sso login --profile admin` and run Bulkhead again');
  });

  it('the CLI prints it with exit 1, and AWS_PROFILE counts as the profile', async () => {
    useConfig(SSO);
    vi.stubEnv('AWS_PROFILE', 'admin');
    const r = await runCli(['show', '--endpoint', endpoint]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: the AWS credentials could not be loaded for profile "admin": The SSO session token/,
    );
    expect(r.stderr).toMatch(/hint: run `aws sso login --profile admin`/);
  });
});
