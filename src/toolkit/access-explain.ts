/**
 * `bulkhead access explain`: reads an AccessDenied message as pasted from the AWS CLI or console, finds the
 * account and the permission set behind the role, evaluates the call and says which guardrail or policy denied it.
 */
import { isInputError, requireAction } from '../access/action-info.js';
import { isWellFormedArn } from '../access/arn.js';
import {
  isDeniedMessageProblem,
  parseDeniedMessage,
  regionOfArn,
  type DeniedMessage,
} from '../access/denied-message.js';
import { evaluate } from '../access/evaluate.js';
import {
  guardrailSetFor,
  policySetFor,
  requestFor,
  resourceFor,
  scpByArn,
  ssoRoleName,
} from '../access/org-queries.js';
import { accountsOf, holdsIn, type AccessAccount, type AccessOrg } from '../access/org-view.js';
import { permissionSetOfRole } from '../access/principals.js';
import type { EvaluationOk, Layer } from '../access/types.js';
import { BulkheadError } from '../core/errors.js';
import { requestedRegionFor } from '../iam/global-services.js';
import { didYouMean, suggest } from '../core/suggest.js';
import { checkEnvironment, inputFailure, type AccessAnswerMeta } from './access.js';
import { loadAccessOrg, type AccessSourceOptions } from './access-source.js';

const maybe = (hint: string | undefined) => (hint ? ` (${hint})` : '');

export interface ExplainOptions extends AccessSourceOptions {
  /** The pasted message. */
  message: string;
  /** When the account id of the message is not in the spec: the account (name) or environment it is. */
  account?: string;
  environment?: string;
  region?: string;
}

export interface ExplainAnswer extends AccessAnswerMeta {
  parsed: DeniedMessage;
  account: string;
  accountId: string;
  environment?: string;
  /** The permission set behind an AWSReservedSSO_ role, when the spec defines it. */
  permissionSet?: string;
  /** The user the session name matches, if any. */
  user?: string;
  /** `permission-set`: the role's policies and the SCPs were evaluated; `guardrails-only`: the role is not in the spec, only SCPs were. */
  evaluated: 'permission-set' | 'guardrails-only';
  region: string;
  resource: string;
  result: EvaluationOk;
  /** Whether our evaluation reproduces AWS's reason (same decision and layer) or is consistent with it. */
  agreesWithAws: boolean | undefined;
  /**
   * `agrees`: same decision and layer; `consistent`: the guardrails allow and AWS blames a policy inside the role,
   * which the spec does not define; `unmodelled`: AWS names a policy type Bulkhead does not see; `differs`; or
   * `no-reason` when the message gives none.
   */
  verdict: 'agrees' | 'consistent' | 'unmodelled' | 'differs' | 'no-reason';
  /** The policy AWS names by ARN (newer messages), found among the account's SCPs with `--from live`. */
  awsPolicy?: { arn: string; name?: string; target?: string };
  /** One sentence: what caused the denial. */
  cause: string;
}

function findAccount(
  org: AccessOrg,
  parsed: DeniedMessage,
  options: ExplainOptions,
): { account: AccessAccount; note?: string } {
  if (options.account !== undefined) {
    const a = org.accounts.find((x) => x.name === options.account || x.id === options.account);
    if (a === undefined) {
      throw new BulkheadError(
        'unknown-account',
        `account "${options.account}" is not in ${org.source === 'live' ? 'the live organization' : 'the spec'}`,
        {
          hint:
            didYouMean(
              suggest(
                options.account,
                org.accounts.map((x) => x.name),
              ),
            ) ?? `accounts: ${org.accounts.map((x) => x.name).join(', ')}`,
        },
      );
    }
    return { account: a };
  }
  const byId = org.accounts.find((a) => a.idKnown && a.id === parsed.accountId);
  if (byId !== undefined) return { account: byId };
  if (options.environment !== undefined) {
    checkEnvironment(org, options.environment);
    const a = accountsOf(org, options.environment)[0]!;
    return {
      account: a,
      note: `account ${parsed.accountId} is not in the ${org.source}; taken as ${a.name} (environment ${options.environment}) as you said`,
    };
  }
  const noIds = org.accounts.every((a) => !a.idKnown);
  throw new BulkheadError(
    'unknown-account',
    `account ${parsed.accountId} (from the message) is not in ${org.source === 'live' ? 'the live organization' : 'the spec'}${noIds ? ', whose accounts have no ids' : ''}`,
    {
      hint: 'say which it is with --environment ENV or --account NAME, or read the live organization with --from live',
    },
  );
}

function layerName(layer: Layer | 'other', target?: string): string {
  switch (layer) {
    case 'scp':
      return `a service control policy${target ? ` (attached at ${target})` : ''}`;
    case 'identity':
      return 'an identity-based policy';
    case 'permission-boundary':
      return 'the permissions boundary';
    case 'session-policy':
      return 'a session policy';
    case 'resource-policy':
      return 'the resource-based policy';
    default:
      return 'a policy type Bulkhead does not model';
  }
}

function causeOf(result: EvaluationOk, evaluated: ExplainAnswer['evaluated']): string {
  if (result.decision === 'explicit-deny' && result.decidedBy) {
    const d = result.decidedBy;
    const what = d.layer === 'scp' ? `the guardrail (SCP) ${d.policy}` : `policy ${d.policy}`;
    return `${what}, statement #${d.statementIndex}${d.sid ? ` (Sid ${d.sid})` : ''}, in ${layerName(d.layer, d.target)}, explicitly denies it`;
  }
  if (result.decision === 'implicit-deny' && result.missingAllow)
    return `nothing allows it: ${result.missingAllow.message}`;
  return evaluated === 'guardrails-only'
    ? "the guardrails (SCPs) allow it, so the denial comes from the role's own policies, which the spec does not define"
    : "Bulkhead's evaluation allows it: the live policies differ from the ones evaluated (try --from live), or another policy type (resource, VPC endpoint, RCP) denied it";
}

/** Policy types AWS may name that `explain` does not see (the resource's policy and session policies are not in the spec). */
const UNMODELLED: Array<[RegExp, string]> = [
  [/resource control polic/i, 'a resource control policy (RCP)'],
  [/VPC endpoint polic/i, 'a VPC endpoint policy'],
  [/resource-based polic/i, 'a resource-based policy (the policy of the resource itself)'],
  [/sessions? polic/i, 'a session policy'],
];

/** Layers inside the role: with guardrails-only evaluation, a denial there is what the guardrails leave open. */
const INSIDE_ROLE: ReadonlySet<string> = new Set(['identity', 'permission-boundary']);

function unmodelledType(reason: DeniedMessage['reason']): string | undefined {
  if (reason === undefined) return undefined;
  const hit = UNMODELLED.find(([re]) => re.test(reason.policyType));
  if (hit !== undefined) return hit[1];
  return reason.layer === 'other' ? `a ${reason.policyType}` : undefined;
}

function verdictOf(
  parsed: DeniedMessage,
  result: EvaluationOk,
  evaluated: ExplainAnswer['evaluated'],
): ExplainAnswer['verdict'] {
  const reason = parsed.reason;
  if (reason === undefined) return 'no-reason';
  if (unmodelledType(reason) !== undefined) return 'unmodelled';
  const layer = result.decision === 'explicit-deny' ? result.decidedBy?.layer : result.missingAllow?.layer;
  if (result.decision === reason.kind && layer === reason.layer) return 'agrees';
  if (evaluated === 'guardrails-only' && result.decision === 'allowed' && INSIDE_ROLE.has(reason.layer))
    return 'consistent';
  return 'differs';
}

/** What AWS's named policy type means for the answer, when Bulkhead does not model it. */
function unmodelledCause(type: string, result: EvaluationOk): string {
  const d = result.decidedBy;
  const also =
    result.decision === 'explicit-deny' && d?.layer === 'scp'
      ? `; the guardrail (SCP) ${d.policy} of the spec would also deny it (statement #${d.statementIndex}${d.sid ? `, Sid ${d.sid}` : ''})`
      : result.decision === 'explicit-deny'
        ? `; ${layerName(d!.layer, d!.target)} of the spec would also deny it`
        : '; no guardrail of the spec denies it';
  return `AWS names ${type}; Bulkhead does not see those${also}`;
}

export async function accessExplain(options: ExplainOptions): Promise<ExplainAnswer> {
  const parsed = parseDeniedMessage(options.message);
  if (isDeniedMessageProblem(parsed)) throw new BulkheadError('access-input', parsed.message, { hint: parsed.hint });
  const loaded = await loadAccessOrg(options);
  const { org, resolver } = loaded;
  const info = await requireAction(parsed.action);
  if (isInputError(info)) throw inputFailure([info]);
  const { account, note } = findAccount(org, parsed, options);
  const notes = note === undefined ? [] : [note];
  const role =
    /:assumed-role\/([^/]+)\/(.*)$/.exec(parsed.principalArn) ?? /:role\/(?:.*\/)?([^/]+)$/.exec(parsed.principalArn);
  const roleName = role?.[1];
  const session = role?.[2] ?? 'session';
  const psName = roleName === undefined ? undefined : permissionSetOfRole(roleName);
  const ps = psName === undefined ? undefined : resolver.get(psName);
  const region =
    options.region ?? regionOfArn(parsed.resource) ?? requestedRegionFor(info.service, undefined, org.homeRegion);
  // When the message's account stands for a spec account with another (placeholder) id, the resource moves with it:
  // otherwise the call would look cross-account.
  const given =
    parsed.resource !== undefined && (parsed.resource === '*' || isWellFormedArn(parsed.resource))
      ? parsed.resource
      : undefined;
  const resource =
    given === undefined
      ? resourceFor({ action: info, region }, account)
      : given.replace(new RegExp(`^(arn:[^:]+:[^:]+:[^:]*:)${parsed.accountId}:`), `$1${account.id}:`);
  const environment = account.environments[0];
  const user = [...org.identity.users.values()].find(
    (u) => u.userName === session || u.email.toLowerCase() === session.toLowerCase(),
  )?.userName;
  const input = { action: info, region };
  let evaluated: ExplainAnswer['evaluated'];
  let result;
  if (ps !== undefined && psName !== undefined) {
    evaluated = 'permission-set';
    const assigned = org.identity.assignments.some(
      (a) => a.permissionSet === psName && account.environments.includes(a.environment) && holdsIn(a, account),
    );
    if (!assigned)
      notes.push(
        `${org.identitySource === 'spec' ? 'the spec does' : 'IAM Identity Center does'} not assign permission set ${psName} in ${account.environments.join(', ') || account.name}: the role should not exist in that account`,
      );
    result = evaluate(
      requestFor(org, account, roleName ?? ssoRoleName(psName), session, input, resource),
      policySetFor(account, psName, resolver)!,
      { explain: true },
    );
  } else {
    evaluated = 'guardrails-only';
    notes.push(
      psName !== undefined
        ? `the role belongs to permission set "${psName}", which the spec does not define` +
            `${maybe(didYouMean(suggest(psName, org.identity.permissionSets.keys())))}; only the guardrails (SCPs) were evaluated`
        : `${roleName ? `role ${roleName}` : parsed.principalArn} is not defined in the spec (only IAM Identity Center permission sets are); only the guardrails (SCPs) were evaluated`,
    );
    result = evaluate(
      requestFor(org, account, roleName ?? 'UnknownRole', session, input, resource),
      guardrailSetFor(account),
      { explain: true },
    );
  }
  if (!result.ok) throw inputFailure(result.errors);
  const verdict = verdictOf(parsed, result, evaluated);
  const unmodelled = unmodelledType(parsed.reason);
  let awsPolicy: ExplainAnswer['awsPolicy'];
  const policyArn = parsed.reason?.policyArn;
  if (policyArn !== undefined) {
    const found = org.source === 'live' ? scpByArn(account, policyArn) : undefined;
    awsPolicy = { arn: policyArn, ...(found ?? {}) };
    if (found !== undefined) notes.push(`AWS names SCP ${found.name} (${policyArn}), attached at ${found.target}`);
    else if (org.source === 'live')
      notes.push(
        `AWS names policy ${policyArn}, which is not attached on the way to ${account.name} in the live organization`,
      );
    else notes.push(`AWS names policy ${policyArn}; with --from live Bulkhead names that exact SCP`);
  }
  if (parsed.encodedMessage !== undefined)
    notes.push(
      "the message also carries an encoded authorization failure: `aws sts decode-authorization-message` shows AWS's full request context",
    );
  const answer: ExplainAnswer = {
    ...{
      source: org.source,
      identity: org.identitySource,
      description: loaded.description,
      notes: [...org.notes, ...notes, ...(ps?.notes ?? [])],
    },
    parsed,
    account: account.name,
    accountId: account.id,
    evaluated,
    region,
    resource,
    result,
    agreesWithAws: verdict === 'agrees' || verdict === 'consistent' ? true : verdict === 'differs' ? false : undefined,
    verdict,
    cause: unmodelled !== undefined ? unmodelledCause(unmodelled, result) : causeOf(result, evaluated),
  };
  if (awsPolicy !== undefined) answer.awsPolicy = awsPolicy;
  if (environment !== undefined) answer.environment = environment;
  if (psName !== undefined && ps !== undefined) answer.permissionSet = psName;
  if (user !== undefined) answer.user = user;
  return answer;
}
