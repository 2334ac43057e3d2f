import { accountCostModel, dayOfTime, type AccountCostModel } from '../../usage/synthetic-cost.js';
import type { Store } from '../../store/store.js';
import type { HandlerContext } from '../registry.js';

/** One account of the bill the caller may read, with its cost model built once. */
export interface BilledAccount {
  id: string;
  name: string;
  tags: Readonly<Record<string, string>>;
  model: AccountCostModel;
  /** The first day it no longer costs (its closure), or undefined. */
  stopDay: number | undefined;
}

export interface BillScope {
  /** The account that pays: the organization's management account, or the caller when it stands alone. */
  payerAccountId: string;
  /** In account id order (the order Cost Explorer lists LINKED_ACCOUNT values in here). */
  accounts: readonly BilledAccount[];
}

interface Cached {
  stamp: string;
  scopes: Map<string, BillScope>;
}
const cache = new WeakMap<Store, Cached>();

/**
 * The accounts the caller's bill covers. AWS: the management account of an organization sees every member account
 * (linked accounts); a member account sees only its own costs. (AWS lets the management account choose whether members
 * see more; the local cloud always answers a member with its own account only.) Accounts closed stop costing from the
 * day their closure was requested; every other account costs every day of Cost Explorer's window, so a freshly made
 * organization already has a year of history to report on.
 */
export function billScope(ctx: HandlerContext): BillScope {
  const store = ctx.store;
  const stamp = ['accounts', 'tags', 'organizations', 'ceClosures', 'ceAllocationTags']
    .map((t) => store.version(t as 'accounts'))
    .join(',')
    .concat('|', ctx.config.cost.seed);
  let cached = cache.get(store);
  if (cached === undefined || cached.stamp !== stamp) {
    cached = { stamp, scopes: new Map() };
    cache.set(store, cached);
  }
  const caller = ctx.principal.accountId;
  let scope = cached.scopes.get(caller);
  if (scope === undefined) {
    scope = buildScope(store, caller, ctx.config.cost.seed);
    cached.scopes.set(caller, scope);
  }
  return scope;
}

function buildScope(store: Store, caller: string, seed: string): BillScope {
  const self = store.get('accounts', caller);
  const org =
    self?.organizationId === null || self === undefined ? undefined : store.get('organizations', self.organizationId);
  const management = org?.managementAccountId;
  const members =
    org !== undefined && management === caller
      ? [...store.values('accounts')].filter((a) => a.organizationId === org.id)
      : self === undefined
        ? []
        : [self];
  members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const accounts = members.map((a): BilledAccount => {
    const tags = store.get('tags', a.id)?.tags ?? {};
    const closure = store.get('ceClosures', a.id);
    return {
      id: a.id,
      name: a.name,
      tags,
      model: accountCostModel(seed, { id: a.id, name: a.name, tags, management: a.id === management }),
      stopDay: closure === undefined ? undefined : dayOfTime(closure.closedAt),
    };
  });
  return { payerAccountId: management ?? caller, accounts };
}
