import { emit, type BulkheadEvent, type EventInput, type IoHost } from '../core/events.js';
import type { ObservedState } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import type { Connection } from './connect.js';
import { refresh, type RefreshOptions } from './refresh.js';
import { checkedTarget } from './target-check.js';

/**
 * The target check and the refresh, overlapped: the organization's reads start with the check's two
 * calls instead of after them (STS GetCallerIdentity alone takes longer than a page of Organizations).
 * Nothing is shown of the refresh, and nothing it read is used, unless the target passes its check: a
 * refused target is reported as before, whatever the reads met meanwhile. Reads only: nothing is
 * written anywhere before the check.
 */
export async function checkedRefresh(
  connection: Connection,
  model: OrgModel | undefined,
  io: IoHost,
  options: RefreshOptions,
): Promise<{ target: string; observed: ObservedState }> {
  const held = heldIo(io);
  const reading = refresh(connection, held.io, options);
  reading.catch(() => {}); // its failure is reported below, once the target has passed
  let target: string;
  try {
    target = await checkedTarget(connection, model, io);
  } catch (err) {
    await reading.catch(() => {}); // no read left in flight on a connection about to close
    throw err;
  }
  held.release();
  return { target, observed: await reading };
}

/** An IO host that keeps events until released, then passes them on in order (numbered by `io`). */
function heldIo(io: IoHost): { io: IoHost; release(): void } {
  let held: EventInput[] | undefined = [];
  const pass = (event: BulkheadEvent) => {
    const { level: _level, time: _time, seq: _seq, ...input } = event;
    return input as EventInput;
  };
  return {
    io: {
      notify(event) {
        if (held) held.push(pass(event));
        else emit(io, pass(event));
      },
      ...(io.ask ? { ask: (q) => io.ask!(q) } : {}),
    },
    release() {
      const events = held ?? [];
      held = undefined;
      for (const e of events) emit(io, e);
    },
  };
}
