import type { YamlPath } from './render.js';

export interface TemplateOptions {
  name: string;
  emailDomain: string;
  developers: string[];
  homeRegion: string;
  allowedRegions: string[];
  businessUnits: string[];
}

export type Account = {
  name: string;
  email: string;
  environment: string;
  owner?: string;
  protect?: boolean;
  tags?: Record<string, string>;
};
export type Ou = { name: string; accounts?: string[]; children?: Ou[] };

/** Collects the pieces of a template while it is assembled. */
export class TemplateBuilder {
  readonly environments: Record<string, Record<string, unknown>> = {};
  readonly accounts: Account[] = [];
  readonly comments: [YamlPath, string][] = [];

  constructor(readonly options: TemplateOptions) {}

  email(slug: string): string {
    return `aws+${slug}@${this.options.emailDomain}`;
  }

  /** Adds an environment with one account of its own, named `<org>-<slug>`. */
  environment(
    name: string,
    kind: string,
    description: string,
    extra: { owner?: string; protect?: boolean; costCenter?: string } = {},
  ): string {
    this.environments[name] = { kind, description, ...(extra.owner ? { owner: extra.owner } : {}) };
    const accountName = `${this.options.name}-${name}`;
    this.accounts.push({
      name: accountName,
      email: this.email(name),
      environment: name,
      ...(extra.owner ? { owner: extra.owner } : {}),
      ...(extra.protect ? { protect: true } : {}),
      tags: { 'cost-center': extra.costCenter ?? name },
    });
    return accountName;
  }

  comment(path: YamlPath, text: string): void {
    this.comments.push([path, text]);
  }
}

/** A `guardrails:` entry of a template, and the comment lines that say why it sits where it does. */
export interface TemplateGuardrail {
  use: string;
  targets: string[];
  description: string;
  why: string[];
}

/**
 * The guardrails of a template, from the catalogue (docs/guardrails/). Every layout keeps requests inside
 * `organization.allowedRegions` and every member account inside the organization; the layouts with shared accounts
 * (log-archive, security) also forbid IAM users in the workload accounts and protect the trail. SCPs never apply to
 * the management account, so what must stay possible there (Organizations, billing, IAM Identity Center, the
 * organization trail) stays possible whatever the root holds.
 */
export function templateGuardrails(withSharedAccounts: boolean, workloadsTarget: string): TemplateGuardrail[] {
  const all: TemplateGuardrail[] = [
    {
      use: 'allowed-regions',
      targets: ['root'],
      description: 'Requests outside organization.allowedRegions are denied, except for global services.',
      why: [
        'Every member account stays in organization.allowedRegions (the regions allowed-regions uses',
        'by default); IAM, STS, Organizations, support and billing are global and stay allowed.',
      ],
    },
    {
      use: 'deny-leave-organization',
      targets: ['root'],
      description: 'Member accounts cannot leave the organization and shed its guardrails.',
      why: ['No member account can leave the organization and so escape its guardrails.'],
    },
  ];
  if (!withSharedAccounts) return all;
  return [
    ...all,
    {
      use: 'deny-iam-users',
      targets: [workloadsTarget],
      description: 'People sign in through IAM Identity Center; no long-lived IAM users or keys in workload accounts.',
      why: [
        `No IAM users or access keys where the product runs (${workloadsTarget}): people sign in through`,
        'IAM Identity Center and CI deploys with roles. The shared accounts are left free for tools that',
        'cannot use roles yet; the management account is never affected by SCPs.',
      ],
    },
    {
      use: 'protect-cloudtrail',
      targets: ['root'],
      description: 'Nobody in a member account stops, deletes or reconfigures a trail.',
      why: [
        'No member account, log-archive and security included, can stop, delete or reconfigure a trail;',
        'reading trails and events stays allowed. The organization trail lives in the management',
        'account, which SCPs do not reach, so it can still be managed from there.',
      ],
    },
  ];
}

/** Users, groups, permission sets and the access grid shared by every template. */
export function identity(o: TemplateOptions, grid: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    users: o.developers.map((d) => ({
      userName: d,
      email: `${d}@${o.emailDomain}`,
      displayName: d.charAt(0).toUpperCase() + d.slice(1),
    })),
    groups: [
      { name: 'Developers', description: 'Build and run the product.', members: o.developers },
      { name: 'Ops', description: 'Operate production.', members: o.developers.slice(0, 1) },
      { name: 'Auditors', description: 'Read everything, change nothing.', members: [] },
    ],
    permissionSets: [
      {
        name: 'PowerUser',
        description: 'Everything but IAM and Organizations.',
        managedPolicies: ['PowerUserAccess'],
        sessionDuration: 'PT8H',
      },
      {
        name: 'ReadOnly',
        description: 'Read-only access to every service.',
        managedPolicies: ['ReadOnlyAccess'],
        sessionDuration: 'PT8H',
      },
    ],
    access: grid,
  };
}

/**
 * The `audit:` block of a layout with shared accounts: the organization trail into the log-archive account, and
 * GuardDuty, Config and Security Hub run for everyone from the security account.
 */
export function auditBlock(o: TemplateOptions): Record<string, unknown> {
  return {
    trail: { name: `${o.name}-organization-trail` },
    security: { services: ['guardduty', 'config', 'securityhub'] },
  };
}

export function organizationBlock(o: TemplateOptions): Record<string, unknown> {
  return {
    name: o.name,
    managementAccount: { name: `${o.name}-management`, email: `aws+management@${o.emailDomain}` },
    homeRegion: o.homeRegion,
    allowedRegions: [...o.allowedRegions],
    defaultTags: { organization: o.name },
  };
}

/** The `quotas:` block of the growth and enterprise layouts: more Lambda concurrency in every production account. */
export function quotasBlock(): Record<string, unknown>[] {
  return [{ service: 'lambda', quota: 'L-B99A9384', value: 3000, environmentKind: 'production' }];
}
