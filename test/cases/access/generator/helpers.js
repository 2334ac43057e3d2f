// Helpers for the access case generator. Every expected outcome is written by hand in the family files;
// the helpers only wrap it in the case-file shape.
export const A = '111111111111';
export const B = '222222222222';
export const ALICE = { arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
export const BOB = { arn: `arn:aws:iam::${A}:user/bob`, accountId: A };
export const DEV_SESSION = { arn: `arn:aws:sts::${A}:assumed-role/Dev/alice-session`, accountId: A };
export const CAROL_B = { arn: `arn:aws:iam::${B}:user/carol`, accountId: B };
export const DEV_SESSION_B = { arn: `arn:aws:sts::${B}:assumed-role/Dev/dave-session`, accountId: B };

export const DOCS = {
  operators: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  string: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
  numeric: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric',
  date: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date',
  bool: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean',
  binary: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals',
  ip: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress',
  arn: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN',
  ifExists: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
  null: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null',
  sets: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  variables: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  action: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
  notAction: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
  resource: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
  notResource: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
  principal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  notPrincipal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  evaluation: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html',
  singleAccount: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html',
  crossAccount: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  boundaries: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  session: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
  scp: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html',
  scpExempt: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  globalKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
};

export function request(overrides = {}) {
  return {
    principal: ALICE,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/key',
    resourceAccount: A,
    region: 'us-east-1',
    context: {},
    ...overrides,
  };
}

/** A policy document; pass `null` as version for a document without a Version element. */
export function doc(statements, version = '2012-10-17') {
  const d = { Statement: statements };
  if (version !== null) d.Version = version;
  return d;
}

export const allowAll = (sid = 'AllowAll') => ({ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' });
export const fullAccessScp = (name = 'FullAWSAccess') => ({ name, document: doc([allowAll('FullAWSAccess')]) });

/**
 * Two cases for one condition truth-table row: an Allow guarded by the condition (allowed when it holds),
 * and a Deny guarded by it next to an allow-all (explicit deny when it holds).
 */
export function conditionCases(family, slug, description, condition, context, holds, docs) {
  const allowPolicy = { name: 'Conditional', document: doc([{ Sid: 'Guarded', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }]) };
  const denyPolicy = { name: 'Guard', document: doc([allowAll(), { Sid: 'GuardedDeny', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: condition }]) };
  const req = request({ context });
  return [
    {
      family,
      file: `${slug}--allow`,
      description: `${description} (Allow guarded by the condition)`,
      request: req,
      policies: { identity: [allowPolicy] },
      expected: holds
        ? { decision: 'allowed', layer: 'identity', policy: 'Conditional', sid: 'Guarded', statementIndex: 0 }
        : { decision: 'implicit-deny', layer: 'identity' },
      docs,
    },
    {
      family,
      file: `${slug}--deny`,
      description: `${description} (Deny guarded by the condition)`,
      request: req,
      policies: { identity: [denyPolicy] },
      expected: holds
        ? { decision: 'explicit-deny', layer: 'identity', policy: 'Guard', sid: 'GuardedDeny', statementIndex: 1 }
        : { decision: 'allowed', layer: 'identity', policy: 'Guard', sid: 'AllowAll', statementIndex: 0 },
      docs,
    },
  ];
}

/** Rows of [slug, description, condition, context, holds] expanded into condition cases. */
export function table(family, docs, rows) {
  return rows.flatMap(([slug, description, condition, context, holds, rowDocs]) =>
    conditionCases(family, slug, description, condition, context, holds, rowDocs ?? docs),
  );
}

export function single(family, file, description, req, policies, expected, docs) {
  return { family, file, description, request: req, policies, expected, docs };
}
