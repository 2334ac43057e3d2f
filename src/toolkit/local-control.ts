import { BulkheadError } from '../core/errors.js';
import { findRunningLocalCloud } from '../local-cloud/index.js';

/**
 * POSTs JSON to one of the local cloud's own control routes (`/_bulkhead/…`) on the cloud running on `dataDir`, and
 * returns its answer with that cloud's endpoint. A refusal becomes `<prefix>-<kebab-case code>` with the hint `hints`
 * gives for the code; no running cloud, or no answer, is said so with what to do.
 */
export async function postToLocalCloud(
  dataDir: string,
  path: string,
  payload: unknown,
  errors: { prefix: string; hints: Readonly<Record<string, string>> },
): Promise<{ body: Record<string, unknown>; endpoint: string }> {
  const running = findRunningLocalCloud(dataDir);
  if (running === undefined)
    throw new BulkheadError('local-cloud-not-running', `no local cloud is running on ${dataDir}`, {
      hint: `start it with \`bulkhead local start --data ${dataDir}\`, or pass the --data directory it runs on`,
    });
  let res: Response;
  try {
    res = await fetch(`${running.endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch (err) {
    throw new BulkheadError('local-cloud-unreachable', `the local cloud at ${running.endpoint} did not answer`, {
      source: 'aws',
      hint: 'check `bulkhead local status`; restart it if it hangs',
      cause: err,
    });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = typeof body.code === 'string' ? body.code : 'InvalidRequest';
    const message = typeof body.message === 'string' ? body.message : `the local cloud answered HTTP ${res.status}`;
    const hint = errors.hints[code];
    throw new BulkheadError(
      `${errors.prefix}-${code.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`))}`,
      message,
      hint === undefined ? {} : { hint },
    );
  }
  return { body, endpoint: running.endpoint };
}
