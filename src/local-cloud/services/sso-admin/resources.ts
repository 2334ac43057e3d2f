import type { ResourceResolver } from '../registry.js';

/**
 * IAM Identity Center resources, as in the Service Authorization Reference (AWS IAM Identity Center):
 * the permission set when the operation names one, else the instance, else `*`.
 */
const str = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const ssoResource: ResourceResolver = (input) =>
  str(input, 'PermissionSetArn') ?? str(input, 'ResourceArn') ?? str(input, 'InstanceArn') ?? '*';
