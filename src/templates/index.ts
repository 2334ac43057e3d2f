import {
  identity,
  auditBlock,
  quotasBlock,
  organizationBlock,
  templateGuardrails,
  TemplateBuilder,
  type Ou,
  type TemplateOptions,
} from './common.js';
import { renderTemplate, type TemplateContent } from './render.js';

export type { TemplateOptions } from './common.js';

export const TEMPLATE_NAMES = ['startup', 'growth', 'enterprise'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = {
  name: 'acme',
  emailDomain: 'example.com',
  developers: ['alice', 'bob'],
  homeRegion: 'eu-west-1',
  allowedRegions: ['eu-west-1', 'eu-central-1'],
  businessUnits: ['retail', 'payments'],
};

const HEADER: Record<TemplateName, string[]> = {
  startup: [
    'Bulkhead organization spec, "startup" layout: one account per environment.',
    'prod and staging are separate accounts; every feature and hotfix environment shares the dev',
    'account; each developer gets a sandbox account to experiment in.',
  ],
  growth: [
    'Bulkhead organization spec, "growth" layout: the startup layout plus shared accounts for',
    'logs, security tooling, CI/CD and shared services, and one account per staging environment.',
  ],
  enterprise: [
    'Bulkhead organization spec, "enterprise" layout: shared accounts (including network and backup)',
    'and workload OUs per business unit, each with its own dev, qa and prod accounts.',
  ],
};

function sandboxes(b: TemplateBuilder): string[] {
  return b.options.developers.map((d) =>
    b.environment(`sandbox-${d}`, 'sandbox', `${d}'s personal playground.`, { owner: d }),
  );
}

function sharedAccounts(b: TemplateBuilder, withNetworkAndBackup: boolean): Ou[] {
  const logArchive = b.environment(
    'log-archive',
    'log-archive',
    'Holds the organization trail and other logs; nobody works here.',
    { protect: true },
  );
  const security = b.environment('security', 'security', 'Security tooling and audit access.', { protect: true });
  const build = b.environment('build', 'build', 'CI/CD tools that deploy each stage into its own account.');
  const shared = b.environment(
    'shared-services',
    'shared-services',
    'Services every workload uses, e.g. container registries.',
  );
  const infrastructure = [shared];
  if (withNetworkAndBackup) {
    infrastructure.push(
      b.environment('network', 'network', 'Transit gateway, shared VPCs and DNS.', { protect: true }),
    );
    infrastructure.push(
      b.environment('backup', 'backup', 'Backup vaults kept apart from the workloads they protect.', { protect: true }),
    );
  }
  return [
    { name: 'Security', accounts: [logArchive, security] },
    { name: 'Infrastructure', accounts: infrastructure },
    { name: 'Deployments', accounts: [build] },
  ];
}

function startup(b: TemplateBuilder): { ous: Ou[]; grid: Record<string, Record<string, unknown>>; trail: boolean } {
  const prod = b.environment('prod', 'production', 'Production: customers use it.', { protect: true });
  const staging = b.environment('staging', 'staging', 'Mirrors production as closely as possible.');
  const dev = b.environment('dev', 'development', 'Shared by all feature and hotfix environments.');
  return {
    ous: [
      {
        name: 'Workloads',
        children: [
          { name: 'Prod', accounts: [prod] },
          { name: 'NonProd', accounts: [staging, dev] },
        ],
      },
      { name: 'Sandbox', accounts: sandboxes(b) },
    ],
    grid: {
      Developers: {
        dev: 'PowerUser',
        staging: 'PowerUser',
        'kind:sandbox': { permissionSet: 'PowerUser', ownerOnly: true },
        prod: 'ReadOnly',
      },
      Ops: { prod: 'PowerUser' },
      Auditors: { '*': 'ReadOnly' },
    },
    trail: false,
  };
}

function growth(b: TemplateBuilder): { ous: Ou[]; grid: Record<string, Record<string, unknown>>; trail: boolean } {
  const shared = sharedAccounts(b, false);
  const prod = b.environment('prod', 'production', 'Production: customers use it.', { protect: true });
  const qa = b.environment('staging-qa', 'staging', 'Staging for QA; one account per staging environment.');
  const uat = b.environment('staging-uat', 'staging', 'Staging for user acceptance tests.');
  const dev = b.environment('dev', 'development', 'Shared by all feature and hotfix environments.');
  return {
    ous: [
      ...shared,
      {
        name: 'Workloads',
        children: [
          { name: 'Prod', accounts: [prod] },
          { name: 'NonProd', accounts: [qa, uat, dev] },
        ],
      },
      { name: 'Sandbox', accounts: sandboxes(b) },
    ],
    grid: {
      Developers: {
        dev: 'PowerUser',
        'staging-*': 'PowerUser',
        'kind:sandbox': { permissionSet: 'PowerUser', ownerOnly: true },
        prod: 'ReadOnly',
      },
      Ops: { prod: 'PowerUser', build: 'PowerUser', 'shared-services': 'PowerUser' },
      Auditors: { '*': 'ReadOnly' },
    },
    trail: true,
  };
}

function enterprise(b: TemplateBuilder): { ous: Ou[]; grid: Record<string, Record<string, unknown>>; trail: boolean } {
  const shared = sharedAccounts(b, true);
  const units: Ou[] = b.options.businessUnits.map((unit) => {
    const prod = b.environment(`${unit}-prod`, 'production', `Production of ${unit}.`, {
      protect: true,
      costCenter: unit,
    });
    const qa = b.environment(`${unit}-qa`, 'staging', `QA staging of ${unit}.`, { costCenter: unit });
    const dev = b.environment(
      `${unit}-dev`,
      'development',
      `Development of ${unit}, shared by its feature environments.`,
      { costCenter: unit },
    );
    const title = unit.charAt(0).toUpperCase() + unit.slice(1);
    return {
      name: title,
      children: [
        { name: 'Prod', accounts: [prod] },
        { name: 'NonProd', accounts: [qa, dev] },
      ],
    };
  });
  return {
    ous: [...shared, { name: 'Workloads', children: units }, { name: 'Sandbox', accounts: sandboxes(b) }],
    grid: {
      Developers: {
        'kind:development': 'PowerUser',
        'kind:staging': 'PowerUser',
        'kind:sandbox': { permissionSet: 'PowerUser', ownerOnly: true },
        'kind:production': 'ReadOnly',
      },
      Ops: {
        'kind:production': 'PowerUser',
        'kind:network': 'PowerUser',
        'kind:backup': 'PowerUser',
        build: 'PowerUser',
      },
      Auditors: { '*': 'ReadOnly' },
    },
    trail: true,
  };
}

const LAYOUTS = { startup, growth, enterprise };

/** Monthly budgets (USD): every sandbox, and (growth, enterprise) every production environment. */
function templateBudgets(template: TemplateName): Record<string, unknown>[] {
  const sandbox = { environmentKind: 'sandbox', limit: 100 };
  if (template === 'startup') return [sandbox];
  return [sandbox, { environmentKind: 'production', limit: template === 'enterprise' ? 20000 : 5000 }];
}

/** Builds the content of a template; `renderTemplate` turns it into commented YAML. */
export function templateContent(template: TemplateName, options: Partial<TemplateOptions> = {}): TemplateContent {
  const o: TemplateOptions = { ...DEFAULT_TEMPLATE_OPTIONS, ...options };
  if (!o.allowedRegions.includes(o.homeRegion)) o.allowedRegions = [o.homeRegion, ...o.allowedRegions];
  const b = new TemplateBuilder(o);
  const layout = LAYOUTS[template](b);
  const guardrails = templateGuardrails(template !== 'startup', 'ou:Workloads');
  const value: Record<string, unknown> = {
    version: 1,
    organization: organizationBlock(o),
    environments: b.environments,
    organizationalUnits: layout.ous,
    accounts: b.accounts,
    guardrails: guardrails.map(({ why: _why, ...use }) => use),
    identity: identity(o, layout.grid),
    ...(layout.trail ? { audit: auditBlock(o) } : {}),
    ...(template !== 'startup' ? { quotas: quotasBlock() } : {}),
    budgets: templateBudgets(template),
  };
  b.comment(
    ['organization'],
    'The management account pays the bills and manages the organization; it runs no workloads.',
  );
  b.comment(
    ['environments'],
    'Environments are the core of the model: every account belongs to exactly one, and access,\nprofiles and costs follow them.',
  );
  b.comment(
    ['organizationalUnits'],
    'OUs group accounts so guardrails can be attached once (AWS allows 5 levels below the root).',
  );
  b.comment(
    ['accounts'],
    'Each account needs its own root email; plus addressing keeps them in one mailbox.\n`protect: true` accounts are never closed or moved out of their OU by accident.',
  );
  b.comment(
    ['guardrails'],
    'Guardrails come from the catalogue (docs/guardrails/): service control policies that cap what\nanyone in a member account can do, admins included. Bulkhead packs those on the same targets into\nas few SCPs as AWS allows (the plan shows which); FullAWSAccess stays attached everywhere.',
  );
  guardrails.forEach((g, i) => b.comment(['guardrails', i], g.why.join('\n')));
  b.comment(
    ['identity'],
    'People sign in through IAM Identity Center. The access grid gives each group a permission\nset per environment (name, glob such as staging-*, or kind:sandbox).',
  );
  b.comment(
    ['budgets'],
    "AWS Budgets in the management account, per environment. Alerts go to the environment owner's\nemail (else the management account's) at 80 % and 100 % of actual spend and 100 % of the forecast.",
  );
  b.comment(
    ['budgets', 0],
    'Every sandbox gets its own monthly budget: experiments stay cheap, and the owner hears first.',
  );
  if (template !== 'startup')
    b.comment(
      ['budgets', 1],
      'Production: a limit to notice a runaway bill, not to stop it; set it above a normal month.',
    );
  if (layout.trail) {
    b.comment(
      ['audit', 'trail'],
      'One organization-wide CloudTrail trail, its logs in a bucket in the log-archive account that member\naccounts cannot touch (protect-cloudtrail above keeps them from stopping it).',
    );
    b.comment(
      ['audit', 'security'],
      'The security account is the delegated administrator of GuardDuty, Config and Security Hub for\nevery account, including those that join later.',
    );
  }
  if (template !== 'startup') {
    b.comment(
      ['quotas'],
      'Quotas are per account, so a load test in dev cannot starve production. Production asks for more\nLambda concurrency (AWS default 1,000); the plan shows each request and its status until it is granted.',
    );
  }
  return {
    header: HEADER[template],
    value,
    comments: b.comments,
    flow: [['organization', 'allowedRegions'], ...b.accounts.map((_, i) => ['accounts', i, 'tags'])],
  };
}

export function renderOrgTemplate(template: TemplateName, options: Partial<TemplateOptions> = {}): string {
  return renderTemplate(templateContent(template, options));
}
