import type { HandlerContext, ObservedCall } from '../registry.js';

/**
 * Organizations forgets when an account's closure was asked for once it completes; the bill needs it (a closed account
 * stops costing), so Cost Explorer notes every successful CloseAccount it sees.
 */
export function noteClosures(call: ObservedCall, ctx: HandlerContext): void {
  if (call.service !== 'organizations' || call.operation !== 'CloseAccount' || call.status !== 200) return;
  const id = call.input.AccountId;
  if (typeof id !== 'string' || ctx.store.has('ceClosures', id)) return;
  ctx.store.put('ceClosures', id, { accountId: id, closedAt: call.time });
}
