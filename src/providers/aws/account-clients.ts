import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { BulkheadError } from '../../core/errors.js';
import type { StaticCredentials } from './target.js';

/** The role AWS Organizations creates in every account it creates. */
export const DEFAULT_ACCOUNT_ROLE = 'OrganizationAccountAccessRole';

/** Temporary credentials with the time they stop working. */
export interface SessionCredentials extends StaticCredentials {
  sessionToken: string;
  expiration: Date;
}

/** The configuration every SDK client of a target shares (endpoint, region, retries); credentials come per account. */
export interface SdkClientBase {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
}

type SdkClientConfig = SdkClientBase & { credentials: () => Promise<SessionCredentials> };
interface Destroyable {
  destroy(): void;
}

/** SDK clients that act inside one member account, as the assumed role. */
export interface AccountClients {
  accountId: string;
  roleArn: string;
  sts: STSClient;
  /** Any other SDK client for this account (IAM, SSO Admin, …), built once per class and region (default: the target's). */
  client<C extends Destroyable>(ctor: new (config: SdkClientConfig) => C, region?: string): C;
  /** Whether the target is an endpoint (the local cloud, moto) rather than AWS: S3 then needs path-style URLs. */
  customEndpoint: boolean;
  /** The role session's credentials, assumed again shortly before they expire. */
  credentials(): Promise<SessionCredentials>;
}

export interface ForAccountOptions {
  /** A role name, optionally with its path (`deploy/Bulkhead`); default OrganizationAccountAccessRole. */
  roleName?: string;
  /** Assume from these credentials instead of the target's (the management account's). */
  from?: StaticCredentials;
  sessionName?: string;
  /** 900 s to the role's MaxSessionDuration; 1 hour by default. */
  durationSeconds?: number;
}

export interface AccountClientFactoryOptions {
  base: SdkClientBase;
  /** The target's own STS client: the management account's credentials. */
  sts: STSClient;
  /** Adds call counting (and anything else the factory puts on every client). */
  instrument(client: unknown): void;
  now?: () => number;
}

/** Credentials are renewed this long before they expire, as the SDK's own providers do. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Per-account clients from the one factory, modelled on CDK's SdkProvider.forEnvironment: assume a
 * role in the account (from the management account's credentials or given ones), cache the clients
 * per account, role and source, and assume again before the session expires. Works the same for
 * AWS, an endpoint and the local cloud (which implements AssumeRole and the role's trust policy).
 */
export class AccountClientFactory {
  private readonly cache = new Map<string, Promise<AccountClients>>();
  private readonly built: Destroyable[] = [];
  private readonly now: () => number;

  constructor(private readonly options: AccountClientFactoryOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The clients for `accountId`; the first call assumes the role, so a refused role fails here. */
  forAccount(accountId: string, options: ForAccountOptions = {}): Promise<AccountClients> {
    if (!/^\d{12}$/.test(accountId)) {
      return Promise.reject(new BulkheadError('bad-account-id', `"${accountId}" is not a 12-digit account id`));
    }
    const roleName = (options.roleName ?? DEFAULT_ACCOUNT_ROLE).replace(/^\/+/, '');
    const key = `${accountId}/${roleName}/${options.from?.accessKeyId ?? ''}`;
    let entry = this.cache.get(key);
    if (entry === undefined) {
      entry = this.build(accountId, roleName, options);
      this.cache.set(key, entry);
      entry.catch(() => this.cache.delete(key));
    }
    return entry;
  }

  destroy(): void {
    for (const client of this.built.splice(0)) client.destroy();
    this.cache.clear();
  }

  private async build(accountId: string, roleName: string, options: ForAccountOptions): Promise<AccountClients> {
    const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
    const source = options.from
      ? this.track(new STSClient({ ...this.options.base, credentials: options.from }))
      : undefined;
    if (source) this.options.instrument(source);
    const assumer = source ?? this.options.sts;
    const assume = async (): Promise<SessionCredentials> => {
      const res = await assumer.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: options.sessionName ?? 'bulkhead',
          ...(options.durationSeconds ? { DurationSeconds: options.durationSeconds } : {}),
        }),
      );
      const c = res.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
        throw new BulkheadError('assume-role-no-credentials', `AssumeRole of ${roleArn} returned no credentials`, {
          source: 'aws',
        });
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    };
    const credentials = renewing(assume, this.now);
    await credentials();
    const config: SdkClientConfig = { ...this.options.base, credentials };
    const byClass = new Map<unknown, Map<string, Destroyable>>();
    const client = <C extends Destroyable>(ctor: new (config: SdkClientConfig) => C, region = config.region): C => {
      const byRegion = byClass.get(ctor) ?? new Map<string, Destroyable>();
      byClass.set(ctor, byRegion);
      let made = byRegion.get(region) as C | undefined;
      if (made === undefined) {
        made = this.track(new ctor({ ...config, region }));
        this.options.instrument(made);
        byRegion.set(region, made);
      }
      return made;
    };
    const customEndpoint = this.options.base.endpoint !== undefined;
    return { accountId, roleArn, sts: client(STSClient), client, credentials, customEndpoint };
  }

  private track<C extends Destroyable>(client: C): C {
    this.built.push(client);
    return client;
  }
}

/** A provider that keeps one session and assumes again (once, however many callers wait) near its expiry. */
function renewing(assume: () => Promise<SessionCredentials>, now: () => number): () => Promise<SessionCredentials> {
  let current: SessionCredentials | undefined;
  let pending: Promise<SessionCredentials> | undefined;
  return () => {
    if (current !== undefined && current.expiration.getTime() - now() > REFRESH_MARGIN_MS) {
      return Promise.resolve(current);
    }
    pending ??= assume()
      .then((fresh) => (current = fresh))
      .finally(() => (pending = undefined));
    return pending;
  };
}
