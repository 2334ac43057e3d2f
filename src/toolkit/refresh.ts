import { formatDelay } from '../core/delay.js';
import { emit, type IoHost } from '../core/events.js';
import { emptyObservedState, organizationTree, type ObservedOrg, type ObservedState } from '../model/observed.js';
import type { QuotaLookup, ReadContext, ServiceReader, TrailBucketLookup } from '../providers/aws/provider.js';
import { READERS, type ReaderEntry } from '../providers/aws/registry.js';
import { COMMERCIAL_REGIONS } from '../model/regions.js';
import type { OrgModel } from '../model/organization.js';
import { servicePrincipalsWanted } from '../model/audit.js';
import type { Connection } from './connect.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { quotaLookup } from './quota-lookup.js';

const optionalQuotas = (quotas: QuotaLookup | undefined) => (quotas ? { quotas } : {});

/** Each reader's own kinds, and everyone's pending requests. */
export function mergeReads(
  readers: readonly Pick<ServiceReader, 'kinds'>[],
  parts: readonly Partial<ObservedState>[],
): ObservedState {
  const observed = emptyObservedState();
  readers.forEach((reader, i) => {
    const part = parts[i] ?? {};
    for (const kind of reader.kinds) (observed as Record<string, unknown>)[kind] = part[kind] ?? [];
    observed.pending.createAccount.push(...(part.pending?.createAccount ?? []));
    observed.pending.assignments.push(...(part.pending?.assignments ?? []));
  });
  return observed;
}

export interface RefreshOptions {
  /** Read IAM Identity Center too (default false: a spec without `identity:` leaves it unread and untouched). */
  identity?: boolean;
  /** The organization's home region, where Identity Center lives (default: the target's region). */
  homeRegion?: string;
  /** Read the security services' delegated administrators and setup (default false: only with `audit.security`). */
  security?: boolean;
  /** The trail bucket the spec names (read in its account once the accounts are known); also reads the trail. */
  trailBucket?: TrailBucketLookup;
  /** The spec needs trusted access for service principals (the audit setup). */
  serviceAccess?: boolean;
  /** The spec has `quotas:`: what Service Quotas is asked (absent: Service Quotas is not read). */
  quotas?: QuotaLookup;
  /** The spec manages cost-allocation tags (read Cost Explorer's, which costs $0.01 a request). */
  costAllocationTags?: boolean;
  /** Read AWS Budgets (the spec has `budgets:`). */
  budgets?: boolean;
}

/** What a spec asks refresh to read: Identity Center only when it has `identity:`. */
export function refreshOptionsFor(model: OrgModel): RefreshOptions {
  const { users, groups, permissionSets, assignments } = model.identity;
  const trail = model.audit?.trail;
  const bucketAccount = trail ? model.accounts.get(trail.bucketAccount) : undefined;
  return {
    identity: users.size + groups.size + permissionSets.size + assignments.length > 0,
    homeRegion: model.homeRegion,
    security: model.audit?.security !== undefined,
    serviceAccess: servicePrincipalsWanted(model.audit, model.quotas).length > 0,
    ...optionalQuotas(quotaLookup(model)),
    costAllocationTags: model.cost?.allocationTagsListed === true,
    budgets: model.cost?.budgetsListed === true,
    ...(trail && bucketAccount
      ? { trailBucket: { name: trail.bucketName, accountEmail: bucketAccount.email, region: model.homeRegion } }
      : {}),
  };
}

// A connection refreshes the same way every time (the apply lock's re-check must see what the plan saw).
const sticky = new WeakMap<Connection, RefreshOptions>();

/** Reads every kind: each service's reader once, all of them at the same time. */
export async function refresh(connection: Connection, io: IoHost, options?: RefreshOptions): Promise<ObservedState> {
  if (options) sticky.set(connection, options);
  const {
    identity = false,
    homeRegion,
    security = false,
    trailBucket,
    serviceAccess = false,
    quotas,
    costAllocationTags = false,
    budgets = false,
  } = options ?? sticky.get(connection) ?? {};
  if (homeRegion) connection.clients.useHomeRegion(homeRegion);
  const wants = { identity, security };
  const first = READERS.filter((r) => !r.afterOthers && r.wanted(wants, {}));
  const started = Date.now();
  const code = 'refresh.progress';
  emit(io, {
    type: 'progress',
    code,
    id: 'refresh',
    message: `reading from the ${connection.description}`,
    state: 'start',
  });
  const unsubscribe = connection.clients.onRetry((n) => {
    const message = `${n.command}: ${n.code}, retrying in ${formatDelay(n.delayMs)}`;
    emit(io, { type: 'progress', code, id: 'refresh', message, state: 'running' });
  });
  // A reader whose service the spec does not ask for is not even loaded: its kinds are read as empty.
  const readWith = (clients: AwsClients, entries: readonly ReaderEntry[], context?: ReadContext) =>
    Promise.all(entries.map(async (r) => (await r.load()).read(clients, io, context)));
  const readAll = async (clients: AwsClients) => {
    const parts = await readWith(clients, first);
    const prior = mergeReads(first, parts);
    const context: ReadContext = {
      prior,
      serviceAccess,
      costAllocationTags,
      budgets,
      ...(trailBucket ? { trailBucket } : {}),
      ...optionalQuotas(quotas),
    };
    const then = READERS.filter((r) => r.afterOthers && r.wanted(wants, context));
    const later = await readWith(clients, then, context);
    return mergeReads([...first, ...then], [...parts, ...later]);
  };
  const { value: observed, calls } = await connection.clients.counted(readAll).finally(unsubscribe);
  const ssoCounts = identity
    ? `, ${observed['permission-set'].length} permission sets, ${observed['account-assignment'].length} assignments`
    : '';
  const counts = `${observed.account.length} accounts, ${observed['organizational-unit'].length} OUs, ${observed.policy.length} policies${ssoCounts}`;
  const message = `read ${counts} (${calls} calls)`;
  emit(io, { type: 'progress', code, id: 'refresh', message, state: 'done', elapsedMs: Date.now() - started });
  return observed;
}

/** The live organization as one tree, for access and show. */
export async function refreshTree(connection: Connection, io: IoHost): Promise<ObservedOrg> {
  return organizationTree(await refresh(connection, io));
}

/**
 * Refresh for `import`, which knows no home region: Identity Center is read in `homeRegion` when given, else in
 * the target's region, else in the first commercial Region that has the organization's instance.
 */
export async function refreshAll(connection: Connection, io: IoHost, homeRegion?: string): Promise<ObservedState> {
  const state = await refresh(connection, io, { identity: true, ...(homeRegion ? { homeRegion } : {}) });
  if (homeRegion || state['identity-center'].length > 0 || state.organization.length === 0) return state;
  const { locateInstanceRegion } = await import('../providers/aws/identity-center/common.js');
  const found = await locateInstanceRegion(connection.clients, COMMERCIAL_REGIONS);
  if (found === undefined) return state;
  emit(io, { type: 'info', code: 'refresh.identity-region', message: `IAM Identity Center found in ${found}` });
  return refresh(connection, io, { identity: true, homeRegion: found });
}
