/**
 * Services with a single global endpoint, physically in US East (N. Virginia): AWS judges their calls as
 * `aws:RequestedRegion` = `us-east-1` whatever region the caller configured ("Some global services, such as IAM,
 * have a single endpoint. Because this endpoint is physically located in the US East (N. Virginia) Region, IAM
 * calls are always made to the us-east-1 Region", aws:RequestedRegion in
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). STS counts here for
 * its global endpoint (sts.amazonaws.com); a caller of a regional STS endpoint passes its region explicitly.
 */
export const GLOBAL_SERVICE_REGION = 'us-east-1';

export const GLOBAL_SERVICES: ReadonlySet<string> = new Set([
  'iam',
  'organizations',
  'sts',
  'account',
  'budgets',
  'ce',
  'cloudfront',
  'health',
  'route53',
  'route53domains',
  'shield',
  'support',
  'waf',
]);

/** The region a request for `service` is judged in: the explicit one, else us-east-1 for global services. */
export function requestedRegionFor(service: string, explicit: string | undefined, fallback: string): string {
  if (explicit !== undefined) return explicit;
  return GLOBAL_SERVICES.has(service.toLowerCase()) ? GLOBAL_SERVICE_REGION : fallback;
}
