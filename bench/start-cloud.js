// A local cloud in its own process (so the benchmark's memory is Bulkhead's alone), and connections to it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createClients } from '../dist/providers/aws/clients.js';

const bin = join(import.meta.dirname, '..', 'bin', 'bulkhead.js');

/** Starts `bulkhead local` on a free port with `flags`, its data in `work/name`. */
export function startCloud(work, name, flags) {
  const data = join(work, name);
  const started = spawnSync(
    process.execPath,
    [bin, 'local', 'start', '--detach', '--port', '0', '--data', data, ...flags],
    { encoding: 'utf8' },
  );
  if (started.status !== 0) throw new Error(`local start failed: ${started.stderr}`);
  const status = JSON.parse(
    spawnSync(process.execPath, [bin, 'local', 'status', '--json', '--data', data], { encoding: 'utf8' }).stdout,
  );
  const target = {
    kind: 'local',
    endpoint: status.endpoint,
    region: status.region,
    credentials: { accessKeyId: status.env.AWS_ACCESS_KEY_ID, secretAccessKey: status.env.AWS_SECRET_ACCESS_KEY },
  };
  /** A connection of its own clients (createClients options, e.g. a request rate). */
  const connect = (options) => {
    const clients = createClients(target, options);
    return { target, description: `local cloud at ${status.endpoint}`, clients, close: async () => clients.destroy() };
  };
  return {
    connect,
    stop: () => spawnSync(process.execPath, [bin, 'local', 'stop', '--data', data], { encoding: 'utf8' }),
  };
}
