import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/local-cloud/index.js';
import { createClients } from '../../src/providers/aws/clients.js';
import type { Target } from '../../src/providers/aws/target.js';
import type { Connection } from '../../src/toolkit/connect.js';

/** A fresh local cloud in a temporary folder and a connection to it, as `--target local` makes. */
export async function freshLocalCloud(
  options: Partial<LocalCloudOptions> = {},
): Promise<{ cloud: LocalCloud; connection: Connection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-'));
  const cloud = await startLocalCloud({ dataDir: join(dir, 'cloud'), port: 0, fast: true, ...options });
  const target: Target = {
    kind: 'local',
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: cloud.credentials,
  };
  const clients = createClients(target);
  return {
    cloud,
    dir,
    connection: {
      target,
      description: `local cloud at ${cloud.endpoint}`,
      clients,
      close: async () => clients.destroy(),
    },
  };
}

export type LocalEnv = Awaited<ReturnType<typeof freshLocalCloud>>;

/**
 * A fresh local cloud with a template written to org.yaml and, unless `applied` is false, applied.
 * `useCredentials()` points AWS_ACCESS_KEY_ID/SECRET at the cloud for CLI runs with --endpoint;
 * `stop()` restores the variables and closes everything.
 */
export async function cloudWithTemplate(
  template: 'startup' | 'growth' | 'enterprise',
  options: { applied?: boolean } = {},
) {
  const env = await freshLocalCloud();
  const file = join(env.dir, 'org.yaml');
  const { init } = await import('../../src/toolkit/init.js');
  init({ template, file });
  if (options.applied !== false) {
    const { apply } = await import('../../src/toolkit/apply.js');
    const { RecordingIoHost } = await import('../../src/core/events.js');
    const result = await apply({
      yes: true,
      file,
      connection: env.connection,
      io: new RecordingIoHost(),
      pollDelayMs: () => 20,
    });
    if (result.failed.length > 0) throw new Error(`applying ${template} failed: ${JSON.stringify(result.failed)}`);
  }
  const saved = {
    AWS_ACCESS_KEY_ID: process.env['AWS_ACCESS_KEY_ID'],
    AWS_SECRET_ACCESS_KEY: process.env['AWS_SECRET_ACCESS_KEY'],
  };
  return {
    ...env,
    file,
    useCredentials() {
      process.env['AWS_ACCESS_KEY_ID'] = env.cloud.credentials.accessKeyId;
      process.env['AWS_SECRET_ACCESS_KEY'] = env.cloud.credentials.secretAccessKey;
    },
    async stop() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await env.connection.close();
      await env.cloud.close();
    },
  };
}
