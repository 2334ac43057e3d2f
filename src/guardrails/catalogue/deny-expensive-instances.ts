/**
 * deny-expensive-instances: EC2 instances can only be launched with the listed instance types. As in AWS's example
 * SCP, the statement names the instance resource only: RunInstances is also authorised against the image, subnet,
 * volumes…, which carry no ec2:InstanceType, and a StringNotLike on an absent key would deny those too.
 */
import { didYouMeanAmong } from '../../core/suggest.js';
import type { GuardrailDefinition } from '../types.js';
import { denyStatement } from './deny-statement.js';
import { EXEMPT_ROLES, exempting, readExemptRoles } from './exempt-roles.js';
import { isInstanceTypePattern } from './instance-type-shape.js';
import { ParameterReader, type ItemCheck } from './parameters.js';

export interface DenyExpensiveInstancesParameters {
  allowedInstanceTypes: string[];
  exemptRoles: string[];
}

const COMMON_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', 'metal'];

const checkInstanceType: ItemCheck = (item) => {
  if (item === '*' || item === '*.*')
    return { message: `"${item}" allows every instance type`, hint: 'remove the guardrail instead' };
  if (isInstanceTypePattern(item)) return undefined;
  const lower = item.toLowerCase().trim();
  const dot = lower.indexOf('.');
  let hint: string | undefined;
  if (lower !== item && isInstanceTypePattern(lower)) hint = `write ${lower}`;
  else if (dot > 0) {
    const close = didYouMeanAmong(lower.slice(dot + 1), COMMON_SIZES);
    if (close !== undefined) hint = `the size: ${close}`;
  }
  return {
    message: `"${item}" is not an EC2 instance type`,
    hint: hint ?? 'write <family>.<size> such as t3.micro or m5.large, or a pattern such as t3.*',
  };
};

export const denyExpensiveInstances: GuardrailDefinition<DenyExpensiveInstancesParameters> = {
  name: 'deny-expensive-instances',
  summary: 'Denies launching EC2 instances of types outside an allow-list',
  docPage: 'docs/guardrails/deny-expensive-instances.md',
  parse(raw) {
    const reader = new ParameterReader(raw, ['allowedInstanceTypes', EXEMPT_ROLES]);
    const allowedInstanceTypes = reader.stringList('allowedInstanceTypes', {
      check: checkInstanceType,
      example: '[t3.*, m5.large]',
    });
    const exemptRoles = readExemptRoles(reader);
    if (!reader.has('allowedInstanceTypes'))
      reader.problem(
        [],
        'deny-expensive-instances needs allowedInstanceTypes',
        'add parameters: { allowedInstanceTypes: [t3.*, m5.large] }',
      );
    return reader.result(() => ({ allowedInstanceTypes: allowedInstanceTypes ?? [], exemptRoles }));
  },
  render(params) {
    return [
      denyStatement(
        'DenyExpensiveInstances',
        { Action: ['ec2:RunInstances'] },
        'arn:*:ec2:*:*:instance/*',
        exempting(params.exemptRoles, { StringNotLike: { 'ec2:InstanceType': [...params.allowedInstanceTypes] } }),
      ),
    ];
  },
};
