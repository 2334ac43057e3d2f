import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/local-cloud/index.js';
import { createClients } from '../../src/providers/aws/clients.js';
import type { Target } from '../../src/providers/aws/target.js';
import type { Connection } from '../../src/toolkit/connect.js';

/** A fresh local cloud in a temporary folder and a connection to it, as `--target local` makes. */
export async function freshLocalCloud(options: Partial<LocalCloudOptions> = {}): Promise<{ cloud: LocalCloud; connection: Connection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-'));
  const cloud = await startLocalCloud({ dataDir: join(dir, 'cloud'), port: 0, fast: true, ...options });
  const target: Target = { kind: 'local', endpoint: cloud.endpoint, region: cloud.region, credentials: cloud.credentials };
  const clients = createClients(target);
  return {
    cloud,
    dir,
    connection: { target, description: `local cloud at ${cloud.endpoint}`, clients, close: async () => clients.destroy() },
  };
}
