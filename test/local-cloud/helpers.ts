import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { LocalCloud, LocalCloudCredentials, LocalCloudOptions } from '../../src/local-cloud/index.js';
import { startLocalCloud } from '../../src/local-cloud/index.js';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'bulkhead-lc-'));
}

export interface Harness {
  cloud: LocalCloud;
  dataDir: string;
  org: OrganizationsClient;
  iam: IAMClient;
  sts: STSClient;
  clientsFor(credentials: LocalCloudCredentials & { sessionToken?: string }): {
    org: OrganizationsClient;
    iam: IAMClient;
    sts: STSClient;
  };
  stop(): Promise<void>;
}

/** Starts a fast local cloud on an ephemeral port with SDK v3 clients pointed at it (no SDK retries, so errors surface). */
export async function startHarness(options: Partial<LocalCloudOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDataDir();
  const cloud = await startLocalCloud({ fast: true, ...options, dataDir });
  const clientsFor = (credentials: LocalCloudCredentials & { sessionToken?: string }) => {
    // A copy: the SDK annotates the credentials object it is given.
    const config = { endpoint: cloud.endpoint, region: cloud.region, credentials: { ...credentials }, maxAttempts: 1 };
    return { org: new OrganizationsClient(config), iam: new IAMClient(config), sts: new STSClient(config) };
  };
  const clients = clientsFor(cloud.credentials);
  return {
    cloud,
    dataDir,
    ...clients,
    clientsFor,
    stop: async () => {
      await cloud.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `fn` and returns the AWS error it throws (name, Reason, status), failing if it succeeds. */
export async function awsError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; message: string; Reason?: string; status?: number }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { name: string; message: string; Reason?: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.Reason === undefined ? {} : { Reason: e.Reason }),
      status: e.$metadata?.httpStatusCode,
    };
  }
  throw new Error('expected an AWS error, but the call succeeded');
}
