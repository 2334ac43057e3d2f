import { organizationTree } from '../../src/model/observed.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { freshLocalCloud } from './local-connection.js';

type Stack = {
  middlewareStack: { add(mw: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void };
};

/**
 * AWS accepted a request but its answer never arrived (a timeout, a dropped connection): the SDK
 * sends it again. A repeated CreateAccount fails EMAIL_ALREADY_EXISTS while the first creates the
 * account; a repeated MoveAccount finds the account no longer in its source parent; a repeated
 * delete finds nothing to delete.
 */
interface GrowthSpec {
  organizationalUnits: { name: string; accounts?: string[] }[];
  guardrails: { use: string }[];
}

/**
 * Drops the Deployments OU (its account moves to Infrastructure) and the deny-iam-users guardrail, the only one on
 * ou:Workloads, so its packed SCP guardrails-ou-workloads is detached and deleted.
 */
function dropOuAndPolicy(file: string): void {
  const spec = parse(readFileSync(file, 'utf8')) as GrowthSpec;
  spec.organizationalUnits = spec.organizationalUnits.filter((o) => o.name !== 'Deployments');
  spec.organizationalUnits.find((o) => o.name === 'Infrastructure')!.accounts!.push('acme-build');
  spec.guardrails = spec.guardrails.filter((g) => g.use !== 'deny-iam-users');
  writeFileSync(file, stringify(spec));
}

for (const command of [
  'CreateAccountCommand',
  'MoveAccountCommand',
  'DeleteOrganizationalUnitCommand',
  'DeletePolicyCommand',
]) {
  describe(`a ${command.replace(/Command$/, '')} whose answer is lost`, () => {
    let env: Awaited<ReturnType<typeof freshLocalCloud>>;
    let file: string;
    let lost = 0;
    const deletes = command.startsWith('Delete');
    let armed = !deletes;

    beforeAll(async () => {
      // CreateAccount takes 150 ms (the default 3 s at time scale 1/20).
      env = await freshLocalCloud({ fast: false, timeScale: 1 / 20 });
      file = join(env.dir, 'org.yaml');
      init({ template: 'growth', file });
      // Inside the SDK's retry loop: the first such request reaches the local cloud, its answer is dropped.
      (env.connection.clients.organizations as unknown as Stack).middlewareStack.add(
        (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
          const result = await next(args);
          if (armed && context.commandName === command && lost++ === 0)
            throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
          return result;
        },
        { step: 'deserialize', name: 'loseFirstAnswer', priority: 'high' },
      );
    });
    afterAll(async () => {
      await env.connection.close();
      await env.cloud.close();
    });

    it('carries on: no failed change, each account once, an empty plan', async () => {
      const io = new RecordingIoHost();
      if (deletes) {
        expect(
          (await apply({ yes: true, file, connection: env.connection, io, pollDelayMs: () => 20 })).failed,
        ).toEqual([]);
        dropOuAndPolicy(file);
        armed = true;
      }
      const applied = await apply({
        yes: true,
        file,
        connection: env.connection,
        io,
        pollDelayMs: () => 20,
        allowDestroy: true,
      });
      expect(applied.done.some((id) => id.startsWith(deletes ? 'delete-' : 'account:'))).toBe(true);
      expect(lost).toBeGreaterThanOrEqual(1);
      expect(applied.failed).toEqual([]);
      const again = await plan({ file, connection: env.connection, io });
      expect(again.plan.changes).toEqual([]);
      const tree = organizationTree(again.observed);
      const members = tree.accounts.filter((a) => a.id !== tree.organization!.managementAccountId);
      expect(members.map((a) => a.email).sort()).toEqual([...again.model.accounts.values()].map((a) => a.email).sort());
    }, 30_000);
  });
}
