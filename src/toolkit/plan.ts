import { readFileSync } from 'node:fs';
import { BulkheadError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import type { ObservedOrg } from '../model/observed.js';
import type { OrgModel } from '../model/organization.js';
import { diff } from '../plan/diff.js';
import { specHash, stateFingerprint } from '../plan/fingerprint.js';
import type { Plan } from '../plan/types.js';
import { refreshOrganization } from '../providers/aws/refresh.js';
import type { Connection } from './connect.js';
import { validate } from './validate.js';

export interface PlanOptions {
  file: string;
  connection: Connection;
  io: IoHost;
  /** The spec's model when the caller has validated it already (the CLI does, before it connects). */
  model?: OrgModel;
}

export interface PlanResult {
  plan: Plan;
  model: OrgModel;
  observed: ObservedOrg;
}

/** Loads a spec that must be valid; its diagnostics go to the IO host. */
export async function loadValidModel(file: string, io: IoHost): Promise<OrgModel> {
  const result = await validate({ file, io });
  if (!result.model) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new BulkheadError(
      'spec-invalid',
      `${file} has ${errors} error${errors === 1 ? '' : 's'}; nothing was sent to AWS`,
      { hint: `fix them (\`bulkhead validate -f ${file}\`) and plan again` },
    );
  }
  return result.model;
}

function totalCalls(connection: Connection): number {
  return [...connection.clients.calls.values()].reduce((a, b) => a + b, 0);
}

export async function refresh(connection: Connection, io: IoHost): Promise<ObservedOrg> {
  const started = Date.now();
  const callsBefore = totalCalls(connection);
  io.notify({
    type: 'progress',
    id: 'refresh',
    message: `reading the organization from the ${connection.description}`,
    state: 'start',
  });
  const observed = await refreshOrganization(connection.clients.organizations);
  const calls = totalCalls(connection) - callsBefore;
  io.notify({
    type: 'progress',
    id: 'refresh',
    message: `read ${observed.accounts.length} accounts, ${observed.organizationalUnits.length} OUs, ${observed.policies.length} policies (${calls} calls)`,
    state: 'done',
    elapsedMs: Date.now() - started,
  });
  return observed;
}

/** Refreshes the live organization and compares it with the spec. Sends no change to AWS. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const model = options.model ?? (await loadValidModel(options.file, options.io));
  const observed = await refresh(options.connection, options.io);
  const { changes, problems } = diff(model, observed);
  const result: Plan = {
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    target: options.connection.description,
    specFile: options.file,
    specHash: specHash(readFileSync(options.file, 'utf8')),
    stateFingerprint: stateFingerprint(observed),
    changes,
    problems,
  };
  return { plan: result, model, observed };
}
