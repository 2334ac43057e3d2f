// Identity Center at scale, a measuring script (not a test): `npm run build`, then
// `node bench/local-cloud-identity.js`. Builds 1,000 accounts × 10 permission sets × 40 groups (two groups
// per permission set in every account: 20,000 GROUP assignments) through the AWS SDK against a local cloud in its
// own process, then times a full listing both ways and the status lists. Sizes: SCALE_ACCOUNTS, SCALE_CONCURRENCY.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sso-admin';
import { CreateGroupCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { startDetachedLocalCloud, stopLocalCloud } from '../dist/local-cloud/index.js';

const ACCOUNTS = Number(process.env.SCALE_ACCOUNTS ?? 1000);
const SETS = 10;
const GROUPS = 40;
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY ?? 8);

/** Runs `fn` over `items` with at most CONCURRENCY in flight. */
async function pool(items, fn) {
  let next = 0;
  const out = new Array(items.length);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function retrying(fn) {
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (
        ![
          'ConflictException',
          'ThrottlingException',
          'TooManyRequestsException',
          'ConcurrentModificationException',
        ].includes(err.name)
      )
        throw err;
      await sleep(5);
    }
  }
}

async function timed(label, calls, fn) {
  calls.n = 0;
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  console.log(`${label}: ${calls.n} calls, ${Math.round(ms)} ms, ${Math.round((calls.n * 1000) / ms)} calls/s`);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-sso-scale-'));
const cloud = await startDetachedLocalCloud({ dataDir: join(dir, 'data'), fast: true, timeScale: 0, port: 0 });
try {
  const config = { endpoint: cloud.endpoint, region: cloud.region, credentials: { ...cloud.credentials } };
  const org = new O.OrganizationsClient({ ...config, maxAttempts: 1 });
  const sso = new S.SSOAdminClient({ ...config, maxAttempts: 1 });
  const ids = new IdentitystoreClient({ ...config, maxAttempts: 1 });
  const calls = { n: 0 };
  const send = (client, command) => {
    calls.n++;
    return client.send(command);
  };

  await org.send(new O.CreateOrganizationCommand({}));
  await org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  const accounts = await timed(`create ${ACCOUNTS} accounts`, calls, () =>
    pool([...Array(ACCOUNTS).keys()], async (i) => {
      const started = await retrying(() =>
        send(org, new O.CreateAccountCommand({ Email: `scale-${i}@example.com`, AccountName: `scale-${i}` })),
      );
      for (;;) {
        const s = await send(
          org,
          new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus.Id }),
        );
        if (s.CreateAccountStatus.State === 'SUCCEEDED') return s.CreateAccountStatus.AccountId;
        if (s.CreateAccountStatus.State === 'FAILED') throw new Error(s.CreateAccountStatus.FailureReason);
      }
    }),
  );
  const instance = (await sso.send(new S.ListInstancesCommand({}))).Instances[0];
  const InstanceArn = instance.InstanceArn;
  const sets = [];
  for (let p = 0; p < SETS; p++)
    sets.push(
      (await sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: `Set${p}` }))).PermissionSet
        .PermissionSetArn,
    );
  const groups = [];
  for (let g = 0; g < GROUPS; g++)
    groups.push(
      (await ids.send(new CreateGroupCommand({ IdentityStoreId: instance.IdentityStoreId, DisplayName: `group-${g}` })))
        .GroupId,
    );
  // Group g holds permission set g mod SETS; even accounts get groups 0-19, odd ones 20-39: every account has
  // every set through two groups (20 assignments), every group is in half the accounts.
  const cells = [];
  accounts.forEach((TargetId, i) => {
    const first = (i % 2) * (GROUPS / 2);
    for (let g = first; g < first + GROUPS / 2; g++)
      cells.push({ TargetId, PermissionSetArn: sets[g % SETS], PrincipalId: groups[g] });
  });
  await timed(`create ${cells.length} assignments`, calls, () =>
    pool(cells, async (c) => {
      const r = await retrying(() =>
        send(
          sso,
          new S.CreateAccountAssignmentCommand({
            InstanceArn,
            TargetType: 'AWS_ACCOUNT',
            PrincipalType: 'GROUP',
            ...c,
          }),
        ),
      );
      for (;;) {
        const s = await send(
          sso,
          new S.DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn,
            AccountAssignmentCreationRequestId: r.AccountAssignmentCreationStatus.RequestId,
          }),
        );
        if (s.AccountAssignmentCreationStatus.Status === 'SUCCEEDED') return;
        if (s.AccountAssignmentCreationStatus.Status === 'FAILED')
          throw new Error(s.AccountAssignmentCreationStatus.FailureReason);
      }
    }),
  );

  const drain = async (page) => {
    const items = [];
    let NextToken;
    do {
      const out = await page(NextToken);
      items.push(...out.items);
      NextToken = out.NextToken;
    } while (NextToken !== undefined);
    return items;
  };
  const provisioned = await timed('ListPermissionSetsProvisionedToAccount per account', calls, () =>
    pool(accounts, (AccountId) =>
      drain(async (NextToken) => {
        const o = await send(
          sso,
          new S.ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId, NextToken }),
        );
        return { items: o.PermissionSets, NextToken: o.NextToken };
      }),
    ),
  );
  const pairs = accounts.flatMap((AccountId, i) =>
    provisioned[i].map((PermissionSetArn) => ({ AccountId, PermissionSetArn })),
  );
  const byPair = await timed('ListAccountAssignments per account × provisioned permission set', calls, () =>
    pool(pairs, (p) =>
      drain(async (NextToken) => {
        const o = await send(sso, new S.ListAccountAssignmentsCommand({ InstanceArn, ...p, NextToken }));
        return { items: o.AccountAssignments, NextToken: o.NextToken };
      }),
    ),
  );
  const byGroup = await timed('ListAccountAssignmentsForPrincipal per group', calls, () =>
    pool(groups, (PrincipalId) =>
      drain(async (NextToken) => {
        const o = await send(
          sso,
          new S.ListAccountAssignmentsForPrincipalCommand({
            InstanceArn,
            PrincipalId,
            PrincipalType: 'GROUP',
            NextToken,
          }),
        );
        return { items: o.AccountAssignments, NextToken: o.NextToken };
      }),
    ),
  );
  const statuses = await timed('ListAccountAssignmentCreationStatus (all pages)', calls, () =>
    drain(async (NextToken) => {
      const o = await send(sso, new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn, NextToken }));
      return { items: o.AccountAssignmentsCreationStatus, NextToken: o.NextToken };
    }),
  );
  console.log(
    `assignments listed: ${byPair.flat().length} per pair, ${byGroup.flat().length} per group; statuses: ${statuses.length}`,
  );
} finally {
  await stopLocalCloud(join(dir, 'data'));
  rmSync(dir, { recursive: true, force: true });
}
