import { resolve } from 'node:path';
import { say, type IoHost } from '../core/events.js';
import { DEFAULT_DATA_DIR } from '../local-cloud/defaults.js';
import { createClients, type AwsClients, type ClientOptions } from '../providers/aws/clients.js';
import { describeTarget, type Target } from '../providers/aws/target.js';
import { resolveTargetRequest } from '../providers/aws/target-request.js';

export interface TargetOptions {
  /** `local` (default) or `aws`; BULKHEAD_TARGET sets the default. */
  target?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack, a local cloud elsewhere); AWS_ENDPOINT_URL sets the default. */
  endpoint?: string;
  /** An AWS profile, for `aws` and endpoint targets (AWS_PROFILE works too). */
  profile?: string;
  region?: string;
  /** The local cloud's data folder. */
  dataDir?: string;
  clientOptions?: ClientOptions;
  /** The environment the target is resolved from; process.env unless given (tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface Connection {
  target: Target;
  description: string;
  clients: AwsClients;
  close(): Promise<void>;
}

/**
 * Resolves where to send calls (see resolveTargetRequest: never something other than what was
 * asked) and builds the clients. The local cloud is the default: a running one (found through its
 * data folder) is used, otherwise one starts in this process on a free port. Endpoint and AWS
 * targets use the SDK's default credential chain (AWS_* variables with session tokens, profiles, SSO).
 */
export async function connect(options: TargetOptions, io?: IoHost): Promise<Connection> {
  const request = resolveTargetRequest(options, options.env ?? process.env);
  let target: Target;
  let stop = async () => {};
  if (request.kind === 'local') {
    const { findRunningLocalCloud, startLocalCloud } = await import('../local-cloud/index.js');
    const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    const running = findRunningLocalCloud(dataDir);
    if (running) {
      target = { kind: 'local', endpoint: running.endpoint, region: running.region, credentials: running.credentials };
    } else {
      const cloud = await startLocalCloud({ dataDir, port: 0 });
      if (io) say(io, 'target.local-cloud-started', `started the local cloud in this process (data ${dataDir})`);
      target = { kind: 'local', endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials };
      stop = () => cloud.close();
    }
  } else {
    target = request;
  }
  const clients = createClients(target, options.clientOptions);
  return {
    target,
    description: describeTarget(target),
    clients,
    async close() {
      clients.destroy();
      await stop();
    },
  };
}

/**
 * Runs `work` with the caller's connection (left open), or with one opened from `target` (or the
 * defaults) and closed afterwards, whatever happens.
 */
export async function withConnection<T>(
  options: { connection?: Connection; target?: TargetOptions; io: IoHost },
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  if (options.connection) return work(options.connection);
  const connection = await connect(options.target ?? {}, options.io);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
