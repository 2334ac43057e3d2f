import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCloud, LocalCloudOptions } from '../../../src/local-cloud/index.js';
import { startLocalCloud } from '../../../src/local-cloud/index.js';

export interface FidelityCloud {
  cloud: LocalCloud;
  stop(): Promise<void>;
}

/**
 * The local cloud on an ephemeral port with a throw-away data directory. CreateAccount stays
 * asynchronous (default latency scaled down), so callers must poll as they would against AWS.
 */
export async function startFidelityCloud(options: Partial<LocalCloudOptions> = {}): Promise<FidelityCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bulkhead-fidelity-'));
  const cloud = await startLocalCloud({ timeScale: 0.1, ...options, dataDir });
  return {
    cloud,
    stop: async () => {
      try {
        await cloud.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
