import { BulkheadError } from '../../core/errors.js';
import type { IoHost } from '../../core/events.js';
import type { OrgModel } from '../../model/organization.js';
import { identifyTarget } from '../../providers/aws/identity.js';
import { readLinkedAccounts } from '../../providers/aws/cost-explorer/linked-accounts.js';
import {
  CE_REQUEST_USD,
  costAllocationTagStatus,
  costExplorer,
  getCostAndUsage,
  getCostForecast,
  newRequestCounter,
  type CeContext,
  type CostForecast,
} from '../../providers/aws/cost-explorer/requests.js';
import { withConnection, type Connection, type TargetOptions } from '../connect.js';
import { resolveRange } from './dates.js';
import { parseGroupBy } from './group-by.js';
import { CostDirectory, needsTags } from './mapping.js';
import { planQueries, type Granularity } from './query-plan.js';
import { buildReport, type CostReport } from './report.js';

/** On AWS, more requests than this are confirmed first: Cost Explorer charges $0.01 for each. */
export const FREE_REQUEST_LIMIT = 10;

export interface CostOptions {
  target?: TargetOptions;
  connection?: Connection;
  io: IoHost;
  /** The validated spec: account → environment (kind, team); without one the live `environment` tags place accounts. */
  model?: OrgModel;
  from?: string;
  to?: string;
  /** environment (default), account, kind, team, service, tag:KEY. */
  by?: string;
  /** daily (default) or monthly. */
  granularity?: string;
  now?: () => number;
  /**
   * Asked on `--target aws` before request number FREE_REQUEST_LIMIT + 1: true goes on. Absent (non-interactive
   * without --yes): refused with E-COST-REQUESTS.
   */
  confirmRequests?: (info: { made: number; planned: number; usdEach: number }) => Promise<boolean>;
  /** `--yes`: no question. */
  yes?: boolean;
}

export function parseGranularity(text: string | undefined): Granularity {
  const value = (text ?? 'daily').trim().toLowerCase();
  if (value === 'daily' || value === 'monthly') return value === 'daily' ? 'DAILY' : 'MONTHLY';
  throw new BulkheadError('E-COST-GRANULARITY', `--granularity "${text}" is not daily or monthly`, {
    hint: 'use --granularity daily or --granularity monthly',
  });
}

function tagInactive(key: string, status: 'Inactive' | undefined): BulkheadError {
  const why =
    status === 'Inactive'
      ? `the tag key "${key}" is not an active cost-allocation tag, so Cost Explorer cannot group by it`
      : `Cost Explorer does not know the tag key "${key}" as a cost-allocation tag (no account or resource it bills carries it yet, or billing has not seen it)`;
  return new BulkheadError('E-COST-TAG-INACTIVE', why, {
    hint: `activate it: add \`costAllocationTags: [${key}]\` to org.yaml and run \`bulkhead apply\`, or in the Billing console under Cost allocation tags; Cost Explorer groups by it from then on (up to 24 hours later)`,
  });
}

const isDataUnavailable = (err: unknown): boolean => (err as { name?: string }).name === 'DataUnavailableException';

/**
 * What the organization costs, grouped by environment (or account, kind, team, service, tag), through Cost Explorer
 * with as few requests as the grouping needs, every page followed. Bad input fails before anything connects.
 */
export async function cost(options: CostOptions): Promise<CostReport> {
  const now = (options.now ?? Date.now)();
  const range = resolveRange(
    { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) },
    now,
  );
  const by = parseGroupBy(options.by);
  const granularity = parseGranularity(options.granularity);
  const plan = planQueries(range, granularity, by);
  return withConnection(options, async (connection) => {
    const counter = newRequestCounter();
    const onAws = connection.target.kind === 'aws';
    // One question however many requests reach the limit together.
    let approval: Promise<boolean> | undefined = !onAws || options.yes === true ? Promise.resolve(true) : undefined;
    const ctx: CeContext = {
      client: costExplorer(connection.clients),
      counter,
      gate: async (n) => {
        if (n <= FREE_REQUEST_LIMIT) return;
        approval ??= options.confirmRequests
          ? options.confirmRequests({ made: n - 1, planned: n, usdEach: CE_REQUEST_USD })
          : Promise.resolve(false);
        if (await approval) return;
        throw new BulkheadError(
          'E-COST-REQUESTS',
          `this report needs more than ${FREE_REQUEST_LIMIT} Cost Explorer requests (${n - 1} made so far, $${CE_REQUEST_USD.toFixed(2)} each: the answers run to more pages)`,
          { hint: 'rerun with --yes to allow the extra requests, or narrow the range or use --granularity monthly' },
        );
      },
    };
    if (plan.tagStatus !== undefined) {
      const status = await costAllocationTagStatus(ctx, plan.tagStatus);
      if (status !== 'Active') throw tagInactive(plan.tagStatus, status);
    }
    const model = options.model;
    const notes: string[] = [];
    // The organization is read while Cost Explorer answers: the mapping is only needed for the report.
    const [identity, live, series, services, previous, forecast] = await Promise.all([
      identifyTarget(connection.clients).catch(() => undefined),
      readLinkedAccounts(connection.clients, needsTags(model, by)),
      getCostAndUsage(ctx, plan.series),
      plan.services ? getCostAndUsage(ctx, plan.services) : undefined,
      plan.previous ? getCostAndUsage(ctx, plan.previous) : undefined,
      plan.forecast
        ? getCostForecast(ctx, plan.forecast.start, plan.forecast.end).catch((err: unknown): CostForecast | null => {
            if (!isDataUnavailable(err)) throw err;
            notes.push('no forecast: Cost Explorer has too little history to forecast this month yet');
            return null;
          })
        : undefined,
    ]);
    const directory = new CostDirectory(model, live, identity?.managementAccountId);
    return buildReport({
      range,
      granularity,
      by,
      plan,
      directory,
      series,
      ...(services ? { services } : {}),
      ...(previous ? { previous } : {}),
      ...(forecast !== undefined ? { forecast } : {}),
      requests: counter,
      notes,
    });
  });
}
