/**
 * The request context: global condition keys the evaluator fills from the request, extended and
 * overridden by `request.context`. Key names are case-insensitive, so everything is stored lowercased.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { describePrincipal, splitArn, type PrincipalInfo } from './arn.js';
import type { AccessRequest, ContextValue } from './types.js';

/** A context value as conditions see it: one string, or a list for multivalued keys. */
export type ResolvedValue = string | string[];

const principalInfoCache = new WeakMap<object, PrincipalInfo>();

export function principalInfoOf(request: AccessRequest): PrincipalInfo {
  let info = principalInfoCache.get(request.principal);
  if (info === undefined) {
    info = describePrincipal(request.principal.arn, request.principal.accountId, request.principal.roleArn);
    principalInfoCache.set(request.principal, info);
  }
  return info;
}

function normalize(value: ContextValue): ResolvedValue {
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

const PRINCIPAL_TYPE: Record<PrincipalInfo['kind'], string | undefined> = {
  user: 'User',
  role: 'AssumedRole',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
  root: 'Account',
  service: undefined,
  other: undefined,
};

/** The account that owns the resource: explicit, else the ARN's account field, else the caller's account. */
export function resourceAccountOf(request: AccessRequest): string {
  if (request.resourceAccount !== undefined) return request.resourceAccount;
  if (request.resource !== '*') {
    const parts = splitArn(request.resource);
    if (parts !== undefined && parts.account !== '') return parts.account;
  }
  return request.principal.accountId;
}

export class RequestContext {
  private values: Map<string, ResolvedValue> | undefined;

  constructor(readonly request: AccessRequest) {}

  /** The value for a lowercased key, or undefined when the request does not carry it. */
  get(keyLower: string): ResolvedValue | undefined {
    const map = this.all();
    const value = map.get(keyLower);
    if (value !== undefined || (keyLower !== 'aws:currenttime' && keyLower !== 'aws:epochtime')) return value;
    // The request time is read only when a condition asks for it (most policies never do).
    fillTime(map, this.request);
    return map.get(keyLower);
  }

  /** A single-valued key for policy variables; multivalued keys cannot be used as variables. */
  readonly lookupVariable = (keyLower: string): string | undefined => {
    const v = this.get(keyLower);
    return typeof v === 'string' ? v : undefined;
  };

  /** Every key, the request time included (which `get` reads only when asked). */
  complete(): Map<string, ResolvedValue> {
    const map = this.all();
    fillTime(map, this.request);
    return map;
  }

  all(): Map<string, ResolvedValue> {
    if (this.values === undefined) this.values = buildContext(this.request);
    return this.values;
  }
}

/** The region AWS judges a request by when none is given (the global endpoints' region). */
export const DEFAULT_REQUESTED_REGION = 'us-east-1';

/**
 * Keys the global condition keys reference documents as always in the request context (Availability: "This key
 * is always included in the request context", for aws:ViaAWSService "for most services"), with the value of a
 * direct call over HTTPS made now. `request.context` overrides each.
 */
function alwaysPresent(map: Map<string, ResolvedValue>, request: AccessRequest): void {
  map.set('aws:requestedregion', request.region ?? DEFAULT_REQUESTED_REGION);
  map.set('aws:securetransport', 'true');
  map.set('aws:viaawsservice', 'false');
}

/** aws:CurrentTime and aws:EpochTime from `request.time` (default now), unless `request.context` gave them. */
function fillTime(map: Map<string, ResolvedValue>, request: AccessRequest): void {
  const given = map.get('aws:currenttime');
  const source = typeof given === 'string' ? given : request.time;
  const time = source === undefined ? new Date() : new Date(source);
  const valid = !Number.isNaN(time.getTime());
  if (!map.has('aws:currenttime'))
    map.set('aws:currenttime', valid ? time.toISOString().replace(/\.\d{3}Z$/, 'Z') : source!);
  if (!map.has('aws:epochtime') && valid) map.set('aws:epochtime', String(Math.floor(time.getTime() / 1000)));
}

function buildContext(request: AccessRequest): Map<string, ResolvedValue> {
  const map = new Map<string, ResolvedValue>();
  alwaysPresent(map, request);
  const { principal } = request;
  const info = principalInfoOf(request);
  const isService = info.kind === 'service';
  map.set('aws:principalisawsservice', isService ? 'true' : 'false');
  if (!isService) {
    map.set('aws:principalaccount', principal.accountId);
    map.set('aws:principalarn', info.principalArn);
    const type = PRINCIPAL_TYPE[info.kind];
    if (type !== undefined) map.set('aws:principaltype', type);
    if (info.kind === 'user' && info.name !== undefined) map.set('aws:username', info.name);
  } else {
    map.set('aws:principalservicename', principal.arn);
  }
  if (principal.orgId !== undefined) map.set('aws:principalorgid', principal.orgId);
  if (principal.orgPaths !== undefined) map.set('aws:principalorgpaths', [...principal.orgPaths]);
  if (principal.tags !== undefined) {
    for (const [k, v] of Object.entries(principal.tags)) map.set(`aws:principaltag/${k.toLowerCase()}`, v);
  }
  map.set('aws:resourceaccount', resourceAccountOf(request));
  if (request.resourceOrgId !== undefined) map.set('aws:resourceorgid', request.resourceOrgId);
  if (request.resourceOrgPaths !== undefined) map.set('aws:resourceorgpaths', [...request.resourceOrgPaths]);
  if (request.sourceIdentity !== undefined) map.set('aws:sourceidentity', request.sourceIdentity);
  if (request.context !== undefined) {
    for (const [k, v] of Object.entries(request.context)) map.set(k.toLowerCase(), normalize(v));
  }
  return map;
}
