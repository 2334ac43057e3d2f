import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { say, type IoHost } from '../core/events.js';
import { DEFAULT_DATA_DIR } from '../local-cloud/defaults.js';
import { createClients, type AwsClients, type ClientOptions } from '../providers/aws/clients.js';
import { describeTarget, type Target } from '../providers/aws/target.js';

export interface TargetOptions {
  /** `local` (default) or `aws`; BULKHEAD_TARGET sets the default. */
  target?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack, a local cloud elsewhere); AWS_ENDPOINT_URL sets the default. */
  endpoint?: string;
  profile?: string;
  region?: string;
  /** The local cloud's data folder. */
  dataDir?: string;
  clientOptions?: ClientOptions;
}

export interface Connection {
  target: Target;
  description: string;
  clients: AwsClients;
  close(): Promise<void>;
}

function envCredentials(): { accessKeyId: string; secretAccessKey: string } | undefined {
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

/**
 * Resolves where to send calls and builds the clients. The local cloud is the default: a running
 * one (found through its data folder) is used, otherwise one starts in this process on a free port.
 */
export async function connect(options: TargetOptions, io?: IoHost): Promise<Connection> {
  const endpoint = options.endpoint ?? process.env['AWS_ENDPOINT_URL'];
  const kind = options.target ?? process.env['BULKHEAD_TARGET'] ?? (options.endpoint ? 'endpoint' : 'local');
  let target: Target;
  let stop = async () => {};
  if (kind === 'aws') {
    target = {
      kind: 'aws',
      ...(options.region ? { region: options.region } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    };
  } else if (kind === 'endpoint' || (kind !== 'local' && endpoint)) {
    if (!endpoint) throw new UsageError('--target endpoint needs --endpoint URL');
    const credentials = envCredentials();
    target = {
      kind: 'endpoint',
      endpoint,
      region: options.region ?? process.env['AWS_REGION'] ?? 'us-east-1',
      ...(credentials ? { credentials } : {}),
    };
  } else if (kind === 'local') {
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
    throw new UsageError(
      `unknown target "${kind}"`,
      'use --target local (the default) or --target aws, or --endpoint URL',
    );
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
