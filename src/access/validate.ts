/** Synchronous checks of a request's shape. Expected mistakes come back as data, never as exceptions. */
import { ACCOUNT_ID, isWellFormedArn } from './arn.js';
import type { AccessRequest, InputError } from './types.js';

const REQUEST_ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

function arnSuggestions(value: string): string[] {
  if (value.startsWith('arn:')) return [];
  if (/^[a-z0-9-]+:[a-z0-9-]*:[^:]*:/.test(value)) return [`arn:${value}`];
  if (/^aws:/.test(value)) return [`arn:${value}`];
  return [];
}

export function validateRequest(request: AccessRequest): InputError[] {
  const errors: InputError[] = [];
  const { principal } = request;
  if (
    typeof principal?.arn !== 'string' ||
    (!isWellFormedArn(principal.arn) && !principal.arn.endsWith('.amazonaws.com'))
  ) {
    errors.push({
      code: 'malformed-arn',
      message: `principal ARN "${String(principal?.arn)}" is not arn:partition:service:region:account:resource`,
      suggestions: arnSuggestions(String(principal?.arn)),
      path: 'principal.arn',
    });
  }
  if (typeof principal?.accountId !== 'string' || !ACCOUNT_ID.test(principal.accountId)) {
    errors.push({
      code: 'invalid-account-id',
      message: `principal account "${String(principal?.accountId)}" is not a 12-digit account id`,
      suggestions: [],
      path: 'principal.accountId',
    });
  }
  if (request.resourceAccount !== undefined && !ACCOUNT_ID.test(request.resourceAccount)) {
    errors.push({
      code: 'invalid-account-id',
      message: `resource account "${request.resourceAccount}" is not a 12-digit account id`,
      suggestions: [],
      path: 'resourceAccount',
    });
  }
  if (typeof request.action !== 'string' || !REQUEST_ACTION.test(request.action)) {
    const fixed =
      typeof request.action === 'string'
        ? request.action.replace(/^([A-Za-z0-9-]+)[.:/_ ]+/, '$1:').replace(/[^A-Za-z0-9:-]/g, '')
        : '';
    errors.push({
      code: 'invalid-action',
      message: `request action "${String(request.action)}" is not "service:Action" (requests name one action, without wildcards)`,
      suggestions: fixed !== '' && fixed !== request.action && REQUEST_ACTION.test(fixed) ? [fixed] : [],
      path: 'action',
    });
  }
  if (typeof request.resource !== 'string' || (request.resource !== '*' && !isWellFormedArn(request.resource))) {
    errors.push({
      code: 'malformed-arn',
      message: `resource "${String(request.resource)}" is neither "*" nor arn:partition:service:region:account:resource`,
      suggestions: arnSuggestions(String(request.resource)),
      path: 'resource',
    });
  }
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const ok =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) {
      errors.push({
        code: 'invalid-context-value',
        message: `context key "${key}" has value ${JSON.stringify(value)}; use a string, number, boolean or list of strings`,
        suggestions: [],
        path: `context.${key}`,
      });
    }
  }
  return errors;
}
