import type { WalkEvent } from '../apply/walker.js';
import { addressText } from '../model/kinds.js';
import type { Ref } from '../model/payloads.js';
import type { Change } from '../plan/types.js';
import { ChangeFailedError } from '../providers/aws/organizations/common.js';

type Settled = { ok: true } | { ok: false; why: string };

/**
 * A change's `awaits`: the changes whose physical ids it needs only for its last step. It waits for
 * them when it gets there, not before it starts. An awaited change must not wait for a slot its
 * awaiters hold (an OU never waits for an account creation), or the walk would never end.
 */
export function awaitsOf(changes: readonly Change[], resolve: (ref: Ref) => string, signal: AbortSignal) {
  const byAddress = new Map(changes.map((c) => [addressText({ kind: c.kind, key: c.key }), c]));
  const started = new Set<string>(); // running now: started, and not waiting to retry
  const settled = new Map<string, Settled>();
  const waiters = new Map<string, (() => void)[]>();
  const settle = (id: string, outcome: Settled) => {
    settled.set(id, outcome);
    for (const wake of waiters.get(id) ?? []) wake();
    waiters.delete(id);
  };
  // Cancelled: what is not running never will (one waiting to retry is left as it is, with no event of its
  // own); what runs finishes, and its awaiters with it.
  signal.addEventListener(
    'abort',
    () => {
      for (const id of [...waiters.keys()]) if (!started.has(id)) settle(id, { ok: false, why: 'cancelled' });
    },
    { once: true },
  );

  return {
    observe(e: WalkEvent): void {
      if (e.type === 'start') started.add(e.id);
      else if (e.type === 'retry') started.delete(e.id);
      else if (e.type === 'done') settle(e.id, { ok: true });
      else if (e.type === 'failed') settle(e.id, { ok: false, why: 'failed' });
      else if (e.type === 'skipped') settle(e.id, { ok: false, why: `was skipped (${e.because})` });
    },

    async wait(awaiting: Change, ref: Ref): Promise<string> {
      if (ref.id) return ref.id;
      const producer = byAddress.get(addressText(ref.address));
      if (!producer || !awaiting.awaits?.includes(producer.id)) return resolve(ref);
      if (!settled.has(producer.id)) {
        if (signal.aborted && !started.has(producer.id)) throw signal.reason;
        await new Promise<void>((wake) => waiters.set(producer.id, [...(waiters.get(producer.id) ?? []), wake]));
      }
      const outcome = settled.get(producer.id)!;
      if (outcome.ok) return resolve(ref);
      if (outcome.why === 'cancelled') throw signal.reason;
      throw new ChangeFailedError(awaiting.id, 'DependencyFailed', `${addressText(ref.address)} ${outcome.why}`);
    },
  };
}
