/**
 * `bulkhead quotas`: each account's service quotas (applied value, default, usage, open increase requests) read from
 * Service Quotas in every account of the organization, grouped by the environment the spec gives the account.
 */
import { BulkheadError } from '../../core/errors.js';
import type { IoHost } from '../../core/events.js';
import type { OrgModel } from '../../model/organization.js';
import { mapLimit } from '../../providers/aws/paginate.js';
import { identifyTarget } from '../../providers/aws/identity.js';
import type { SdkClientBase } from '../../providers/aws/account-clients.js';
import {
  clientInAccount,
  listOpenRequests,
  ownServiceQuotas,
  serviceQuotasIn,
  listServiceQuotas,
  listServices,
  type LiveQuota,
  type OpenQuotaRequest,
} from '../../providers/aws/service-quotas/read.js';
import { listOrganizationAccounts } from '../../providers/aws/organizations/list-accounts.js';
import { withConnection, type Connection, type TargetOptions } from '../connect.js';
import { HEADLINE_SERVICES, checkEnvironment, checkQuota, checkService } from './select.js';
import type { QuotaCell, QuotaRow, QuotasReport } from './types.js';
import { cloudWatchUsage } from './usage.js';

export type { QuotaCell, QuotaRow, QuotasReport } from './types.js';

/** The usage of each quota from its CloudWatch metric, in the account the client acts in; undefined when unknown. */
export type QuotaUsageReader = (
  /** Builds an SDK client (CloudWatch) acting in the account. */
  clientFor: <C extends { destroy(): void }>(ctor: new (config: SdkClientBase) => C) => Promise<C>,
  quotas: readonly LiveQuota[],
) => Promise<(number | undefined)[]>;

export interface QuotasOptions {
  target?: TargetOptions;
  connection?: Connection;
  io: IoHost;
  model?: OrgModel;
  service?: string;
  environment?: string;
  quota?: string;
  /** Where usage comes from (default: CloudWatch in each account; `null`: not read). */
  readUsage?: QuotaUsageReader | null;
  /** Accounts read at once (default 8). */
  concurrency?: number;
}

interface ShownAccount {
  id: string;
  name: string;
  environment: string;
}

const MANAGEMENT = 'management';
const UNMANAGED = 'unmanaged';

/** Accounts and their environment: the spec's by email or id, the management account, the rest `unmanaged`. */
function placeAccounts(
  live: readonly { id: string; name: string; email: string }[],
  model: OrgModel | undefined,
  managementId: string | undefined,
): ShownAccount[] {
  const specAccounts = [...(model?.accounts.values() ?? [])];
  return live.map((a) => {
    const spec = specAccounts.find((s) => s.id === a.id || s.email.toLowerCase() === a.email.toLowerCase());
    if (spec !== undefined) return { id: a.id, name: spec.name, environment: spec.environment };
    if (a.id === managementId)
      return { id: a.id, name: model?.managementAccount.name ?? a.name, environment: MANAGEMENT };
    return { id: a.id, name: a.name, environment: UNMANAGED };
  });
}

function environmentOrder(model: OrgModel | undefined, accounts: readonly ShownAccount[]): string[] {
  const order = [...(model?.environments.keys() ?? []), MANAGEMENT, UNMANAGED];
  const used = new Set(accounts.map((a) => a.environment));
  return [...order.filter((e) => used.has(e)), ...[...used].filter((e) => !order.includes(e)).sort()];
}

interface AccountRead {
  quotas: Map<string, LiveQuota>;
  usage: Map<string, number>;
  open: OpenQuotaRequest[];
  error?: string;
}

const quotaKey = (q: { serviceCode: string; quotaCode: string }): string => `${q.serviceCode}/${q.quotaCode}`;

async function readAccount(
  connection: Connection,
  callerAccountId: string,
  accountId: string,
  services: readonly string[],
  quotaCode: string | undefined,
  readUsage: QuotaUsageReader | undefined,
): Promise<AccountRead> {
  const client = await serviceQuotasIn(connection.clients, callerAccountId, accountId);
  const lists = await Promise.all(services.map((s) => listServiceQuotas(client, s)));
  const quotas = lists
    .flat()
    .filter((q) => quotaCode === undefined || q.quotaCode.toLowerCase() === quotaCode.toLowerCase());
  const [open, usage] = await Promise.all([
    listOpenRequests(client),
    readUsage === undefined
      ? Promise.resolve(quotas.map(() => undefined))
      : readUsage((ctor) => clientInAccount(connection.clients, callerAccountId, accountId, ctor), quotas),
  ]);
  const used = new Map<string, number>();
  quotas.forEach((q, i) => {
    const u = usage[i];
    if (u !== undefined) used.set(quotaKey(q), u);
  });
  return { quotas: new Map(quotas.map((q) => [quotaKey(q), q])), usage: used, open };
}

export async function quotas(options: QuotasOptions): Promise<QuotasReport> {
  return withConnection(options, async (connection) => {
    // Quotas are regional: an explicit --region, else the spec's home region, else the target's.
    if (options.target?.region === undefined && options.model !== undefined)
      connection.clients.useHomeRegion(options.model.homeRegion);
    const identity = await identifyTarget(connection.clients);
    const readUsage = options.readUsage === null ? undefined : (options.readUsage ?? cloudWatchUsage());
    const own = ownServiceQuotas(connection.clients);
    const known = await listServices(own);
    if (options.service !== undefined) checkService(options.service, known);
    const services =
      options.service !== undefined
        ? [options.service]
        : HEADLINE_SERVICES.filter((s) => known.some((k) => k.code === s));
    if (options.quota !== undefined) {
      const catalogue = (await Promise.all(services.map((s) => listServiceQuotas(own, s)))).flat();
      checkQuota(options.quota, catalogue);
    }
    const isManagement = identity.managementAccountId === identity.accountId;
    const live = isManagement
      ? await listOrganizationAccounts(connection.clients)
      : [{ id: identity.accountId, name: identity.accountId, email: '' }];
    const placed = placeAccounts(live, options.model, identity.managementAccountId);
    const environments = environmentOrder(options.model, placed);
    if (options.environment !== undefined) {
      const names = [...new Set([...(options.model?.environments.keys() ?? []), ...environments])];
      checkEnvironment(options.environment, names);
    }
    const shown = environments
      .filter((e) => options.environment === undefined || e === options.environment)
      .flatMap((e) => placed.filter((a) => a.environment === e).sort((a, b) => a.name.localeCompare(b.name)));
    const warnings: QuotasReport['warnings'] = [];
    const reads = await mapLimit(shown, options.concurrency ?? 8, async (a) => {
      try {
        return await readAccount(connection, identity.accountId, a.id, services, options.quota, readUsage);
      } catch (err) {
        if (BulkheadError.is(err) && err.source === 'user') throw err;
        const message = `could not read the quotas of ${a.name} (${a.id}): ${(err as Error).message}`;
        warnings.push({ accountId: a.id, message });
        return { quotas: new Map(), usage: new Map(), open: [], error: message } satisfies AccountRead;
      }
    });
    return {
      region: connection.clients.homeRegion,
      services,
      environments: environments
        .filter((e) => shown.some((a) => a.environment === e))
        .map((name) => ({
          name,
          accounts: shown.filter((a) => a.environment === name).map((a) => ({ id: a.id, name: a.name })),
        })),
      quotas: rows(shown, reads),
      warnings,
    };
  });
}

function rows(shown: readonly ShownAccount[], reads: readonly AccountRead[]): QuotaRow[] {
  const defs = new Map<string, LiveQuota>();
  for (const r of reads) for (const [k, q] of r.quotas) if (!defs.has(k)) defs.set(k, q);
  return [...defs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, def]) => ({
      serviceCode: def.serviceCode,
      serviceName: def.serviceName,
      quotaCode: def.quotaCode,
      quotaName: def.quotaName,
      unit: def.unit,
      adjustable: def.adjustable,
      global: def.global,
      values: shown.map((a, i): QuotaCell => {
        const read = reads[i];
        const q = read?.quotas.get(key);
        const usage = read?.usage.get(key) ?? null;
        const value = q?.value ?? null;
        return {
          environment: a.environment,
          accountId: a.id,
          accountName: a.name,
          value,
          usage,
          percent: usage === null || value === null || value === 0 ? null : Math.round((usage / value) * 1000) / 10,
          openRequests: (read?.open ?? [])
            .filter((o) => quotaKey(o) === key)
            .map((o) => ({
              id: o.id,
              status: o.status,
              desiredValue: o.desiredValue,
              ...(o.created ? { created: o.created } : {}),
            })),
        };
      }),
    }));
}
