import { z } from 'zod';
import { ENVIRONMENT_KINDS } from '../model/environment.js';
import { audit } from './schema-parts/audit.js';
import { budget, costAllocationTags } from './schema-parts/cost.js';
import { quotaRequest } from './schema-parts/quotas.js';

// The one source of truth for org.yaml's shape: TypeScript types, validation and the JSON Schema
// printed by `bulkhead schema` all come from here. Cross-references and AWS rules live in rules/.

const name = z.string().min(1).describe('A name, unique within its kind.');
const tags = z.record(z.string(), z.string()).describe('Tags as key: value pairs.');
const policyDocument = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .describe('An IAM policy document: a YAML mapping, or a JSON string.');

const managementAccount = z.strictObject({
  name: name.describe('Account name of the management (payer) account.'),
  email: z.string().describe('Root user email of the management account.'),
  id: z.string().optional().describe('Account id, when the organization already exists.'),
});

const trail = z.strictObject({
  name: name.describe('Name of the organization-wide CloudTrail trail.'),
  bucketAccount: z
    .string()
    .optional()
    .describe('Account (by name) that holds the trail bucket; defaults to the log-archive account.'),
  bucketName: z.string().optional(),
});

const organization = z.strictObject({
  name: name.describe('Organization name, used in tags and generated names.'),
  managementAccount,
  homeRegion: z.string().describe('Region where Bulkhead creates home-region resources (SSO, trail).'),
  allowedRegions: z
    .array(z.string())
    .optional()
    .describe('Regions workloads may use; enforce with a region guardrail SCP.'),
  defaultTags: tags.optional(),
  trail: trail.optional().describe('Deprecated: the organization trail moved to audit.trail (W-TRAIL-MOVED).'),
});

const environment = z.strictObject({
  kind: z.enum(ENVIRONMENT_KINDS).describe('What the environment is for; drives best-practice checks and defaults.'),
  description: z.string().optional(),
  owner: z.string().optional().describe('A user (by userName) who owns the environment, e.g. of a personal sandbox.'),
  tags: tags.optional(),
});

export interface OrganizationalUnitSpec {
  name: string;
  description?: string | undefined;
  accounts?: string[] | undefined;
  children?: OrganizationalUnitSpec[] | undefined;
  tags?: Record<string, string> | undefined;
  renamedFrom?: string | undefined;
}

const organizationalUnit: z.ZodType<OrganizationalUnitSpec> = z.lazy(() =>
  z.strictObject({
    name: name.describe('OU name, unique among its siblings.'),
    description: z.string().optional(),
    accounts: z.array(z.string()).optional().describe('Accounts (by name) placed directly in this OU.'),
    children: z.array(organizationalUnit).optional().describe('Nested OUs; AWS allows 5 levels below the root.'),
    tags: tags.optional(),
    renamedFrom: z
      .string()
      .optional()
      .describe("The OU's previous name: renames it in place instead of recreating it."),
  }),
);

const account = z.strictObject({
  name: name.describe('Account name as shown in AWS Organizations.'),
  email: z.string().describe('Root user email; unique across AWS.'),
  environment: z.string().describe('The environment this account belongs to.'),
  alsoHosts: z
    .array(z.string())
    .optional()
    .describe('Further environments this account still hosts (a migration state; flagged by best-practice checks).'),
  owner: z.string().optional().describe('Owning team or person.'),
  tags: tags.optional().describe('Tags on the account, e.g. cost allocation.'),
  protect: z.boolean().optional().describe('Never close the account or move it out of its OU.'),
  id: z.string().optional().describe('Existing 12-digit account id to adopt instead of creating an account.'),
  lifecycle: z
    .enum(['active', 'close'])
    .optional()
    .describe('`close` closes the account on apply (needs --allow-destroy).'),
});

const guardrailRef = z.strictObject({
  id: z.string().describe('Reserved: use the top-level `guardrails:` list instead.'),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

const serviceControlPolicy = z.strictObject({
  name: name.describe('Policy name in AWS Organizations.'),
  description: z.string().optional(),
  document: policyDocument.optional(),
  guardrail: guardrailRef.optional(),
  targets: z.array(z.string()).optional().describe('Where to attach: `root`, `ou:Path/To/OU` or `account:name`.'),
  tags: tags.optional(),
});

const guardrailUse = z.strictObject({
  use: z.string().min(1).describe('A guardrail from the catalogue by name, e.g. allowed-regions (docs/guardrails/).'),
  parameters: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("The guardrail's parameters; each guardrail's page lists them."),
  targets: z
    .array(z.string())
    .min(1)
    .describe(
      'Where it applies: `root`, `ou:Path/To/OU`, `account:name`, `environment:NAME` or `kind:KIND` (the accounts hosting those environments).',
    ),
  description: z.string().optional().describe('Why this guardrail is here, for the reader of org.yaml.'),
});

const policies = z.strictObject({
  serviceControlPolicies: z.array(serviceControlPolicy).optional(),
});

const user = z.strictObject({
  userName: name.describe('IAM Identity Center user name.'),
  email: z.string(),
  displayName: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
});

const group = z.strictObject({
  name: name.describe('IAM Identity Center group name.'),
  description: z.string().optional(),
  members: z.array(z.string()).optional().describe('Users (by userName).'),
});

const permissionBoundary = z.strictObject({
  managedPolicy: z.string().optional().describe('AWS managed policy name used as the boundary.'),
  customerManagedPolicy: z.string().optional().describe('Customer managed policy name (must exist in each account).'),
  path: z.string().optional().describe("The customer managed boundary's IAM path; `/` by default."),
});

const customerManagedPolicy = z.union([
  z.string().describe('Customer managed policy name (path `/`); the policy must exist in every assigned account.'),
  z.strictObject({
    name: name.describe('Customer managed policy name.'),
    path: z.string().optional().describe('IAM path, e.g. /team/; `/` by default.'),
  }),
]);

const permissionSet = z.strictObject({
  name: name.describe('Permission set name (1-32 characters).'),
  description: z.string().optional(),
  managedPolicies: z.array(z.string()).optional().describe('AWS managed policies by name, e.g. PowerUserAccess.'),
  inlinePolicy: policyDocument.optional(),
  customerManagedPolicies: z
    .array(customerManagedPolicy)
    .optional()
    .describe('Customer managed policies by name, attached in every account the permission set is provisioned to.'),
  sessionDuration: z.string().optional().describe('ISO-8601 duration, PT1H to PT12H.'),
  relayState: z.string().optional().describe('URL users land on after signing in (the console by default).'),
  permissionBoundary: permissionBoundary.optional(),
  tags: tags.optional(),
});

const grant = z.union([
  z.string().describe('Permission set name.'),
  z.strictObject({
    permissionSet: z.string(),
    ownerOnly: z.boolean().optional().describe("Grant only to the environment's owner, if a member of the group."),
    includeManagementAccount: z
      .boolean()
      .optional()
      .describe('Also assign in the management account when it hosts the environment (off by default).'),
  }),
]);

const identity = z.strictObject({
  source: z
    .enum(['bulkhead', 'external'])
    .optional()
    .describe(
      '`bulkhead` (default): Bulkhead creates the users and groups in the Identity Center store. `external`: an IdP (Okta, Entra ID, Google) provisions them by SCIM; Bulkhead resolves them by name.',
    ),
  users: z.array(user).optional(),
  groups: z.array(group).optional(),
  permissionSets: z.array(permissionSet).optional(),
  access: z
    .record(z.string(), z.record(z.string(), grant))
    .optional()
    .describe(
      'The access grid: group → environment selector (name, glob like staging-*, or kind:sandbox) → permission set.',
    ),
});

export const orgSpecSchema = z
  .strictObject({
    version: z.literal(1).describe('Spec format version.'),
    include: z
      .array(z.string())
      .optional()
      .describe('Further spec files merged into this one (paths relative to this file).'),
    organization,
    environments: z.record(z.string(), environment).optional(),
    organizationalUnits: z.array(organizationalUnit).optional(),
    accounts: z.array(account).optional(),
    policies: policies.optional(),
    guardrails: z
      .array(guardrailUse)
      .optional()
      .describe('Guardrails from the catalogue, packed into as few SCPs as AWS allows per target.'),
    identity: identity.optional(),
    audit: audit.optional().describe('The organization trail and the security services.'),
    budgets: z
      .array(budget)
      .optional()
      .describe('AWS Budgets per environment, environment kind or account, kept in the management account.'),
    costAllocationTags: costAllocationTags.optional(),
    quotas: z
      .array(quotaRequest)
      .optional()
      .describe('Service quota increases per environment, environment kind or account, or for new accounts.'),
  })
  .describe('Bulkhead organization spec (org.yaml).');

/** The partial shape of an included file: everything but version and organization may appear. */
export const includeSpecSchema = orgSpecSchema.partial();

export type OrgSpec = z.infer<typeof orgSpecSchema>;
export type AccountSpec = z.infer<typeof account>;
export type EnvironmentSpec = z.infer<typeof environment>;
export type ServiceControlPolicySpec = z.infer<typeof serviceControlPolicy>;
export type GuardrailUseSpec = z.infer<typeof guardrailUse>;
export type PermissionSetSpec = z.infer<typeof permissionSet>;
export type GrantSpec = z.infer<typeof grant>;
export type BudgetSpec = z.infer<typeof budget>;
export type QuotaRequestSpec = z.infer<typeof quotaRequest>;
