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

// Services whose APIs are global or served from us-east-1; a region guardrail must not block them
// (following the shape of AWS's documented example SCP "Deny access to AWS based on the requested Region").
const GLOBAL_SERVICE_ACTIONS = [
  'account:*',
  'acm:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'kms:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublicAccessBlock',
  's3:ListAllMyBuckets',
  's3:PutAccountPublicAccessBlock',
  'shield:*',
  'sso:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf:*',
  'wafv2:*',
];

export function serviceControlPolicies(o: TemplateOptions, workloadsTarget: string): Record<string, unknown>[] {
  return [
    {
      name: 'deny-outside-allowed-regions',
      description: 'Deny requests to regions outside the allowed ones, except for global services.',
      targets: ['root'],
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyOutsideAllowedRegions',
            Effect: 'Deny',
            NotAction: GLOBAL_SERVICE_ACTIONS,
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': [...o.allowedRegions] } },
          },
        ],
      },
    },
    {
      name: 'protect-organization-baseline',
      description: 'Member accounts cannot leave the organization or switch off the organization trail.',
      targets: ['root'],
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyLeavingTheOrganization',
            Effect: 'Deny',
            Action: ['organizations:LeaveOrganization'],
            Resource: '*',
          },
          {
            Sid: 'DenyStoppingTheTrail',
            Effect: 'Deny',
            Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'],
            Resource: '*',
          },
        ],
      },
    },
    {
      name: 'deny-iam-users',
      description:
        'People sign in through IAM Identity Center; long-lived IAM users and keys are not allowed in workload accounts.',
      targets: [workloadsTarget],
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyIamUsersAndKeys',
            Effect: 'Deny',
            Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'],
            Resource: '*',
          },
        ],
      },
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

export function organizationBlock(o: TemplateOptions, withTrail: boolean): Record<string, unknown> {
  return {
    name: o.name,
    managementAccount: { name: `${o.name}-management`, email: `aws+management@${o.emailDomain}` },
    homeRegion: o.homeRegion,
    allowedRegions: [...o.allowedRegions],
    defaultTags: { organization: o.name },
    ...(withTrail ? { trail: { name: `${o.name}-organization-trail` } } : {}),
  };
}
