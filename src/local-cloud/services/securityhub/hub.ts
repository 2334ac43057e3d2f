import type { HandlerContext } from '../registry.js';
import { conflict, hubArn, invalidInput, key, optMember, ownHub } from './common.js';

const GENERATORS = ['STANDARD_CONTROL', 'SECURITY_CONTROL'] as const;

function readTags(input: Record<string, unknown>): Record<string, string> {
  const tags = input.Tags;
  if (tags === undefined || tags === null) return {};
  if (typeof tags !== 'object' || Array.isArray(tags)) throw invalidInput("Invalid parameter 'Tags'");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v !== 'string' || k.length < 1 || k.length > 128 || v.length > 256)
      throw invalidInput("Invalid parameter 'Tags'");
    out[k] = v;
  }
  return out;
}

export function enableSecurityHub(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const generator =
    optMember<(typeof GENERATORS)[number]>(input, 'ControlFindingGenerator', 'string', GENERATORS) ??
    'SECURITY_CONTROL';
  const enableDefaultStandards = optMember<boolean>(input, 'EnableDefaultStandards', 'boolean') ?? true;
  const tags = readTags(input);
  const k = key(ctx.principal.accountId, ctx.region);
  if (ctx.store.has('securityHubHubs', k)) throw conflict('Account is already subscribed to Security Hub');
  ctx.store.put('securityHubHubs', k, {
    accountId: ctx.principal.accountId,
    region: ctx.region,
    subscribedAt: ctx.now,
    controlFindingGenerator: generator,
    enableDefaultStandards,
    tags,
  });
  return {};
}

export function describeHub(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const asked = optMember<string>(input, 'HubArn', 'string');
  const hub = ownHub(ctx);
  const arn = hubArn(hub.accountId, hub.region);
  if (asked !== undefined && asked !== arn) throw invalidInput(`Invalid parameter 'HubArn'`);
  return {
    HubArn: arn,
    SubscribedAt: new Date(hub.subscribedAt).toISOString(),
    AutoEnableControls: true,
    ControlFindingGenerator: hub.controlFindingGenerator,
  };
}

export function disableSecurityHub(_input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const hub = ownHub(ctx);
  ctx.store.delete('securityHubHubs', key(hub.accountId, hub.region));
  return {};
}
