// The no-change floor: what moto alone needs for the reads a drift-detecting plan makes. The no-change run's requests
// are replayed against moto, once one at a time (moto's serial cost) and once with several in flight (how much in
// parallel moto sustains); the floor is the serial cost divided by that parallelism. No tool can read the same
// organization from this moto faster.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';

const PARALLEL = 8;

function send(endpoint, r) {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: { ...r.headers, host: url.host } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

export async function floorOf(endpoint, requests) {
  if (requests.length === 0) return { calls: 0, serialMs: 0, concurrency: 1, floorMs: 0 };
  // Warm up once, then measure.
  for (const r of requests.slice(0, 5)) await send(endpoint, r);
  let serial = 0;
  for (const r of requests) serial += await send(endpoint, r);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) await send(endpoint, requests[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, requests.length) }, worker));
  const parallelWall = performance.now() - started;
  const concurrency = Math.max(1, serial / parallelWall);
  return {
    calls: requests.length,
    serialMs: Math.round(serial),
    concurrency: +concurrency.toFixed(2),
    floorMs: Math.round(serial / concurrency),
  };
}
