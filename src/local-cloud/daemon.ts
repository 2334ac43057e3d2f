/**
 * Entry point of a detached local cloud (`bulkhead local start --detach`): options arrive as JSON
 * in argv[2]; SIGTERM or SIGINT closes the server cleanly. Errors go to stderr, which the parent
 * points at `daemon.log` in the data directory.
 */
import type { LocalCloudOptions } from './config.js';
import { startLocalCloud } from './index.js';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as LocalCloudOptions;
  const cloud = await startLocalCloud(options);
  const shutdown = (): void => {
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
