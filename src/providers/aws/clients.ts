import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { Target } from './target.js';
import { RateLimiter } from './rate-limiter.js';
import {
  AccountClientFactory,
  type AccountClients,
  type ForAccountOptions,
  type SdkClientBase,
} from './account-clients.js';
import { credentialsError, isCredentialsProviderError } from './errors.js';
import { reportRetries, type RetryNotice } from './retry-events.js';
import { recordFailure, scopeOf } from './send-scope.js';
import { scopedView } from './scoped-clients.js';

export interface AwsClients {
  organizations: OrganizationsClient;
  sts: STSClient;
  /**
   * An IAM Identity Center client (sso-admin, identitystore: `identity-center/clients.ts`) in the home region, built
   * once per class, under the collective rate Identity Center allows.
   */
  inIdentityCenter<C extends { destroy(): void }>(ctor: new (config: SdkClientBase) => C): C;
  /** The region Identity Center's clients talk to: the spec's home region once known, else the target's. */
  readonly homeRegion: string;
  useHomeRegion(region: string): void;
  /** Any other SDK client of the target's own (management) account in the home region, built once per class. */
  inHomeRegion<C extends { destroy(): void }>(ctor: new (config: SdkClientBase & { profile?: string }) => C): C;
  /** Clients acting inside a member account through an assumed role (default OrganizationAccountAccessRole), cached. */
  forAccount(accountId: string, options?: ForAccountOptions): Promise<AccountClients>;
  /**
   * Any other SDK client (CloudTrail, S3, …) with the target's own credentials and endpoint, built once per class (and
   * region: default the target's).
   */
  client<C extends { destroy(): void }>(ctor: new (config: SdkClientBase) => C, region?: string): C;
  /** Counts every request sent, for tests and the refresh benchmark. */
  calls: Map<string, number>;
  /**
   * Runs `work` with a view of these clients and counts the requests sent through that view, and only those (others
   * may run meanwhile).
   */
  counted<T>(work: (clients: AwsClients) => Promise<T>): Promise<{ value: T; calls: number }>;
  /** The same clients, whose requests are sent for `change`: the SDK's retries of them name it (RetryNotice). */
  forChange(change: string): AwsClients;
  /** The clients every view (counted, forChange) is of: the key of what is cached per connection. */
  readonly origin: AwsClients;
  /** Hears about every SDK retry (throttling, 5xx, network) before its wait; returns an unsubscribe. */
  onRetry(listener: (notice: RetryNotice) => void): () => void;
  destroy(): void;
}

export interface ClientOptions {
  /** Client-side calls per second to Organizations (AWS throttles bursts). */
  ratePerSecond?: number;
  /** SDK attempts per call; throttling and 5xx are retried with backoff and jitter. */
  maxAttempts?: number;
  /** Client-side calls per second to sso-admin and identitystore together (default: SSO_ADMIN_TPS on AWS). */
  ssoRatePerSecond?: number;
  /** The clock the per-account sessions are renewed by (tests). */
  now?: () => number;
}

/**
 * IAM Identity Center's admin and identity-store APIs share one collective throttle of 20
 * transactions per second (the "Throttle limits" of the IAM Identity Center quotas page,
 * docs.aws.amazon.com/singlesignon/latest/userguide/limits.html): against AWS, Bulkhead stays under
 * it on its own side instead of being throttled and backing off.
 */
export const SSO_ADMIN_TPS = 20;

type Middlewared = {
  middlewareStack: {
    add: (mw: unknown, opts: { step: 'initialize' | 'build' | 'finalizeRequest'; name: string }) => void;
  };
};

type Next = (args: unknown) => Promise<unknown>;
type Context = { commandName?: string };

const commandName = (context: Context) => context.commandName?.replace(/Command$/, '') ?? 'unknown';

/** The profile the SDK's credential chain reads, when it reads one. */
function profileOf(target: Target): string | undefined {
  if (target.kind === 'local' || (target.kind === 'endpoint' && target.credentials)) return undefined;
  return target.profile ?? (process.env['AWS_PROFILE'] || undefined);
}

function baseConfig(target: Target, maxAttempts: number): SdkClientBase & { profile?: string } {
  return {
    maxAttempts,
    retryMode: 'standard' as const,
    ...(target.kind === 'aws' ? {} : { endpoint: target.endpoint }),
    // Organizations and STS are global; the SDK signs Organizations for us-east-1 either way.
    region: target.kind === 'aws' ? (target.region ?? process.env['AWS_REGION'] ?? 'us-east-1') : target.region,
    ...(target.kind !== 'aws' && target.credentials ? { credentials: target.credentials } : {}),
    // Without static credentials the SDK's default chain runs: env (with AWS_SESSION_TOKEN), SSO, profiles, …
    ...(target.kind !== 'local' && target.profile ? { profile: target.profile } : {}),
    // … and its own SSO, SSO OIDC and STS clients must reach the same endpoint (an SSO profile on the local cloud).
    ...(target.kind === 'endpoint' && !target.credentials
      ? {
          credentials: defaultProvider({
            ...(target.profile ? { profile: target.profile } : {}),
            clientConfig: { endpoint: target.endpoint },
          }),
        }
      : {}),
  };
}

/** The one place that creates AWS SDK clients. Business code receives them, never builds them. */
export function createClients(target: Target, options: ClientOptions = {}): AwsClients {
  const base = baseConfig(target, options.maxAttempts ?? 8);
  const calls = new Map<string, number>();
  const limiter = new RateLimiter(options.ratePerSecond ?? Number.POSITIVE_INFINITY);
  const ssoLimiter = new RateLimiter(
    options.ssoRatePerSecond ?? (target.kind === 'aws' ? SSO_ADMIN_TPS : Number.POSITIVE_INFINITY),
  );
  const profile = profileOf(target);
  const listeners = new Set<(notice: RetryNotice) => void>();
  const instrument = (client: unknown, limited: boolean | RateLimiter): void => {
    const bucket = limited === true ? limiter : limited === false ? undefined : limited;
    const stack = (client as Middlewared).middlewareStack;
    reportRetries(client, (notice) => listeners.forEach((l) => l(notice)));
    stack.add(
      (next: Next, context: Context) => async (args: unknown) => {
        const name = commandName(context);
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const counter = scopeOf(context)?.counter;
        if (counter) counter.calls++;
        if (bucket) await bucket.take();
        return next(args);
      },
      { step: 'build', name: 'bulkheadRateLimit' },
    );
    // Inside the SDK's retry loop (after its retryMiddleware, of priority high): each failed attempt is marked with
    // its command and change, which the retry strategy (retry-events.ts) reads off the error.
    stack.add(
      (next: Next, context: Context) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (err) {
          const change = scopeOf(context)?.change;
          recordFailure(err, { command: commandName(context), ...(change !== undefined ? { change } : {}) });
          throw err;
        }
      },
      { step: 'finalizeRequest', name: 'bulkheadAttemptFailure' },
    );
    // The credentials are resolved in the serialize step, so the first step sees their failure: say which profile failed.
    stack.add(
      (next: Next) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (err) {
          throw isCredentialsProviderError(err) ? credentialsError(err, profile) : err;
        }
      },
      { step: 'initialize', name: 'bulkheadCredentialsError' },
    );
  };
  const organizations = new OrganizationsClient(base);
  const sts = new STSClient(base);
  for (const client of [organizations, sts]) instrument(client, true);
  const { credentials: _static, profile: _profile, ...shared } = base as typeof base & { credentials?: unknown };
  const accounts = new AccountClientFactory({
    base: shared,
    sts,
    instrument: (client) => instrument(client, false),
    ...(options.now ? { now: options.now } : {}),
  });
  const own = new Map<unknown, { destroy(): void }>();
  let homeRegion = base.region;
  // Clients of the home region, by class: those of Identity Center share its rate limiter.
  const regional = new Map<unknown, { destroy(): void }>();
  const homeClient = <C extends { destroy(): void }>(
    ctor: new (config: SdkClientBase) => C,
    limited: false | RateLimiter,
  ): C => {
    let made = regional.get(ctor) as C | undefined;
    if (made === undefined) {
      made = new ctor({ ...base, region: homeRegion });
      instrument(made, limited);
      regional.set(ctor, made);
    }
    return made;
  };
  const inHomeRegion = <C extends { destroy(): void }>(ctor: new (config: SdkClientBase) => C): C =>
    homeClient(ctor, false);
  const dropRegional = () => {
    for (const client of regional.values()) client.destroy();
    regional.clear();
  };
  const clients: AwsClients = {
    organizations,
    sts,
    inIdentityCenter: (ctor) => homeClient(ctor, ssoLimiter),
    get homeRegion() {
      return homeRegion;
    },
    useHomeRegion(region) {
      if (region === homeRegion) return;
      dropRegional();
      homeRegion = region;
    },
    inHomeRegion,
    forAccount: (accountId, forOptions) => accounts.forAccount(accountId, forOptions),
    client<C extends { destroy(): void }>(ctor: new (config: SdkClientBase) => C, region?: string): C {
      const key = region === undefined ? ctor : `${ctor.name}@${region}`;
      let made = own.get(key) as C | undefined;
      if (made === undefined) {
        made = new ctor(region === undefined ? base : { ...base, region });
        instrument(made, false);
        own.set(key, made);
      }
      return made;
    },
    calls,
    counted: (work) => scopedView(clients, {}).counted(work),
    forChange: (change) => scopedView(clients, { change }),
    get origin() {
      return clients;
    },
    onRetry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      accounts.destroy();
      for (const made of own.values()) made.destroy();
      own.clear();
      dropRegional();
      organizations.destroy();
      sts.destroy();
    },
  };
  return clients;
}
