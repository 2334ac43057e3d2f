import { formatDelay } from '../core/delay.js';
import { emit, type IoHost } from '../core/events.js';
import { emptyObservedState, organizationTree, type ObservedOrg, type ObservedState } from '../model/observed.js';
import { READERS } from '../providers/aws/registry.js';
import type { Connection } from './connect.js';

function totalCalls(connection: Connection): number {
  return [...connection.clients.calls.values()].reduce((a, b) => a + b, 0);
}

/** Reads every kind: each service's reader once, all of them at the same time. */
export async function refresh(connection: Connection, io: IoHost): Promise<ObservedState> {
  const started = Date.now();
  const callsBefore = totalCalls(connection);
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
  const parts = await Promise.all(READERS.map((r) => r.read(connection.clients))).finally(unsubscribe);
  const observed = Object.assign(emptyObservedState(), ...parts) as ObservedState;
  const calls = totalCalls(connection) - callsBefore;
  const counts = `${observed.account.length} accounts, ${observed['organizational-unit'].length} OUs, ${observed.policy.length} policies`;
  const message = `read ${counts} (${calls} calls)`;
  emit(io, { type: 'progress', code, id: 'refresh', message, state: 'done', elapsedMs: Date.now() - started });
  return observed;
}

/** The live organization as one tree, for access and show. */
export async function refreshTree(connection: Connection, io: IoHost): Promise<ObservedOrg> {
  return organizationTree(await refresh(connection, io));
}
