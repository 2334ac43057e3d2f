import {
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListCreateAccountStatusCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import {
  emptyObservedState,
  organizationTree,
  type ObservedAccount,
  type ObservedAttachment,
  type ObservedOrg,
  type ObservedOu,
  type ObservedPolicy,
  type ObservedState,
} from '../../../model/observed.js';
import { LOCK_POLICY_NAME } from '../lock.js';
import { allPages } from '../paginate.js';
import { WorkPool } from '../work-pool.js';

// AWS Organizations: list operations return at most 20 items per page.
const PAGE = 20;

export interface RefreshOptions {
  /** Calls in flight at once. */
  concurrency?: number;
}

async function tagsOf(org: OrganizationsClient, id: string): Promise<Record<string, string>> {
  const tags = await allPages((token) =>
    org
      .send(new ListTagsForResourceCommand({ ResourceId: id, NextToken: token }))
      .then((r) => ({ items: r.Tags, next: r.NextToken })),
  );
  return Object.fromEntries(tags.map((t) => [t.Key!, t.Value ?? '']));
}

/**
 * Reads the organization: the OU tree breadth first from the root, accounts per parent (which also
 * gives each account's parent without one ListParents call per account), SCPs with their content
 * and targets, tags, and CreateAccount requests still in progress.
 */
export async function readOrganizations(
  org: OrganizationsClient,
  options: RefreshOptions = {},
): Promise<ObservedState> {
  const limit = options.concurrency ?? 8;
  // The organization, its root and the requests in progress are asked for at once. Requests in progress are read
  // before the accounts: one that finishes in between then shows up as an account. Read after, it could show up in
  // neither, and be planned (and sent) again.
  const describing = org.send(new DescribeOrganizationCommand({}));
  const listingRoots = allPages((token) =>
    org.send(new ListRootsCommand({ NextToken: token })).then((r) => ({ items: r.Roots, next: r.NextToken })),
  );
  const inProgressRead = allPages((token) =>
    org
      .send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], MaxResults: PAGE, NextToken: token }))
      .then((r) => ({ items: r.CreateAccountStatuses, next: r.NextToken })),
  );
  // Awaited below; without an organization they fail like DescribeOrganization, which says so.
  listingRoots.catch(() => {});
  inProgressRead.catch(() => {});
  let described;
  try {
    described = (await describing).Organization;
  } catch (err) {
    if (
      err instanceof AWSOrganizationsNotInUseException ||
      (err as { name?: string }).name === 'AWSOrganizationsNotInUseException'
    ) {
      await Promise.allSettled([listingRoots, inProgressRead]);
      return emptyObservedState();
    }
    throw err;
  }
  const roots = await listingRoots;
  const root = roots[0]!;
  // The root's tags first, before anything else is read: they hold the apply mark (apply-mark.ts), and an apply
  // that finished while the rest was read must show up as a mark that moved, not as one read after its changes.
  const rootTags = { id: root.Id!, tags: await tagsOf(org, root.Id!) };
  const enabledPolicyTypes = (root.PolicyTypes ?? []).filter((p) => p.Status === 'ENABLED').map((p) => p.Type!);
  // Everything else at once, up to `limit` calls in flight: each listing queues what it finds to read.
  const pool = new WorkPool(limit);
  const LISTING = 0;
  const TAGS = 1;
  const childrenOf = new Map<string, ObservedOu[]>();
  const accountsOf = new Map<string, ObservedAccount[]>();
  const tagsById = new Map<string, Record<string, string>>();
  const readTags = (id: string) => pool.add(TAGS, async () => void tagsById.set(id, await tagsOf(org, id)));
  const listAccounts = (parentId: string) =>
    pool.add(LISTING, async () => {
      await inProgressRead;
      const accounts = await allPages((token) =>
        org
          .send(new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: PAGE, NextToken: token }))
          .then((r) => ({ items: r.Accounts, next: r.NextToken })),
      );
      const observed = accounts.map((a): ObservedAccount => ({
        id: a.Id!,
        arn: a.Arn!,
        name: a.Name ?? '',
        email: a.Email ?? '',
        status: a.Status ?? a.State ?? 'ACTIVE',
        parentId,
        tags: {},
      }));
      accountsOf.set(parentId, observed);
      // The management account too: an entry for it in the spec converges on its tags like any other.
      for (const a of observed) readTags(a.id);
    });
  const listOus = (parentId: string, parentPath: string | null) =>
    pool.add(LISTING, async () => {
      const ous = await allPages((token) =>
        org
          .send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: PAGE, NextToken: token }))
          .then((r) => ({ items: r.OrganizationalUnits, next: r.NextToken })),
      );
      const observed = ous.map((ou): ObservedOu => {
        const path = parentPath === null ? ou.Name! : `${parentPath}/${ou.Name!}`;
        return { id: ou.Id!, arn: ou.Arn!, name: ou.Name!, parentId, path, tags: {} };
      });
      childrenOf.set(parentId, observed);
      for (const ou of observed) {
        listOus(ou.id, ou.path);
        listAccounts(ou.id);
        readTags(ou.id);
      }
    });
  listOus(root.Id!, null);
  listAccounts(root.Id!);
  const policyReads = new Map<string, { content?: string; targets?: string[] }>();
  let summaries: PolicySummary[] = [];
  if (enabledPolicyTypes.includes('SERVICE_CONTROL_POLICY')) {
    pool.add(LISTING, async () => {
      // The apply lock is a policy too, but not part of the organization's state: a plan made while
      // no apply ran must stay valid for the apply that then takes the lock.
      summaries = (
        await allPages((token) =>
          org
            .send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: PAGE, NextToken: token }))
            .then((r) => ({ items: r.Policies, next: r.NextToken })),
        )
      ).filter((p) => p.Name !== LOCK_POLICY_NAME);
      for (const s of summaries) {
        const read: { content?: string; targets?: string[] } = {};
        policyReads.set(s.Id!, read);
        // AWS-managed policies (FullAWSAccess) are never changed: their content and tags are not needed.
        if (!s.AwsManaged) {
          pool.add(LISTING, async () => {
            read.content = (await org.send(new DescribePolicyCommand({ PolicyId: s.Id! }))).Policy?.Content ?? '';
          });
          readTags(s.Id!);
        }
        pool.add(LISTING, async () => {
          const targets = await allPages((token) =>
            org
              .send(new ListTargetsForPolicyCommand({ PolicyId: s.Id!, MaxResults: PAGE, NextToken: token }))
              .then((r) => ({ items: r.Targets, next: r.NextToken })),
          );
          read.targets = targets.map((t) => t.TargetId!);
        });
      }
    });
  }
  await pool.done();
  const inProgress = await inProgressRead;

  // In the order a level-by-level walk from the root lists them, whichever answer came first.
  const organizationalUnits: ObservedOu[] = [];
  for (let level = [root.Id!]; level.length > 0;) {
    const next: string[] = [];
    for (const parent of level) {
      for (const ou of childrenOf.get(parent) ?? []) {
        organizationalUnits.push({ ...ou, tags: tagsById.get(ou.id) ?? {} });
        next.push(ou.id);
      }
    }
    level = next;
  }
  const parents = [root.Id!, ...organizationalUnits.map((ou) => ou.id)];
  const accounts = parents.flatMap((p) =>
    (accountsOf.get(p) ?? []).map((a) => ({ ...a, tags: tagsById.get(a.id) ?? {} })),
  );
  const policies: ObservedPolicy[] = summaries.map((s) => ({
    id: s.Id!,
    arn: s.Arn!,
    name: s.Name!,
    description: s.Description ?? '',
    awsManaged: s.AwsManaged ?? false,
    content: policyReads.get(s.Id!)?.content ?? '',
    tags: s.AwsManaged ? {} : (tagsById.get(s.Id!) ?? {}),
  }));
  const attachments: ObservedAttachment[] = summaries.flatMap((s) =>
    (policyReads.get(s.Id!)?.targets ?? []).map((targetId) => ({ policyId: s.Id!, policyName: s.Name!, targetId })),
  );
  return {
    ...emptyObservedState(),
    organization: [
      {
        id: described!.Id!,
        arn: described!.Arn!,
        managementAccountId: described!.MasterAccountId!,
        featureSet: described!.FeatureSet ?? 'ALL',
        root: { id: root.Id!, arn: root.Arn!, tags: rootTags.tags },
      },
    ],
    'policy-type': enabledPolicyTypes.map((type) => ({ type, rootId: root.Id! })),
    'organizational-unit': organizationalUnits,
    account: accounts,
    policy: policies,
    'policy-attachment': attachments,
    pending: {
      createAccount: inProgress.map((s) => ({ requestId: s.Id!, accountName: s.AccountName ?? '' })),
      assignments: [],
    },
  };
}

/** The organization as one tree (for access, show and import). */
export async function refreshOrganization(
  org: OrganizationsClient,
  options: RefreshOptions = {},
): Promise<ObservedOrg> {
  return organizationTree(await readOrganizations(org, options));
}
