import type { Kind } from '../../model/kinds.js';
import { markedCostAllocationTags } from '../../model/cost-kinds.js';
import { serviceAccessTag } from '../../model/payloads.js';
import type { KindProvider, ReadContext, ServiceReader } from './provider.js';

/**
 * Every kind's provider and every service's reader, loaded when first needed: each brings its AWS SDK client, and
 * evaluating all of them cost every command about 40 ms and 30 MB before its first call. An apply loads the
 * providers of its plan's kinds (`loadProviders`), a refresh the readers its spec asks for (`READERS`).
 */
const PROVIDER_LOADERS: { readonly [K in Kind]: () => Promise<KindProvider<K>> } = {
  organization: () => import('./organizations/organization.js').then((m) => m.organizationProvider),
  'policy-type': () => import('./organizations/policy-type.js').then((m) => m.policyTypeProvider),
  'organizational-unit': () =>
    import('./organizations/organizational-unit.js').then((m) => m.organizationalUnitProvider),
  account: () => import('./organizations/account.js').then((m) => m.accountProvider),
  policy: () => import('./organizations/policy.js').then((m) => m.policyProvider),
  'policy-attachment': () => import('./organizations/policy-attachment.js').then((m) => m.policyAttachmentProvider),
  'identity-center': () => import('./identity-center/identity-center.js').then((m) => m.identityCenterProvider),
  'sso-user': () => import('./identity-center/users-groups.js').then((m) => m.ssoUserProvider),
  'sso-group': () => import('./identity-center/users-groups.js').then((m) => m.ssoGroupProvider),
  'sso-group-membership': () => import('./identity-center/users-groups.js').then((m) => m.ssoGroupMembershipProvider),
  'permission-set': () => import('./identity-center/permission-set.js').then((m) => m.permissionSetProvider),
  'account-assignment': () => import('./identity-center/assignment.js').then((m) => m.accountAssignmentProvider),
  'service-access': () => import('./organizations/service-access.js').then((m) => m.serviceAccessProvider),
  'trail-bucket': () => import('./s3/trail-bucket.js').then((m) => m.trailBucketProvider),
  'organization-trail': () => import('./cloudtrail/organization-trail.js').then((m) => m.organizationTrailProvider),
  'delegated-administrator': () =>
    import('./organizations/delegated-administrator.js').then((m) => m.delegatedAdministratorProvider),
  'security-service': () => import('./security-services.js').then((m) => m.securityServiceProvider),
  'service-quota': () => import('./service-quotas/service-quota.js').then((m) => m.serviceQuotaProvider),
  'quota-template': () => import('./service-quotas/quota-template.js').then((m) => m.quotaTemplateProvider),
  'cost-allocation-tag': () =>
    import('./cost-explorer/cost-allocation-tags.js').then((m) => m.costAllocationTagProvider),
  budget: () => import('./budgets/budget.js').then((m) => m.budgetProvider),
};

const loaded = new Map<Kind, KindProvider>();

/** Loads the providers of these kinds (each once per process); `providerOf` then answers for them. */
export async function loadProviders(kinds: Iterable<Kind>): Promise<void> {
  const missing = [...new Set(kinds)].filter((k) => !loaded.has(k));
  const providers = await Promise.all(missing.map((k) => PROVIDER_LOADERS[k]() as Promise<KindProvider>));
  missing.forEach((k, i) => loaded.set(k, providers[i]!));
}

/** A loaded provider; asking for one `loadProviders` was not given is a bug. */
export function providerOf<K extends Kind>(kind: K): KindProvider<K> {
  const provider = loaded.get(kind);
  if (provider === undefined) throw new Error(`the ${kind} provider was used before loadProviders loaded it`);
  return provider as unknown as KindProvider<K>;
}

/** Every provider, loaded (for tests and tools that go over all of them). */
export async function allProviders(): Promise<{ readonly [K in Kind]: KindProvider<K> }> {
  const kinds = Object.keys(PROVIDER_LOADERS) as Kind[];
  await loadProviders(kinds);
  return Object.fromEntries(kinds.map((k) => [k, providerOf(k)])) as { [K in Kind]: KindProvider<K> };
}

/** What a refresh decides a reader by before loading it: the options that ask for its service. */
export interface ReaderWants {
  identity: boolean;
  security: boolean;
}

/**
 * One service's reader, known before it is loaded: its kinds, whether it runs after the others, and whether it
 * reads anything at all for a spec (`wanted`; when not, its kinds are read as empty without loading it). A reader
 * still answers empty by itself when it is loaded and asked for nothing.
 */
export interface ReaderEntry {
  service: string;
  kinds: readonly Kind[];
  afterOthers: boolean;
  /** `context` is what the readers before it found (absent for those that run first). */
  wanted(wants: ReaderWants, context: ReadContext): boolean;
  load(): Promise<ServiceReader>;
}

const rootTags = (context: ReadContext) => context.prior?.organization[0]?.root.tags ?? {};

/** Every service's reader; together they observe every kind. */
export const READERS: readonly ReaderEntry[] = [
  {
    service: 'organizations',
    kinds: ['organization', 'policy-type', 'organizational-unit', 'account', 'policy', 'policy-attachment'],
    afterOthers: false,
    wanted: () => true,
    load: () => import('./organizations/index.js').then((m) => m.organizationsReader),
  },
  {
    service: 'sso-admin',
    kinds: ['identity-center', 'sso-user', 'sso-group', 'sso-group-membership', 'permission-set', 'account-assignment'],
    afterOthers: false,
    wanted: (wants) => wants.identity,
    load: () => import('./identity-center/reader.js').then((m) => m.identityCenterReader),
  },
  {
    service: 'organizations-service-access',
    kinds: ['service-access'],
    afterOthers: true,
    // Also when the root says Bulkhead enabled some trusted access: then it may disable it.
    wanted: (_, context) =>
      context.serviceAccess === true || Object.keys(rootTags(context)).some((t) => t.startsWith(serviceAccessTag(''))),
    load: () => import('./organizations/service-access.js').then((m) => m.serviceAccessReader),
  },
  {
    service: 'cloudtrail',
    kinds: ['organization-trail'],
    afterOthers: true,
    wanted: (_, context) => context.trailBucket !== undefined,
    load: () => import('./cloudtrail/reader.js').then((m) => m.cloudTrailReader),
  },
  {
    service: 's3',
    kinds: ['trail-bucket'],
    afterOthers: true,
    wanted: (_, context) => context.trailBucket !== undefined,
    load: () => import('./s3/reader.js').then((m) => m.trailBucketReader),
  },
  {
    service: 'security-services',
    kinds: ['delegated-administrator', 'security-service'],
    afterOthers: true,
    wanted: (wants, context) => wants.security && (context.prior?.organization.length ?? 1) > 0,
    load: () => import('./security-services.js').then((m) => m.securityServicesReader),
  },
  {
    service: 'service-quotas',
    kinds: ['service-quota', 'quota-template'],
    afterOthers: true,
    wanted: (_, context) => context.quotas !== undefined,
    load: () => import('./service-quotas/reader.js').then((m) => m.serviceQuotasReader),
  },
  {
    service: 'cost-explorer',
    kinds: ['cost-allocation-tag'],
    afterOthers: true,
    wanted: (_, context) => context.costAllocationTags === true || markedCostAllocationTags(rootTags(context)).size > 0,
    load: () => import('./cost-explorer/cost-allocation-tags.js').then((m) => m.costAllocationTagsReader),
  },
  {
    service: 'budgets',
    kinds: ['budget'],
    afterOthers: true,
    wanted: (_, context) => context.budgets === true,
    load: () => import('./budgets/reader.js').then((m) => m.budgetsReader),
  },
];
