import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { RecordingHandler } from './recording-handler.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Clients {
  org: OrganizationsClient;
  iam: IAMClient;
  sts: STSClient;
}

/** SDK v3 clients for one endpoint and one identity; no retries, so every answer is the server's first. */
export function sdkClients(
  endpoint: string,
  region: string,
  credentials: Credentials,
  requestHandler?: RecordingHandler,
): Clients {
  const config = {
    endpoint,
    region,
    credentials,
    maxAttempts: 1,
    ...(requestHandler === undefined ? {} : { requestHandler }),
  };
  return { org: new OrganizationsClient(config), iam: new IAMClient(config), sts: new STSClient(config) };
}

/** The AWS error a call fails with (code, Reason, HTTP status); throws if the call succeeds. */
export async function errorOf(call: Promise<unknown>): Promise<{ code: string; reason?: string; status?: number }> {
  try {
    await call;
  } catch (err) {
    const e = err as { name: string; Reason?: string; $metadata?: { httpStatusCode?: number } };
    return {
      code: e.name,
      ...(e.Reason === undefined ? {} : { reason: e.Reason }),
      status: e.$metadata?.httpStatusCode,
    };
  }
  throw new Error('expected an AWS error, but the call succeeded');
}

/** Polls `check` every 25 ms until it returns a value; fails after `timeoutMs`. */
export async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
