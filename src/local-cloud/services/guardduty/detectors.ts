import { randomBytes } from 'node:crypto';
import type { HandlerContext } from '../registry.js';
import { badRequest, invalidValue, optEnum, optMember, ownDetector } from './common.js';
import type { FindingPublishingFrequency, GuardDutyDetectorRecord } from './tables.js';
import { regionalKey } from './tables.js';

const FREQUENCIES: readonly FindingPublishingFrequency[] = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'];

function readTags(input: Record<string, unknown>): Record<string, string> {
  const tags = input.tags;
  if (tags === undefined || tags === null) return {};
  if (typeof tags !== 'object' || Array.isArray(tags)) throw invalidValue();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v !== 'string' || k.length < 1 || k.length > 128 || v.length > 256) throw invalidValue();
    out[k] = v;
  }
  if (Object.keys(out).length > 200) throw invalidValue();
  return out;
}

function readFeatures(input: Record<string, unknown>): Record<string, string> {
  const list = input.features;
  if (list === undefined || list === null) return {};
  if (!Array.isArray(list)) throw invalidValue();
  const out: Record<string, string> = {};
  for (const f of list as unknown[]) {
    const item = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const name = optMember<string>(item, 'name', 'string');
    const status = optEnum(item, 'status', ['ENABLED', 'DISABLED'] as const);
    if (name === undefined || status === undefined) throw invalidValue();
    out[name] = status;
  }
  return out;
}

export function createDetector(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const enable = optMember<boolean>(input, 'enable', 'boolean');
  if (enable === undefined) throw invalidValue();
  const frequency = optEnum(input, 'findingPublishingFrequency', FREQUENCIES) ?? 'SIX_HOURS';
  const tags = readTags(input);
  const features = readFeatures(input);
  const key = regionalKey(ctx.principal.accountId, ctx.region);
  if (ctx.store.has('guarddutyDetectors', key))
    throw badRequest('The request is rejected because a detector already exists for the current account.');
  const detector: GuardDutyDetectorRecord = {
    id: randomBytes(16).toString('hex'),
    accountId: ctx.principal.accountId,
    region: ctx.region,
    enabled: enable,
    findingPublishingFrequency: frequency,
    tags,
    features,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.store.put('guarddutyDetectors', key, detector);
  return { detectorId: detector.id };
}

export function listDetectors(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const max = input.maxResults;
  if (max !== undefined && !/^(?:[1-9]|[1-4]\d|50)$/.test(String(max))) throw invalidValue();
  const detector = ctx.store.get('guarddutyDetectors', regionalKey(ctx.principal.accountId, ctx.region));
  return { detectorIds: detector === undefined ? [] : [detector.id] };
}

export function getDetector(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const d = ownDetector(input, ctx);
  return {
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    findingPublishingFrequency: d.findingPublishingFrequency,
    serviceRole: `arn:aws:iam::${d.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
    status: d.enabled ? 'ENABLED' : 'DISABLED',
    tags: d.tags,
    // Deprecated in favour of features, but still answered; the foundational sources are always on.
    dataSources: {
      cloudTrail: { status: 'ENABLED' },
      dnsLogs: { status: 'ENABLED' },
      flowLogs: { status: 'ENABLED' },
      s3Logs: { status: d.features.S3_DATA_EVENTS ?? 'DISABLED' },
      kubernetes: { auditLogs: { status: d.features.EKS_AUDIT_LOGS ?? 'DISABLED' } },
    },
    features: Object.entries(d.features).map(([name, status]) => ({ name, status, updatedAt: d.updatedAt / 1000 })),
  };
}

export function deleteDetector(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const d = ownDetector(input, ctx);
  ctx.store.delete('guarddutyDetectors', regionalKey(d.accountId, d.region));
  return {};
}
