import { randomUUID } from 'node:crypto';
import { BulkheadError } from '../core/errors.js';
import { ApiLog } from './api-log.js';
import { daemonLog } from './daemon-log.js';
import type { LocalCloudOptions, Quotas } from './config.js';
import { resolveConfig } from './config.js';
import { Dispatcher } from './dispatch.js';
import { FaultInjector } from './knobs/faults.js';
import { Throttler } from './knobs/throttle.js';
import { JobScheduler } from './scheduler.js';
import { closeServer, createHttpServer, listen } from './server.js';
import { SERVICES, TABLE_NAMES, VOLATILE_TABLE_NAMES } from './services/all.js';
import { seedState, pruneExpiredSessions, createStandaloneAccount } from './seed.js';
import { acquireLock, releaseLock, removeServerRecord, writeServerRecord } from './store/lock.js';
import { pruneSignIns } from './services/sso-oidc/prune.js';
import { Persistence } from './store/persistence.js';
import { ensurePrivateDir } from './store/private-files.js';
import { Store } from './store/store.js';

export type { LocalCloudOptions, Quotas };

export interface LocalCloudCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LocalCloud {
  endpoint: string;
  port: number;
  managementAccountId: string;
  credentials: LocalCloudCredentials;
  region: string;
  dataDir: string;
  /** Creates an AWS account outside any organization (to invite), with root credentials. */
  createStandaloneAccount(input: {
    email: string;
    name: string;
  }): Promise<{ accountId: string; credentials: LocalCloudCredentials }>;
  close(): Promise<void>;
}

/** Starts the local cloud on 127.0.0.1. Refuses when another live server holds the data directory. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const config = resolveConfig(options);
  ensurePrivateDir(config.dataDir);
  const lockToken = randomUUID();
  acquireLock(config.dataDir, lockToken);
  let persistence: Persistence | undefined;
  try {
    const store = new Store(TABLE_NAMES, VOLATILE_TABLE_NAMES);
    persistence = new Persistence(config.dataDir, { log: (message) => daemonLog(config.dataDir, message) });
    persistence.load(store);
    const meta = seedState(store);
    pruneExpiredSessions(store, Date.now());
    pruneSignIns(store, Date.now());
    persistence.commit(store.takePending(), store);
    const p = persistence;
    const scheduler = new JobScheduler(store, p, config, SERVICES);
    const apiLog = new ApiLog(config.dataDir);
    let endpoint = '';
    const dispatcher = new Dispatcher({
      config,
      store,
      persistence: p,
      services: SERVICES,
      throttler: new Throttler(config.throttle),
      faults: config.faults === undefined ? undefined : new FaultInjector(config.faults),
      apiLog,
      schedule: (job) => scheduler.schedule(job),
      endpoint: () => endpoint,
    });
    let ownHosts: readonly string[] = [];
    const server = createHttpServer(dispatcher, {
      health: () => ({ status: 'ok', pid: process.pid, managementAccountId: meta.managementAccountId }),
      ownHosts: () => ownHosts,
    });
    const port = await listen(server, config.port, config.host);
    // Its loopback address, and `localhost` (which no other site's DNS can claim).
    ownHosts = [`${config.host}:${port}`, `localhost:${port}`];
    scheduler.restore();
    endpoint = `http://${config.host}:${port}`;
    const admin = store.get('accessKeys', meta.adminAccessKeyId);
    if (admin === undefined)
      throw new BulkheadError('local-cloud-state', 'the admin access key is missing from the local cloud state', {
        source: 'internal',
      });
    const credentials = { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey };
    writeServerRecord(config.dataDir, {
      pid: process.pid,
      port,
      host: config.host,
      endpoint,
      region: config.region,
      managementAccountId: meta.managementAccountId,
      ...credentials,
      startedAt: new Date().toISOString(),
    });
    let closed = false;
    return {
      endpoint,
      port,
      managementAccountId: meta.managementAccountId,
      credentials,
      region: config.region,
      dataDir: config.dataDir,
      createStandaloneAccount: (input) => {
        const created = createStandaloneAccount(store, input.email, input.name, Date.now());
        p.commit(store.takePending(), store);
        return Promise.resolve(created);
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await closeServer(server);
        // After the last call is answered, so its events are in the delivery.
        scheduler.flushAndStop();
        p.close(store);
        await apiLog.close();
        removeServerRecord(config.dataDir, process.pid);
        releaseLock(config.dataDir, lockToken);
      },
    };
  } catch (err) {
    releaseLock(config.dataDir, lockToken);
    throw err;
  }
}

export type { RunningLocalCloud } from './discovery.js';
export { findRunningLocalCloud, resetLocalCloud } from './discovery.js';
export { DEFAULT_DATA_DIR, DEFAULT_PORT } from './defaults.js';
export { startDetachedLocalCloud, stopLocalCloud } from './daemon-control.js';
