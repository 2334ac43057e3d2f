import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { Target } from './target.js';
import { RateLimiter } from './rate-limiter.js';

export interface AwsClients {
  organizations: OrganizationsClient;
  sts: STSClient;
  /** Counts every request sent, for tests and the refresh benchmark. */
  calls: Map<string, number>;
  destroy(): void;
}

export interface ClientOptions {
  /** Client-side calls per second to Organizations (AWS throttles bursts). */
  ratePerSecond?: number;
  /** SDK attempts per call; throttling and 5xx are retried with backoff and jitter. */
  maxAttempts?: number;
}

type Middlewared = {
  middlewareStack: { add: (mw: unknown, opts: { step: 'initialize' | 'build'; name: string }) => void };
};

/** The one place that creates AWS SDK clients. Business code receives them, never builds them. */
export function createClients(target: Target, options: ClientOptions = {}): AwsClients {
  const base = {
    maxAttempts: options.maxAttempts ?? 8,
    retryMode: 'standard' as const,
    ...(target.kind === 'aws' ? {} : { endpoint: target.endpoint }),
    // Organizations and STS are global; the SDK signs Organizations for us-east-1 either way.
    region: target.kind === 'aws' ? (target.region ?? process.env['AWS_REGION'] ?? 'us-east-1') : target.region,
    ...(target.kind !== 'aws' && target.credentials ? { credentials: target.credentials } : {}),
    ...(target.kind === 'aws' && target.profile ? { profile: target.profile } : {}),
  };
  const calls = new Map<string, number>();
  const limiter = new RateLimiter(options.ratePerSecond ?? Number.POSITIVE_INFINITY);
  const organizations = new OrganizationsClient(base);
  const sts = new STSClient(base);
  for (const client of [organizations, sts] as unknown as Middlewared[]) {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const name = context.commandName?.replace(/Command$/, '') ?? 'unknown';
        calls.set(name, (calls.get(name) ?? 0) + 1);
        await limiter.take();
        return next(args);
      },
      { step: 'build', name: 'bulkheadRateLimit' },
    );
  }
  return {
    organizations,
    sts,
    calls,
    destroy() {
      organizations.destroy();
      sts.destroy();
    },
  };
}
