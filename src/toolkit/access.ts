/**
 * `bulkhead access can | who-can | matrix`: questions about who may do what, where, answered by Bulkhead's own
 * evaluator from the spec or the live organization. Bad input is an error naming the value and close
 * alternatives, never a silent "denied". (`explain` lives in access-explain.ts.)
 */
import { requestedRegionFor } from '../iam/global-services.js';
import {
  DEFAULT_MATRIX_SERVICES,
  isInputError,
  requireAction,
  resolveActionSelection,
  type ActionInfo,
} from '../access/action-info.js';
import { parseContext } from '../access/context-input.js';
import {
  ALLOWED,
  computeMatrix,
  matrixCell,
  matrixColumns,
  type AccessMatrixData,
  type MatrixCell,
  type MatrixColumn,
} from '../access/matrix.js';
import {
  canQuery,
  QueryError,
  whoCanQuery,
  type CanAnswer,
  type QueryInput,
  type WhoCanAnswer,
} from '../access/org-queries.js';
import { accountsOf, type AccessOrg } from '../access/org-view.js';
import { isPrincipalProblem, resolvePrincipal } from '../access/principals.js';
import { isWellFormedArn } from '../access/arn.js';
import type { InputError } from '../access/types.js';
import { BulkheadError } from '../core/errors.js';
import { didYouMean, suggest } from '../core/suggest.js';
import type { PermissionSetResolver } from '../access/permission-set-policies.js';
import { loadAccessOrg, type AccessSourceOptions } from './access-source.js';

export interface AccessAnswerMeta {
  source: 'spec' | 'live';
  /** Where users, groups, permission sets and assignments came from: the spec, or the live IAM Identity Center. */
  identity: 'spec' | 'identity-center';
  description: string;
  notes: string[];
}

/** Turns the evaluator's input errors into one user error: the bad value, and close alternatives as the hint. */
export function inputFailure(errors: readonly InputError[]): BulkheadError {
  const first = errors[0]!;
  const message = errors.map((e) => e.message).join('; ');
  return new BulkheadError('access-input', message, {
    hint: didYouMean(first.suggestions, (s) => s) ?? hintFor(first),
  });
}

function hintFor(e: InputError): string {
  switch (e.code) {
    case 'malformed-arn':
      return 'ARNs read arn:partition:service:region:account:resource, e.g. arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
    case 'invalid-action':
      return 'actions read service:Action, e.g. s3:GetObject';
    case 'invalid-context-value':
      return 'context values read key=value, e.g. --context aws:MultiFactorAuthPresent=true';
    default:
      return 'check the value against the AWS service authorization reference';
  }
}

export async function checkedAction(action: string): Promise<ActionInfo> {
  const info = await requireAction(action);
  if (isInputError(info)) throw inputFailure([info]);
  return info;
}

export function checkEnvironment(org: AccessOrg, environment: string): void {
  if (!org.environments.has(environment)) {
    throw new BulkheadError('unknown-environment', `environment "${environment}" is not defined in the spec`, {
      hint:
        didYouMean(suggest(environment, org.environments.keys())) ??
        `environments: ${[...org.environments.keys()].join(', ')}`,
    });
  }
  if (accountsOf(org, environment).length === 0) {
    throw new BulkheadError(
      'environment-without-account',
      `no account hosts environment "${environment}"${org.source === 'live' ? ' in the live organization (accounts carry their environment in the `environment` tag)' : ''}`,
      {
        hint:
          org.source === 'live'
            ? 'apply the spec, or ask with --from spec'
            : 'add an account with `environment: ' + environment + '`',
      },
    );
  }
}

function checkResource(resource: string | undefined): void {
  if (resource === undefined || resource === '*' || isWellFormedArn(resource)) return;
  const fixed =
    /^[a-z0-9-]+:[a-z0-9-]*:[^:]*:/.test(resource) || resource.startsWith('aws:') ? [`arn:${resource}`] : [];
  throw new BulkheadError(
    'access-input',
    `resource "${resource}" is neither "*" nor an ARN (arn:partition:service:region:account:resource)`,
    {
      hint: didYouMean(fixed, (s) => s) ?? 'e.g. --resource arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
    },
  );
}

function checkRegion(region: string): void {
  if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(region)) {
    throw new BulkheadError('access-input', `region "${region}" is not an AWS region name`, {
      hint: 'e.g. --region eu-west-1',
    });
  }
}

function run<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof QueryError) throw inputFailure(err.errors);
    throw err;
  }
}

function meta(loaded: { org: AccessOrg; description: string }, extra: string[] = []): AccessAnswerMeta {
  return {
    source: loaded.org.source,
    identity: loaded.org.identitySource,
    description: loaded.description,
    notes: [...loaded.org.notes, ...extra],
  };
}

export interface CanOptions extends AccessSourceOptions {
  principal: string;
  environment: string;
  action: string;
  resource?: string;
  region?: string;
  /** `key=value` pairs. */
  context?: string[];
}

export async function accessCan(options: CanOptions): Promise<CanAnswer & AccessAnswerMeta> {
  const loaded = await loadAccessOrg(options);
  const { org, resolver } = loaded;
  const principal = resolvePrincipal(org, options.principal);
  if (isPrincipalProblem(principal)) {
    throw new BulkheadError('unknown-principal', principal.message, {
      hint: didYouMean(principal.suggestions) ?? 'pass a group or user name from identity.groups / identity.users',
    });
  }
  checkEnvironment(org, options.environment);
  checkResource(options.resource);
  if (options.region !== undefined) checkRegion(options.region);
  const action = await checkedAction(options.action);
  const region = requestedRegionFor(action.service, options.region, org.homeRegion);
  const { context, errors } = await parseContext(options.context ?? []);
  if (errors.length > 0) throw inputFailure(errors);
  const input: QueryInput = {
    action,
    region,
    context,
    ...(options.resource === undefined ? {} : { resource: options.resource }),
  };
  const answer = run(() => canQuery(org, resolver, principal, options.environment, input));
  const extra =
    options.resource === undefined && action.resourceTemplate !== undefined
      ? [
          `no --resource given: asked about any ${action.service} resource of that type (${answer.accounts[0]?.resource ?? ''})`,
        ]
      : [];
  const psNotes = [...new Set(answer.accounts.flatMap((a) => a.grants.flatMap((g) => g.notes)))];
  return { ...answer, ...meta(loaded, [...extra, ...psNotes]) };
}

export interface WhoCanOptions extends AccessSourceOptions {
  action: string;
  environment?: string;
  resource?: string;
  region?: string;
}

export async function accessWhoCan(options: WhoCanOptions): Promise<WhoCanAnswer & AccessAnswerMeta> {
  const loaded = await loadAccessOrg(options);
  const { org, resolver } = loaded;
  if (options.environment !== undefined) checkEnvironment(org, options.environment);
  checkResource(options.resource);
  if (options.region !== undefined) checkRegion(options.region);
  const action = await checkedAction(options.action);
  const region = requestedRegionFor(action.service, options.region, org.homeRegion);
  const environments =
    options.environment !== undefined
      ? [options.environment]
      : [...org.environments.keys()].filter((e) => accountsOf(org, e).length > 0);
  const input: QueryInput = {
    action,
    region,
    ...(options.resource === undefined ? {} : { resource: options.resource }),
  };
  return { ...run(() => whoCanQuery(org, resolver, environments, input)), ...meta(loaded) };
}

export interface MatrixOptions extends AccessSourceOptions {
  /** `read`, `write`, `admin` and/or action patterns (`s3:*`, `dynamodb:DeleteTable`); default: every action of common services. */
  actions?: string[];
  region?: string;
}

export interface AccessMatrixResult extends AccessAnswerMeta {
  data: AccessMatrixData;
  columns: MatrixColumn[];
  /** Rows in `data.rows` order; one cell per column. */
  cells: MatrixCell[][];
  /** Which production environments exist (for flagging). */
  production: string[];
}

export async function matrixActions(items: readonly string[] | undefined): Promise<ActionInfo[]> {
  const { actions, errors } = await resolveActionSelection(items ?? [], DEFAULT_MATRIX_SERVICES);
  if (errors.length > 0) throw inputFailure(errors);
  if (actions.length === 0)
    throw new BulkheadError('access-input', `--actions ${(items ?? []).join(',')} selects no action`, {
      hint: 'use read, write, admin and/or patterns such as s3:*,dynamodb:DeleteTable',
    });
  return actions;
}

export async function accessMatrix(options: MatrixOptions): Promise<AccessMatrixResult> {
  const loaded = await loadAccessOrg(options);
  const { org, resolver } = loaded;
  const region = options.region ?? org.homeRegion;
  checkRegion(region);
  const actions = await matrixActions(options.actions);
  const data = computeMatrix(org, resolver, actions, {
    region,
    regionOf: (a) => requestedRegionFor(a.service, options.region, org.homeRegion),
  });
  const columns = matrixColumns(data);
  const cells = data.rows.map((row) => columns.map((c) => matrixCell(row, c)));
  const production = [...org.environments.values()].filter((e) => e.kind === 'production').map((e) => e.name);
  return { ...meta(loaded), data, columns, cells, production };
}

export interface AccessExcerptRow {
  group: string;
  environment: string;
  production: boolean;
  /** The actions allowed in at least one account of the environment. */
  allowed: string[];
  denied: string[];
}

/** A few actions for every group and environment where the group holds a permission set (the demo's "who can do what where"). */
export async function accessExcerpt(
  org: AccessOrg,
  resolver: PermissionSetResolver,
  items: readonly string[],
): Promise<AccessExcerptRow[]> {
  const actions = await matrixActions(items);
  const data = computeMatrix(org, resolver, actions, { region: org.homeRegion });
  return data.rows
    .filter((row) => row.grants.length > 0)
    .map((row) => ({
      group: row.group,
      environment: row.environment,
      production: org.environments.get(row.environment)?.kind === 'production',
      allowed: actions.filter((_, i) => row.statuses[i] === ALLOWED).map((a) => a.action),
      denied: actions.filter((_, i) => row.statuses[i] !== ALLOWED).map((a) => a.action),
    }));
}
