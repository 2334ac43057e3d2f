import { BulkheadError } from '../../core/errors.js';
import { didYouMean, suggest } from '../../core/suggest.js';

/**
 * The services listed when no --service is given: those whose quotas Bulkhead's guides and the `quotas:` spec part
 * talk about. Service Quotas knows hundreds; listing them all in every account would be hundreds of calls each.
 */
export const HEADLINE_SERVICES = [
  'ec2',
  'lambda',
  'vpc',
  'iam',
  's3',
  'dynamodb',
  'rds',
  'elasticloadbalancing',
  'cloudformation',
  'organizations',
] as const;

/** A name or code Service Quotas or the spec does not know: a user error (exit 1, as for any bad input). */
const unknown = (code: string, message: string, hint: string): BulkheadError =>
  new BulkheadError(code, message, { source: 'user', hint });

/** --service: a code Service Quotas lists, or a usage error with did-you-mean by code and by name. */
export function checkService(code: string, services: readonly { code: string; name: string }[]): void {
  if (services.some((s) => s.code === code)) return;
  const byCode = suggest(
    code,
    services.map((s) => s.code),
  );
  const byName = suggest(
    code,
    services.map((s) => s.name),
  ).flatMap((n) => services.filter((s) => s.name === n));
  const offers = [...new Set([...byCode, ...byName.map((s) => s.code)])];
  throw unknown(
    'quota-unknown-service',
    `--service "${code}" is not a service code Service Quotas knows`,
    didYouMean(offers) ?? 'list the codes with `aws service-quotas list-services` (e.g. ec2, lambda, vpc)',
  );
}

/** --quota: a quota code of the services listed, or a usage error with did-you-mean by code and by name. */
export function checkQuota(code: string, quotas: readonly { quotaCode: string; quotaName: string }[]): void {
  if (quotas.some((q) => q.quotaCode.toLowerCase() === code.toLowerCase())) return;
  const codes = suggest(
    code,
    quotas.map((q) => q.quotaCode),
  );
  const names = suggest(
    code,
    quotas.map((q) => q.quotaName),
  ).flatMap((n) => quotas.filter((q) => q.quotaName === n).map((q) => q.quotaCode));
  const offers = [...new Set([...codes, ...names])].map((c) => {
    const q = quotas.find((x) => x.quotaCode === c);
    return q === undefined ? c : `${c} (${q.quotaName})`;
  });
  throw unknown(
    'quota-unknown',
    `--quota "${code}" is not a quota code of the services listed`,
    didYouMean(offers, (s) => s) ??
      "quota codes look like L-B99A9384; `bulkhead quotas --service <code>` lists a service's quotas",
  );
}

/** --environment: a name from the spec (or management/unmanaged), did-you-mean otherwise. */
export function checkEnvironment(name: string, known: readonly string[]): void {
  if (known.includes(name)) return;
  throw unknown(
    'quota-unknown-environment',
    `--environment "${name}" is not an environment of the spec`,
    didYouMean(suggest(name, known)) ?? `use one of ${known.join(', ')}`,
  );
}
