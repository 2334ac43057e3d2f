import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRoute } from '../../src/local-cloud/routing.js';
import type { ServiceDefinition } from '../../src/local-cloud/services/registry.js';
import { ANY_RESOURCE } from '../../src/local-cloud/services/registry.js';
import type { Harness } from './helpers.js';
import { startHarness } from './helpers.js';
import type { RawRequest } from './raw.js';
import { rawRequest } from './raw.js';

/*
 * Hand-made requests to GuardDuty, Security Hub and Config (test/cases/security-services-raw/<case>/case.json):
 * unknown paths, wrong methods, bad path labels, bodies that are not JSON, each answered with the service's own error.
 */

interface RawCase {
  why: string;
  service: RawRequest['service'];
  target?: string;
  method: string;
  path: string;
  body: string;
  expect: { status: number; errorType: string; message?: string; body?: Record<string, unknown> };
}

const DIR = join(import.meta.dirname, '..', 'cases', 'security-services-raw');
const CASES = readdirSync(DIR)
  .sort()
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(DIR, name, 'case.json'), 'utf8')) as RawCase) }));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
});
afterAll(async () => {
  await h.stop();
});

describe('raw requests to the security services', () => {
  it('has cases', () => expect(CASES.length).toBeGreaterThanOrEqual(10));

  it.each(CASES)('$name: $why', async (c) => {
    const res = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: c.service,
      credentials: h.cloud.credentials,
      scope: { region: h.cloud.region },
      method: c.method,
      path: c.path.replace('LONG301', 'a'.repeat(301)),
      body: c.body,
      ...(c.target === undefined ? { contentType: 'application/json' } : { target: c.target }),
    });
    expect({ status: res.status, errorType: res.headers['x-amzn-errortype'] }).toEqual({
      status: c.expect.status,
      errorType: c.expect.errorType,
    });
    const body = JSON.parse(res.body) as Record<string, unknown>;
    if (c.expect.body !== undefined) expect(body).toEqual(c.expect.body);
    if (c.expect.message !== undefined) expect(body.message ?? body.Message).toBe(c.expect.message);
  });
});

describe('restJson1 routing', () => {
  const fake = (name: string, signingName: string): ServiceDefinition => ({
    name,
    protocol: 'rest-json',
    signingName,
    global: false,
    unsignedPayload: false,
    routes: [
      { method: 'GET', path: '/shared/{Id}', operation: `${name}Get` },
      { method: 'GET', path: '/shared/literal', operation: `${name}Literal` },
    ],
    operations: {
      [`${name}Get`]: { handler: () => ({}), resource: ANY_RESOURCE },
      [`${name}Literal`]: { handler: () => ({}), resource: ANY_RESOURCE },
    },
    tables: [],
    throttleError: { code: 'T', message: 't', status: 429 },
    internalError: { code: 'I', message: 'i', status: 500 },
  });
  const services = [fake('one', 'one'), fake('two', 'two')];
  const req = (path: string) => ({ method: 'GET', url: path, headers: {}, body: Buffer.alloc(0) });

  it('chooses among services with the same path by the SigV4 scope, and binds path labels', () => {
    expect(restRoute(req('/shared/a%2Fb'), services, 'two')).toMatchObject({
      service: { name: 'two' },
      operation: 'twoGet',
      input: { Id: 'a/b' },
    });
    expect(restRoute(req('/shared/x'), services, 'one')).toMatchObject({
      service: { name: 'one' },
      operation: 'oneGet',
    });
  });

  it('prefers a literal route to a templated one that also matches', () => {
    expect(restRoute(req('/shared/literal'), services, 'one')).toMatchObject({ operation: 'oneLiteral' });
  });

  it('leaves a path of no route to the other protocols unless the scope names a restJson1 service', () => {
    expect(restRoute(req('/other'), services, 'iam')).toBeUndefined();
    expect(restRoute(req('/other'), services, 'two')).toMatchObject({ service: { name: 'two' }, operation: undefined });
  });
});
