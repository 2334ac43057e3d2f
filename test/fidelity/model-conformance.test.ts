import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/local-cloud/services/all.js';
import type { BotocoreService } from '../support/fidelity/botocore-model.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import type { ErrorCase } from '../support/fidelity/conformance-scenario.js';
import { runConformanceScenario } from '../support/fidelity/conformance-scenario.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { Exchange } from '../support/fidelity/recording-handler.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';

/*
 * Every response the local cloud sends, checked against the botocore model of its operation:
 * the shapes the AWS CLI and boto3 parse with, written by AWS, not by us.
 */

/**
 * Identity Center (sso-admin, identitystore) has its own scenario: identity-center-conformance.test.ts; the sign-in
 * services (sso-oidc, the sso portal) theirs: sso-sign-in-conformance.test.ts; CloudTrail its own:
 * cloudtrail-conformance.test.ts; S3 (restXml) s3-conformance.test.ts; the security services (GuardDuty, Security
 * Hub, Config) theirs: security-services-conformance.test.ts.
 */
const IDENTITY_CENTER = new Set<string>([
  'sso-admin',
  'identitystore',
  'sso-oidc',
  'sso',
  'cloudtrail',
  's3',
  'guardduty',
  'securityhub',
  'config',
  'budgets',
]);
const IMPLEMENTED = SERVICES.filter((s) => !IDENTITY_CENTER.has(s.name)).flatMap((s) =>
  Object.keys(s.operations).map((operation) => ({ service: s.name, operation })),
);

let fc: FidelityCloud | undefined;
const handler = new RecordingHandler();
let errorCases: ErrorCase[] = [];

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0.02 });
  errorCases = await runConformanceScenario(fc.cloud, handler);
});

afterAll(async () => {
  handler.destroy();
  await fc?.stop();
});

const exchangesOf = (service: string, operation: string, ok: boolean): Exchange[] =>
  handler.exchanges.filter((e) => e.service === service && e.operation === operation && e.status < 300 === ok);

const report = (service: string, operation: string, exchanges: Exchange[]) =>
  exchanges.flatMap((e) =>
    validateResponse(loadModel(service as BotocoreService), operation, e).map(
      (v) => `${operation} ${e.status} ${v.path}: ${v.problem}`,
    ),
  );

describe('the botocore models', () => {
  it('know every operation the local cloud implements', () => {
    const unknown = IMPLEMENTED.filter(
      ({ service, operation }) => loadModel(service).operations[operation] === undefined,
    );
    expect(unknown).toEqual([]);
  });
});

describe('successful responses match the output shape', () => {
  it('the scenario calls every implemented operation successfully', () => {
    const missing = IMPLEMENTED.filter(({ service, operation }) => exchangesOf(service, operation, true).length === 0);
    expect(missing).toEqual([]);
  });

  it.each(IMPLEMENTED)('$service $operation', ({ service, operation }) => {
    const exchanges = exchangesOf(service, operation, true);
    expect(exchanges.length).toBeGreaterThan(0);
    expect(report(service, operation, exchanges)).toEqual([]);
  });
});

describe('error responses use modeled or common error codes and shapes', () => {
  it('the scenario provoked the documented error for each case', () => {
    expect(errorCases.length).toBeGreaterThan(20);
    expect(
      errorCases
        .filter((c) => c.got !== c.expected)
        .map((c) => `${c.label}: ${c.operation} gave ${c.got}, AWS documents ${c.expected}`),
    ).toEqual([]);
  });

  it('every error body validates against the model', () => {
    const failed = handler.exchanges.filter((e) => e.status >= 300);
    expect(failed.length).toBeGreaterThanOrEqual(errorCases.length);
    expect(failed.flatMap((e) => report(e.service, e.operation, [e]))).toEqual([]);
  });
});
