/**
 * Public types of Bulkhead's IAM policy evaluator. Policies are plain parsed JSON documents,
 * requests describe one API call, and every evaluation returns data (never throws for bad input).
 */

/** A value in a policy element that may be a single string or a list. */
export type OneOrMany<T> = T | T[];

/** A condition block: operator → key → value(s). Values may be strings, numbers or booleans as written in JSON. */
export type ConditionBlock = Record<string, Record<string, OneOrMany<string | number | boolean>>>;

export type PrincipalElement = '*' | Record<string, OneOrMany<string>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny' | string;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: OneOrMany<PolicyStatement>;
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
  /** The policy's ARN when it is known (SCPs read from the live organization). */
  arn?: string;
}

/** The SCPs attached to one level of the organization tree, e.g. `root r-ab12`, `ou Workloads/Prod`, `account 111111111111`. */
export interface ScpLevel {
  target: string;
  policies: NamedPolicy[];
}

/** Every policy that takes part in one decision. SCP levels run root → each OU → account; every level must allow. */
export interface PolicySet {
  scpLevels?: ScpLevel[];
  identityPolicies?: NamedPolicy[];
  permissionBoundary?: NamedPolicy;
  resourcePolicy?: NamedPolicy;
  sessionPolicies?: NamedPolicy[];
}

export type ContextValue = string | string[] | number | boolean;

export interface RequestPrincipal {
  /** `arn:aws:iam::111111111111:user/alice`, `arn:aws:sts::111111111111:assumed-role/Role/session`, `arn:aws:iam::111111111111:root`… */
  arn: string;
  accountId: string;
  tags?: Record<string, string>;
  orgId?: string;
  orgPaths?: string[];
  /**
   * For a role session: the role's ARN with its path (`arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/
   * AWSReservedSSO_…`), which is what `aws:PrincipalArn` holds; the session ARN carries no path. Default: the role
   * ARN without a path.
   */
  roleArn?: string;
  /** AWS: SCPs do not affect service-linked roles. */
  isServiceLinkedRole?: boolean;
  /** AWS: SCPs do not affect users or roles in the management account. */
  isManagementAccount?: boolean;
}

export interface AccessRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `s3:GetObject`. */
  action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  resource: string;
  /** The account that owns the resource; defaults to the ARN's account field, else the principal's account. */
  resourceAccount?: string;
  resourceOrgId?: string;
  resourceOrgPaths?: string[];
  /** `aws:RequestedRegion`; AWS always has one, so without it the evaluator uses `us-east-1`. */
  region?: string;
  sourceIdentity?: string;
  /** When the request is made (`aws:CurrentTime`, `aws:EpochTime`), ISO 8601; default: now. */
  time?: string;
  /** Condition context values; these extend and override the keys the evaluator fills itself. */
  context?: Record<string, ContextValue>;
}

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny';

export type Layer = 'scp' | 'resource-policy' | 'identity' | 'permission-boundary' | 'session-policy';

/** Points at one statement of one policy. */
export interface StatementRef {
  layer: Layer;
  /** The SCP level, for `scp`. */
  target?: string;
  policy: string;
  sid?: string;
  statementIndex: number;
}

/** Why a request was implicitly denied: which layer had no applicable Allow. */
export interface MissingAllow {
  layer: Layer;
  target?: string;
  message: string;
}

export interface ConditionTrace {
  operator: string;
  key: string;
  policyValues: string[];
  /** The request's value(s) for the key; undefined when the key is absent from the request context. */
  requestValues: string[] | undefined;
  matched: boolean;
}

export interface StatementTrace extends StatementRef {
  effect: 'Allow' | 'Deny';
  actionMatched: boolean;
  resourceMatched: boolean;
  /** Only for resource policies: how the principal matched (`none` when it did not). */
  principalMatch?: PrincipalMatchKind;
  conditionsMatched: boolean;
  conditions: ConditionTrace[];
  /** True when the statement applies to the request (every element matched). */
  applies: boolean;
}

/**
 * How a resource-policy statement names the caller: `direct` (the caller's own ARN, a session ARN or `*`),
 * `role` (the role ARN behind an assumed-role session), `account` (the caller's account), or `none`.
 */
export type PrincipalMatchKind = 'direct' | 'role' | 'account' | 'none';

export interface EvaluationOk {
  ok: true;
  decision: Decision;
  /** The statement that decided: the explicit Deny, or the Allow that granted access. */
  decidedBy?: StatementRef;
  /** For an allowed request, the other Allows the decision needed (one per SCP level, the other side of a cross-account call…). */
  alsoRequired?: StatementRef[];
  /** For an implicit deny, the first layer (in evaluation order) that lacked an Allow. */
  missingAllow?: MissingAllow;
  /** Present when evaluated with `{ explain: true }`: every statement examined, in evaluation order. */
  trace?: StatementTrace[];
}

export interface InputError {
  code:
    | 'malformed-arn'
    | 'invalid-account-id'
    | 'invalid-action'
    | 'unknown-service'
    | 'unknown-action'
    | 'action-pattern-matches-nothing'
    | 'invalid-policy'
    | 'unknown-condition-operator'
    | 'invalid-condition-value'
    | 'invalid-context-value';
  message: string;
  /** Close alternatives to the bad value, best first. */
  suggestions: string[];
  /** Where the bad value sits, e.g. `identityPolicies[ReadOnly].Statement[2].Condition`. */
  path?: string;
}

export interface EvaluationFailure {
  ok: false;
  errors: InputError[];
}

export type EvaluationResult = EvaluationOk | EvaluationFailure;

export interface EvaluateOptions {
  /** Build the per-statement trace (slower). */
  explain?: boolean;
}
