/**
 * require-tags: creating a resource without the listed tags is denied. AWS: `aws:RequestTag/<key>` holds the tags
 * sent with the request; a Null test per tag denies the request when one is missing (one statement per tag, since
 * the keys of one condition operator must all match). Actions that are also authorised against resources they do
 * not create (RunInstances: image, subnet…; CreateVolume: snapshot) carry the request tags only on the created
 * resource, so their statements name that resource type alone, as AWS's tag-on-create examples do.
 */
import type { GuardrailDefinition, PolicyStatement } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { EXEMPT_ROLES, exempting, readExemptRoles } from './exempt-roles.js';
import { ParameterReader, type ItemCheck } from './parameters.js';

export interface RequireTagsParameters {
  tags: string[];
  actions: string[];
  exemptRoles: string[];
}

/** Create actions whose request tags apply to what they create (each supports aws:RequestTag, per the reference). */
export const DEFAULT_TAGGED_ACTIONS: readonly string[] = [
  'ec2:RunInstances',
  'ec2:CreateVolume',
  'dynamodb:CreateTable',
  'lambda:CreateFunction',
  'logs:CreateLogGroup',
  's3:CreateBucket',
  'secretsmanager:CreateSecret',
  'sns:CreateTopic',
  'sqs:CreateQueue',
];

/** The created resource for actions authorised against several (see the file comment). */
const CREATED_RESOURCE: Readonly<Record<string, { arn: string; sid: string }>> = {
  'ec2:runinstances': { arn: 'arn:*:ec2:*:*:instance/*', sid: 'Instance' },
  'ec2:createvolume': { arn: 'arn:*:ec2:*:*:volume/*', sid: 'Volume' },
};

// AWS: tag keys are 1-128 characters of letters, digits, spaces and _ . : / = + - @, not starting with aws:.
const TAG_KEY = /^[\p{L}\p{N}\s_.:/=+\-@]{1,128}$/u;

const checkTagKey: ItemCheck = (item) => {
  if (item.toLowerCase().startsWith('aws:'))
    return { message: `"${item}": tag keys starting with aws: are reserved for AWS`, hint: 'use another key' };
  if (TAG_KEY.test(item)) return undefined;
  return {
    message: `"${item}" is not a valid tag key`,
    hint: 'tag keys have at most 128 letters, digits, spaces and _ . : / = + - @',
  };
};

const checkAction: ItemCheck = (item) =>
  /^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(item)
    ? undefined
    : { message: `"${item}" is not an action`, hint: 'write service:Action, e.g. ec2:CreateVolume' };

export const requireTags: GuardrailDefinition<RequireTagsParameters> = {
  name: 'require-tags',
  summary: 'Denies creating resources without the required tags',
  docPage: 'docs/guardrails/require-tags.md',
  parse(raw) {
    const reader = new ParameterReader(raw, ['tags', 'actions', EXEMPT_ROLES]);
    const tags = reader.stringList('tags', { check: checkTagKey, example: '[owner, environment]' });
    const actions = reader.stringList('actions', { check: checkAction, example: '[ec2:RunInstances]' });
    const exemptRoles = readExemptRoles(reader);
    if (!reader.has('tags')) reader.problem([], 'require-tags needs tags', 'add parameters: { tags: [owner] }');
    return reader.result(() => ({
      tags: tags ?? [],
      actions: actions ?? [...DEFAULT_TAGGED_ACTIONS],
      exemptRoles,
    }));
  },
  render(params) {
    const groups = new Map<string, { sid: string; actions: string[] }>();
    for (const action of params.actions) {
      const created = CREATED_RESOURCE[action.toLowerCase()];
      const arn = created?.arn ?? '*';
      const group = groups.get(arn) ?? { sid: created?.sid ?? '', actions: [] };
      group.actions.push(action);
      groups.set(arn, group);
    }
    const statements: PolicyStatement[] = [];
    params.tags.forEach((tag, i) => {
      for (const [arn, group] of groups)
        statements.push(
          denyStatement(
            `RequireTags${i + 1}${group.sid}`,
            { Action: group.actions },
            arn,
            exempting(params.exemptRoles, { Null: { [`aws:RequestTag/${tag}`]: 'true' } }),
          ),
        );
    });
    return statements;
  },
};
