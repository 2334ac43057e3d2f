import { AwsApiError } from '../../errors.js';
import { usageQuotas } from '../../usage/quota-usage.js';
import { decodeToken, encodeToken } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { dimensionList, listOf } from './common.js';

/** ListMetrics answers up to 500 metrics a page (AWS). */
export const LIST_PAGE = 500;

/**
 * ListMetrics: the quota usage metrics (every account reports each quota's usage metric), filtered by namespace, name
 * and dimension filters (a filter without Value matches any value of that dimension).
 */
export function listMetrics(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const filters = listOf(input.Dimensions).map((d) => (d ?? {}) as Record<string, unknown>);
  if (filters.length > 10)
    throw new AwsApiError(
      'InvalidParameterValueException',
      'The collection Dimensions must not have a size greater than 10.',
    );
  const metrics = usageQuotas()
    .map((q) => q.usage?.metric)
    .filter((m) => m !== undefined)
    .filter((m) => input.Namespace === undefined || m.namespace === input.Namespace)
    .filter((m) => input.MetricName === undefined || m.name === input.MetricName)
    .filter((m) =>
      filters.every(
        (f) =>
          typeof f.Name === 'string' &&
          f.Name in m.dimensions &&
          (f.Value === undefined || m.dimensions[f.Name] === f.Value),
      ),
    )
    .filter(() => input.OwningAccount === undefined || input.OwningAccount === ctx.principal.accountId);
  let offset = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    const decoded = typeof input.NextToken === 'string' ? decodeToken('ListMetrics', input.NextToken) : undefined;
    if (decoded === undefined)
      throw new AwsApiError('InvalidParameterValueException', 'The service cannot find the next token.');
    offset = decoded;
  }
  const page = metrics.slice(offset, offset + LIST_PAGE);
  const next = offset + LIST_PAGE < metrics.length ? encodeToken('ListMetrics', offset + LIST_PAGE) : undefined;
  return {
    Metrics: page.map((m) => ({ Namespace: m.namespace, MetricName: m.name, Dimensions: dimensionList(m.dimensions) })),
    ...(input.IncludeLinkedAccounts === true ? { OwningAccounts: page.map(() => ctx.principal.accountId) } : {}),
    ...(next === undefined ? {} : { NextToken: next }),
  };
}
