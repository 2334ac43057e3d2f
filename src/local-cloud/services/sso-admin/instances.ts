import type { HandlerContext } from '../registry.js';
import { accessDenied, paginate, readInstanceArn, visibleInstance } from './common.js';
import type { SsoInstanceRecord } from './tables.js';

function instanceShape(i: SsoInstanceRecord): Record<string, unknown> {
  return {
    InstanceArn: i.arn,
    IdentityStoreId: i.identityStoreId,
    OwnerAccountId: i.ownerAccountId,
    CreatedDate: new Date(i.createdAt),
    Status: 'ACTIVE',
  };
}

export function listInstances(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const instance = visibleInstance(ctx, true);
  const { page, NextToken } = paginate(instance === undefined ? [] : [instance], 'ListInstances', input);
  return { Instances: page.map(instanceShape), NextToken };
}

/** DescribeInstance's errors have no ResourceNotFound (the model's): an instance the caller cannot see is AccessDenied. */
export function describeInstance(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const arn = readInstanceArn(input);
  const instance = visibleInstance(ctx, true);
  if (instance?.arn !== arn) throw accessDenied();
  return instanceShape(instance);
}
