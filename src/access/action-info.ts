/**
 * What the IAM service reference (src/iam) says about an action: its canonical spelling, its
 * access level (read, write, admin) and the ARN of the resource it acts on, so that a question about an action
 * alone can be asked about a representative resource.
 */
import { actionDetails, type ActionDetails } from '../iam/service-reference.js';
import { checkAction, expandActionPattern } from './check-actions.js';
import type { InputError } from './types.js';

export type ActionClass = 'read' | 'write' | 'admin';
export const ACTION_CLASSES: readonly ActionClass[] = ['read', 'write', 'admin'];

export interface ActionInfo {
  /** `dynamodb:DeleteTable`, as the service reference spells it. */
  action: string;
  service: string;
  accessLevel: string;
  /** AWS access levels List and Read → read; Write and Tagging → write; Permissions management → admin. */
  actionClass: ActionClass;
  /** `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`, or undefined for wildcard-only actions. */
  resourceTemplate?: string;
}

/** The service reference may combine levels (`Permissions management, Write`): the most powerful one counts. */
export function classOfAccessLevel(level: string): ActionClass {
  if (/Permissions management/i.test(level)) return 'admin';
  if (/Write|Tagging/i.test(level)) return 'write';
  return 'read';
}

const infoCache = new Map<string, Promise<ActionInfo | undefined>>();

function infoOf(details: ActionDetails): ActionInfo {
  return {
    action: details.action,
    service: details.service,
    accessLevel: details.accessLevel,
    actionClass: classOfAccessLevel(details.accessLevel),
    ...(details.resourceTemplate === undefined ? {} : { resourceTemplate: details.resourceTemplate }),
  };
}

/** Details of one action (no wildcards); undefined when the service reference does not know it. */
export function actionInfo(action: string): Promise<ActionInfo | undefined> {
  const key = action.toLowerCase();
  let p = infoCache.get(key);
  if (p === undefined)
    infoCache.set(key, (p = actionDetails(action).then((d) => (d === undefined ? undefined : infoOf(d)))));
  return p;
}

/** Checks a request action and returns its details, or the input error with close alternatives. */
export async function requireAction(action: string): Promise<ActionInfo | InputError> {
  if (/[*?]/.test(action)) {
    return {
      code: 'invalid-action',
      message: `"${action}" is a pattern; ask about one action (e.g. ${(await expandActionPattern(action)).slice(0, 2).join(', ') || 's3:GetObject'})`,
      suggestions: (await expandActionPattern(action)).slice(0, 3),
    };
  }
  const error = await checkAction(action);
  if (error !== undefined) return error;
  const info = await actionInfo(action);
  return info ?? { code: 'unknown-action', message: `unknown action "${action}"`, suggestions: [] };
}

export function isInputError(value: unknown): value is InputError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && 'suggestions' in value;
}

/**
 * A concrete-enough resource ARN for an action in an account: the service reference's ARN template with the
 * partition, region and account filled in and every other name left as `*` (any table, any bucket…).
 */
export function sampleResource(info: ActionInfo, accountId: string, region: string): string {
  if (info.resourceTemplate === undefined) return '*';
  return info.resourceTemplate
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, region)
    .replace(/\$\{Account\}/g, accountId)
    .replace(/\$\{[^}]+\}/g, '*');
}

/** Expands patterns and class names (`read`, `write`, `admin`) over the given services into action details. */
export async function resolveActionSelection(
  items: readonly string[],
  defaultServices: readonly string[],
): Promise<{ actions: ActionInfo[]; errors: InputError[] }> {
  const classes = items
    .filter((i): i is ActionClass => (ACTION_CLASSES as readonly string[]).includes(i.toLowerCase()))
    .map((i) => i.toLowerCase() as ActionClass);
  const patterns = items.filter((i) => !(ACTION_CLASSES as readonly string[]).includes(i.toLowerCase()));
  const errors: InputError[] = [];
  const names: string[] = [];
  for (const p of patterns) {
    const err = await checkAction(p);
    if (err !== undefined) {
      errors.push(err);
      continue;
    }
    names.push(...(/[*?]/.test(p) ? await expandActionPattern(p) : [p]));
  }
  if (patterns.length === 0) for (const s of defaultServices) names.push(...(await expandActionPattern(`${s}:*`)));
  const seen = new Set<string>();
  const actions: ActionInfo[] = [];
  for (const n of names) {
    const info = await actionInfo(n);
    if (info === undefined || seen.has(info.action)) continue;
    if (classes.length > 0 && !classes.includes(info.actionClass)) continue;
    seen.add(info.action);
    actions.push(info);
  }
  return { actions, errors };
}

/** The services a matrix shows by default: the ones most workloads and guardrails touch. */
export const DEFAULT_MATRIX_SERVICES = [
  'ec2',
  's3',
  'dynamodb',
  'lambda',
  'rds',
  'sqs',
  'sns',
  'kms',
  'logs',
  'cloudformation',
  'cloudtrail',
  'iam',
  'organizations',
] as const;
