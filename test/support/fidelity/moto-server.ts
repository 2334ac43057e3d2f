import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { freePort, requireTool, waitFor } from './tools.js';

export interface MotoServer {
  endpoint: string;
  /** moto accepts any credentials; every request acts in this account. */
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/** Starts `python3 -m moto.server` on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<MotoServer> {
  requireTool('moto');
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // Should the test worker die before afterAll runs, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
  };
  try {
    await waitFor(
      'moto server',
      async () => {
        if (child.exitCode !== null) throw new Error(`moto server exited with ${child.exitCode}: ${stderr}`);
        const res = await fetch(`${endpoint}/moto-api/`);
        return res.status < 500 ? true : undefined;
      },
      20_000,
    );
  } catch (err) {
    await stop();
    throw new Error(`moto server did not start: ${(err as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    accountId: '123456789012',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    stop,
  };
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
