import type { IoHost } from '../../core/events.js';
import { checkTarget, identifyTarget, type TargetIdentity } from '../../providers/aws/identity.js';
import type { OrgModel } from '../../model/organization.js';
import type { Connection } from '../connect.js';
import { refresh } from '../refresh.js';
import { resolveStage, type Stage, type StageQuery } from './resolve.js';

/**
 * Resolves a stage against the live organization the connection reaches (its Organizations reader
 * only): refuses credentials of another organization than the spec's `managementAccount.id`.
 */
export async function loadLiveStage(
  connection: Connection,
  model: OrgModel,
  query: StageQuery,
  io: IoHost,
): Promise<{ stage: Stage; caller: TargetIdentity }> {
  const caller = await identifyTarget(connection.clients);
  const problem = checkTarget(caller, model.managementAccount.id);
  if (problem) throw problem;
  const observed = await refresh(connection, io, { identity: false });
  const stage = resolveStage(model, { organization: observed.organization[0], accounts: observed.account }, query);
  return { stage, caller };
}
