import { say, type IoHost } from '../core/events.js';
import type { OrgModel } from '../model/organization.js';
import { checkTarget, describeIdentity, identifyTarget } from '../providers/aws/identity.js';
import type { Connection } from './connect.js';

/**
 * Says who the calls go out as and into which organization, and refuses a target whose
 * organization has another management account than the spec's `managementAccount.id`.
 */
export async function checkedTarget(connection: Connection, model: OrgModel | undefined, io: IoHost): Promise<string> {
  const identity = await identifyTarget(connection.clients);
  const problem = checkTarget(identity, model?.managementAccount.id);
  if (problem) throw problem;
  const line = `${connection.description}: ${describeIdentity(identity)}`;
  say(io, 'target.identity', line, identity);
  return line;
}
