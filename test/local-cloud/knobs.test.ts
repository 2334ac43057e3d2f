import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness, tempDataDir } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function outcomes(faults: string, n: number): Promise<string[]> {
  h = await startHarness({ faults });
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await h.org.send(new DescribeOrganizationCommand({}));
      out.push('ok');
    } catch (err) {
      out.push((err as Error).name);
    }
  }
  await h.stop();
  h = undefined;
  return out;
}

describe('fault injection', () => {
  it('injects throttling and 5xx errors from a seeded PRNG, the same sequence for the same seed', async () => {
    const first = await outcomes('throttle=0.3,error5xx=0.2,seed=42', 60);
    const second = await outcomes('throttle=0.3,error5xx=0.2,seed=42', 60);
    expect(second).toEqual(first);
    expect(first).toContain('TooManyRequestsException');
    expect(first).toContain('ServiceException');
    const other = await outcomes('throttle=0.3,error5xx=0.2,seed=7', 60);
    expect(other).not.toEqual(first);
  });

  it('uses each protocol’s error codes', async () => {
    h = await startHarness({ faults: 'error5xx=1' });
    expect(await awsError(() => h!.org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'ServiceException',
      status: 500,
    });
    expect(await awsError(() => h!.iam.send(new ListRolesCommand({})))).toMatchObject({
      name: 'ServiceFailureException',
      status: 500,
    });
  });

  it('rejects unknown fault names', async () => {
    await expect(startHarness({ faults: 'explode=1' })).rejects.toThrow(/unknown fault "explode"/);
  });
});

describe('throttling', () => {
  it('answers an empty token bucket with TooManyRequestsException (Organizations) and Throttling (IAM), HTTP 400', async () => {
    h = await startHarness({ throttle: { ratePerSecond: 0.001, burst: 3 } });
    await h.org.send(new CreateOrganizationCommand({}));
    for (let i = 0; i < 3; i++) await h.org.send(new ListRootsCommand({}));
    expect(await awsError(() => h!.org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'TooManyRequestsException',
      status: 400,
    });
    // Buckets are per operation: another operation still has tokens.
    await h.org.send(new DescribeOrganizationCommand({}));
    for (let i = 0; i < 3; i++) await h.iam.send(new ListRolesCommand({}));
    expect(await awsError(() => h!.iam.send(new ListRolesCommand({})))).toMatchObject({
      name: 'Throttling',
      status: 400,
    });
  });
});

describe('API log', () => {
  it('appends one JSON line per call with account, principal, operation and result', async () => {
    const dir = tempDataDir();
    h = await startHarness({ dataDir: dir });
    await h.org.send(new CreateOrganizationCommand({}));
    await awsError(() => h!.org.send(new CreateOrganizationCommand({})));
    const mgmt = h.cloud.managementAccountId;
    await h.stop();
    h = undefined;
    const lines = readFileSync(join(dir, 'api-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      service: 'organizations',
      operation: 'CreateOrganization',
      account: mgmt,
      principal: `arn:aws:iam::${mgmt}:root`,
      status: 200,
      result: 'OK',
    });
    expect(lines[1]).toMatchObject({
      operation: 'CreateOrganization',
      status: 400,
      result: 'AlreadyInOrganizationException',
    });
    expect(lines[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    rmSync(dir, { recursive: true, force: true });
  });
});
