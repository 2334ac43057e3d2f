import type { AccountClients } from './account-clients.js';
import type { AwsClients } from './clients.js';
import { scopedClient, type SendScope } from './send-scope.js';

/**
 * A view of `clients` whose every SDK client sends its commands under `scope` (send-scope.ts). The clients
 * themselves are shared: the view builds nothing, and destroying it destroys nothing.
 */
export function scopedView(clients: AwsClients, scope: SendScope): AwsClients {
  const wrapped = new WeakMap<object, object>();
  const wrap = <C extends object>(client: C): C => {
    let view = wrapped.get(client) as C | undefined;
    if (view === undefined) wrapped.set(client, (view = scopedClient(client, scope)));
    return view;
  };
  const account = (a: AccountClients): AccountClients => ({
    ...a,
    sts: wrap(a.sts),
    client: (ctor, region) => wrap(a.client(ctor, region)),
  });
  return {
    organizations: wrap(clients.organizations),
    sts: wrap(clients.sts),
    inIdentityCenter: (ctor) => wrap(clients.inIdentityCenter(ctor)),
    get homeRegion() {
      return clients.homeRegion;
    },
    useHomeRegion: (region) => clients.useHomeRegion(region),
    inHomeRegion: (ctor) => wrap(clients.inHomeRegion(ctor)),
    forAccount: async (accountId, options) => account(await clients.forAccount(accountId, options)),
    client: (ctor, region) => wrap(clients.client(ctor, region)),
    calls: clients.calls,
    origin: clients.origin,
    async counted(work) {
      const counter = { calls: 0 };
      const value = await work(scopedView(clients, { ...scope, counter }));
      return { value, calls: counter.calls };
    },
    forChange: (change) => scopedView(clients, { ...scope, change }),
    onRetry: (listener) => clients.onRetry(listener),
    destroy: () => {},
  };
}
