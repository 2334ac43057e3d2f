/**
 * The process's AWS managed policy catalogue: the file cache (src/iam/managed-policy-files.ts) is opened once,
 * here at the edge, and handed to the evaluator (`PermissionSetResolver`) and to `validate`.
 */
import type { ManagedPolicyCatalogue, ManagedPolicyDocument } from '../iam/managed-policies.js';
import { openManagedPolicyCatalogue, type OpenedCatalogue } from '../iam/managed-policy-files.js';

export type { ManagedPolicy, ManagedPolicyCatalogue } from '../iam/managed-policies.js';
export { managedPolicyCacheExists } from '../iam/managed-policy-files.js';

let opened: OpenedCatalogue | undefined;

function open(): OpenedCatalogue {
  opened ??= openManagedPolicyCatalogue();
  return opened;
}

/** The catalogue; the cache is opened (and built if need be) on the first question, not before. */
const lazy: ManagedPolicyCatalogue = {
  get: (nameOrArn) => open().catalogue.get(nameOrArn),
  names: () => open().catalogue.names(),
  suggest: (nameOrArn) => open().catalogue.suggest(nameOrArn),
};

export function awsManagedPolicies(): ManagedPolicyCatalogue {
  return lazy;
}

/** Builds the cache now (a no-op when it exists); returns where it is, or undefined when it lives in memory. */
export function prepareManagedPolicyCache(): string | undefined {
  return open().dir;
}

/** The document of an AWS managed policy's default version (the same object on every call: do not modify it). */
export function getManagedPolicyDocument(nameOrArn: string): ManagedPolicyDocument | undefined {
  return awsManagedPolicies().get(nameOrArn)?.document;
}
