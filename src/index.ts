// Bulkhead's library API. The CLI and the dashboard are thin shells over these functions.
export { BulkheadError, UsageError, type ErrorSource } from './core/errors.js';
export { formatPath, hasErrors, sortDiagnostics, type Diagnostic, type Severity } from './core/diagnostics.js';
export {
  emit,
  RecordingIoHost,
  silentIoHost,
  type BulkheadEvent,
  type ChangeEventData,
  type IoHost,
  type Question,
} from './core/events.js';
export { EVENT_CODES, type EventCode } from './core/event-codes.js';
export type { Environment, EnvironmentKind } from './model/environment.js';
export { ENVIRONMENT_KINDS } from './model/environment.js';
export { AWS_REGIONS, isKnownRegion } from './model/regions.js';
export type {
  AccessAssignment,
  Account,
  Identity,
  OrgModel,
  OrganizationalUnit,
  PermissionSet,
  PolicyOrigin,
  PolicyTarget,
  ServiceControlPolicy,
} from './model/organization.js';
export { formatTarget } from './model/organization.js';
export { organizationTree, stateOfTree, type ObservedOrg, type ObservedState } from './model/observed.js';
export { KINDS, type Address, type Kind, type KindMap } from './model/kinds.js';
export { PLANNERS } from './plan/registry.js';
export { readPlanFile, verifyPlanSpec, writePlanFile } from './plan/plan-file.js';
export { orgSpecSchema, type OrgSpec } from './config/schema.js';
export { orgJsonSchema } from './config/json-schema.js';
export { validateSpecFile, type ValidateSpecOptions, type ValidationResult } from './config/validate.js';
export { packGuardrails, type PackedPolicy, type PackResult, type RenderedGuardrail } from './guardrails/pack.js';
export { resolveGuardrailTargets, type GuardrailTarget } from './guardrails/targets.js';
export type {
  GuardrailContext,
  GuardrailDefinition,
  GuardrailProblem,
  ParsedParameters,
  PolicyStatement,
} from './guardrails/types.js';
export {
  validatePolicyDocument,
  scpSize,
  SCP_MAX_SIZE,
  type PolicyIssue,
  type PolicyKind,
} from './config/policy/index.js';
export {
  renderOrgTemplate,
  TEMPLATE_NAMES,
  DEFAULT_TEMPLATE_OPTIONS,
  type TemplateName,
  type TemplateOptions,
} from './templates/index.js';
export { diff } from './plan/diff.js';
export type { Action, Change, Plan, PlanProblem } from './plan/types.js';
export { renderPlan } from './plan/render.js';
export { init, type InitOptions, type InitResult } from './toolkit/init.js';
export { validate, type ValidateOptions } from './toolkit/validate.js';
export { demo, type DemoOptions, type DemoResult } from './toolkit/demo.js';
export { organizationTree as specTree, renderTree, type TreeNode } from './toolkit/tree.js';
export { connect, type Connection, type TargetOptions } from './toolkit/connect.js';
export { plan, refresh, refreshTree, type PlanResult } from './toolkit/plan.js';
export { apply, type ApplyOptions, type ApplyResult } from './toolkit/apply.js';
export { applyWithLock, unlock } from './toolkit/lock.js';
export { importSpec } from './toolkit/import.js';
export { organizationView, liveTree, mermaid, type OrganizationView } from './toolkit/show.js';
export { planAccessDiff } from './toolkit/plan-access.js';
export { accessDiff, renderAccessDiff, type AccessDiff } from './toolkit/access-diff.js';
export { accessCan, accessWhoCan, accessMatrix } from './toolkit/access.js';
export { accessExplain } from './toolkit/access-explain.js';
export { profiles, writeProfiles, type ProfilesOptions, type ProfilesResult } from './toolkit/profiles/profiles.js';
export {
  evaluate,
  isAllowed,
  evaluateChecked,
  type AccessRequest,
  type PolicySet,
  type EvaluationResult,
} from './access/index.js';
export { getManagedPolicyDocument } from './toolkit/managed-policies.js';
export {
  startLocalCloud,
  findRunningLocalCloud,
  type LocalCloud,
  type LocalCloudOptions,
} from './local-cloud/index.js';
