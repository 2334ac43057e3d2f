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
import { allPages, mapLimit } from '../paginate.js';

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
  let described;
  try {
    described = (await org.send(new DescribeOrganizationCommand({}))).Organization;
  } catch (err) {
    if (
      err instanceof AWSOrganizationsNotInUseException ||
      (err as { name?: string }).name === 'AWSOrganizationsNotInUseException'
    ) {
      return emptyObservedState();
    }
    throw err;
  }
  // Requests in progress are read before the accounts: one that finishes in between then shows up
  // as an account. Read after, it could show up in neither, and be planned (and sent) again.
  const inProgressRead = allPages((token) =>
    org
      .send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], MaxResults: PAGE, NextToken: token }))
      .then((r) => ({ items: r.CreateAccountStatuses, next: r.NextToken })),
  );
  inProgressRead.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
  const roots = await allPages((token) =>
    org.send(new ListRootsCommand({ NextToken: token })).then((r) => ({ items: r.Roots, next: r.NextToken })),
  );
  const root = roots[0]!;
  // The root's tags first, before anything else is read: they hold the apply mark (apply-mark.ts), and an apply
  // that finished while the rest was read must show up as a mark that moved, not as one read after its changes.
  const rootTags = { id: root.Id!, tags: await tagsOf(org, root.Id!) };
  const organizationalUnits: ObservedOu[] = [];
  let level: { id: string; path: string | null }[] = [{ id: root.Id!, path: null }];
  const parents = [...level];
  while (level.length > 0) {
    const children = await mapLimit(level, limit, async (parent) => {
      const ous = await allPages((token) =>
        org
          .send(
            new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, MaxResults: PAGE, NextToken: token }),
          )
          .then((r) => ({ items: r.OrganizationalUnits, next: r.NextToken })),
      );
      return ous.map((ou) => ({ ou, parent }));
    });
    level = [];
    for (const { ou, parent } of children.flat()) {
      const path = parent.path === null ? ou.Name! : `${parent.path}/${ou.Name!}`;
      organizationalUnits.push({ id: ou.Id!, arn: ou.Arn!, name: ou.Name!, parentId: parent.id, path, tags: {} });
      level.push({ id: ou.Id!, path });
    }
    parents.push(...level);
  }
  const inProgress = await inProgressRead;
  const accountsPerParent = await mapLimit(parents, limit, async (parent) => {
    const accounts = await allPages((token) =>
      org
        .send(new ListAccountsForParentCommand({ ParentId: parent.id, MaxResults: PAGE, NextToken: token }))
        .then((r) => ({ items: r.Accounts, next: r.NextToken })),
    );
    return accounts.map((a): ObservedAccount => ({
      id: a.Id!,
      arn: a.Arn!,
      name: a.Name ?? '',
      email: a.Email ?? '',
      status: a.Status ?? a.State ?? 'ACTIVE',
      parentId: parent.id,
      tags: {},
    }));
  });
  const accounts = accountsPerParent.flat();

  const enabledPolicyTypes = (root.PolicyTypes ?? []).filter((p) => p.Status === 'ENABLED').map((p) => p.Type!);
  let policies: ObservedPolicy[] = [];
  let attachments: ObservedAttachment[] = [];
  if (enabledPolicyTypes.includes('SERVICE_CONTROL_POLICY')) {
    // The apply lock is a policy too, but not part of the organization's state: a plan made while
    // no apply ran must stay valid for the apply that then takes the lock.
    const summaries = (
      await allPages((token) =>
        org
          .send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: PAGE, NextToken: token }))
          .then((r) => ({ items: r.Policies, next: r.NextToken })),
      )
    ).filter((p) => p.Name !== LOCK_POLICY_NAME);
    const read = await mapLimit(summaries, limit, async (s) => {
      const [described, targets] = await Promise.all([
        // AWS-managed policies (FullAWSAccess) are never changed: their content is not needed.
        s.AwsManaged ? undefined : org.send(new DescribePolicyCommand({ PolicyId: s.Id! })),
        allPages((token) =>
          org
            .send(new ListTargetsForPolicyCommand({ PolicyId: s.Id!, MaxResults: PAGE, NextToken: token }))
            .then((r) => ({ items: r.Targets, next: r.NextToken })),
        ),
      ]);
      const attached = targets.map((t) => ({ policyId: s.Id!, policyName: s.Name!, targetId: t.TargetId! }));
      const policy: ObservedPolicy = {
        id: s.Id!,
        arn: s.Arn!,
        name: s.Name!,
        description: s.Description ?? '',
        awsManaged: s.AwsManaged ?? false,
        content: described?.Policy?.Content ?? '',
        tags: {},
      };
      return { policy, attached };
    });
    policies = read.map((r) => r.policy);
    attachments = read.flatMap((r) => r.attached);
  }
  const tagged: { tags: Record<string, string>; id: string }[] = [
    ...organizationalUnits,
    // The management account too: an entry for it in the spec converges on its tags like any other.
    ...accounts,
    ...policies.filter((p) => !p.awsManaged),
  ];
  await mapLimit(tagged, limit, async (r) => {
    r.tags = await tagsOf(org, r.id);
  });
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
