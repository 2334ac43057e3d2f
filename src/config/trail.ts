import type { TrailModel } from '../model/audit.js';
import type { AuditSpec } from './schema-parts/audit.js';
import type { GuardrailUseSpec, OrgSpec } from './schema.js';
import type { Path } from './rules/context.js';

type TrailSpec = NonNullable<AuditSpec['trail']>;

/** The trail as the spec gives it, and where: `audit.trail`, or the old home `organization.trail`. */
export interface TrailSource {
  trail: TrailSpec;
  path: Path;
  /** Set when the trail is under organization.trail (which has fewer fields). */
  moved: boolean;
}

export function trailSource(spec: OrgSpec): TrailSource | undefined {
  const current = spec.audit?.trail;
  if (current) return { trail: current, path: ['audit', 'trail'], moved: false };
  const old = spec.organization.trail;
  return old ? { trail: old, path: ['organization', 'trail'], moved: true } : undefined;
}

const S3_MAX = 63;

/**
 * `<org-name>-org-trail-<home-region>`, lower-cased, with what S3 does not allow in a bucket name replaced by
 * hyphens and cut to 63 characters. Bucket names are global: a spec that collides names its own.
 */
export function defaultBucketName(orgName: string, homeRegion: string): string {
  const raw = `${orgName}-org-trail-${homeRegion}`.toLowerCase();
  const cleaned = raw
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/^xn-|^sthree-|^amzn-s3-demo-/, 'org-');
  return cleaned.slice(0, S3_MAX).replace(/[^a-z0-9]+$/, '');
}

/** The log-archive accounts (by name) of a spec, in spec order; closing accounts do not count. */
export function logArchiveAccounts(spec: OrgSpec): string[] {
  const envs = spec.environments ?? {};
  return (spec.accounts ?? [])
    .filter((a) => a.lifecycle !== 'close' && envs[a.environment]?.kind === 'log-archive')
    .map((a) => a.name);
}

/** The trail's model, with defaults filled in; undefined when the spec has no trail. Validation ran before. */
export function buildTrail(spec: OrgSpec): TrailModel | undefined {
  const source = trailSource(spec);
  if (source === undefined) return undefined;
  const { trail } = source;
  const org = spec.organization;
  return {
    name: trail.name,
    bucketAccount: trail.bucketAccount ?? logArchiveAccounts(spec)[0]!,
    bucketName: trail.bucketName ?? defaultBucketName(org.name, org.homeRegion),
    multiRegion: trail.multiRegion ?? true,
    ...(trail.objectLock ? { objectLock: trail.objectLock } : {}),
    ...(trail.kmsKeyArn ? { kmsKeyArn: trail.kmsKeyArn } : {}),
    protect: trail.protect ?? true,
  };
}

/**
 * The guardrail use the trail adds: `protect-cloudtrail` on the root (unless `protect: false`, or the spec uses it on
 * the root already), packed with the spec's own guardrails. `path` is where its diagnostics point.
 */
export function trailGuardrailUse(spec: OrgSpec): { use: GuardrailUseSpec; path: Path } | undefined {
  const source = trailSource(spec);
  if (source === undefined || source.trail.protect === false) return undefined;
  const onRoot = (spec.guardrails ?? []).some((g) => g.use === PROTECT_CLOUDTRAIL && g.targets.includes('root'));
  if (onRoot) return undefined;
  const path = source.trail.protect === undefined ? source.path : [...source.path, 'protect'];
  return { use: { use: PROTECT_CLOUDTRAIL, targets: ['root'] }, path };
}

const PROTECT_CLOUDTRAIL = 'protect-cloudtrail';
