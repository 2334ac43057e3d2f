import { UsageError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';

/** What the command line asked for, before the environment fills in the rest. */
export interface TargetFlags {
  target?: string;
  endpoint?: string;
  profile?: string;
  region?: string;
}

/** Where to send calls, resolved from flags and environment; `local` still has to find or start its cloud. */
export type TargetRequest =
  | { kind: 'local' }
  | { kind: 'aws'; region: string; profile?: string }
  | { kind: 'endpoint'; endpoint: string; region: string; profile?: string; from: '--endpoint' | 'AWS_ENDPOINT_URL' };

const KINDS = ['local', 'aws', 'endpoint'] as const;
type Kind = (typeof KINDS)[number];

function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function checkEndpoint(value: string, from: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') {
    throw new UsageError(
      `${from} "${value}" is not an http:// or https:// URL`,
      'write the endpoint with its scheme, e.g. --endpoint http://127.0.0.1:5000',
    );
  }
  return value;
}

function checkKind(value: string, from: string): Kind {
  if (isKind(value)) return value;
  const suggestion = didYouMeanAmong(value, KINDS);
  throw new UsageError(
    `${from} "${value}" is not a target`,
    `${suggestion ? `${suggestion} ` : ''}use local (the default), aws, or --endpoint URL for any AWS-compatible endpoint`,
  );
}

/**
 * Resolves the target from the flags and the environment, so that it never differs from what was
 * asked: a flag beats its environment variable, two settings that contradict each other at the
 * same level are refused, and nothing is ever silently dropped.
 */
export function resolveTargetRequest(
  flags: TargetFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TargetRequest {
  const targetFlag = nonEmpty(flags.target);
  const targetEnv = nonEmpty(env['BULKHEAD_TARGET']);
  const endpointFlag = nonEmpty(flags.endpoint);
  const endpointEnv = nonEmpty(env['AWS_ENDPOINT_URL']);
  const target =
    targetFlag !== undefined
      ? checkKind(targetFlag, '--target')
      : targetEnv !== undefined
        ? checkKind(targetEnv, 'BULKHEAD_TARGET')
        : undefined;
  const endpoint =
    endpointFlag !== undefined
      ? { url: checkEndpoint(endpointFlag, '--endpoint'), from: '--endpoint' as const }
      : endpointEnv !== undefined
        ? { url: checkEndpoint(endpointEnv, 'AWS_ENDPOINT_URL'), from: 'AWS_ENDPOINT_URL' as const }
        : undefined;
  const profile = nonEmpty(flags.profile);
  const region = nonEmpty(flags.region) ?? nonEmpty(env['AWS_REGION']) ?? 'us-east-1';

  // The local cloud is found through its data folder; an endpoint names something else.
  let wantsLocal = target === 'local' || (target === undefined && endpoint === undefined);
  if (target === 'local' && endpoint !== undefined) {
    const targetIsFlag = targetFlag !== undefined;
    const endpointIsFlag = endpoint.from === '--endpoint';
    if (targetIsFlag === endpointIsFlag) {
      const [t, e] = targetIsFlag ? ['--target local', '--endpoint'] : ['BULKHEAD_TARGET=local', 'AWS_ENDPOINT_URL'];
      throw new UsageError(
        `${t} and ${e} contradict each other: the local cloud is found through --data, not an endpoint`,
        `drop one of them; a local cloud started with \`bulkhead local start\` is reached either way`,
      );
    }
    wantsLocal = targetIsFlag; // the flag wins over the variable
  }
  if (wantsLocal) {
    if (profile !== undefined) {
      throw new UsageError(
        '--profile applies to --target aws and --endpoint, not to the local cloud',
        'drop --profile, or add --target aws (or --endpoint URL) to use it',
      );
    }
    return { kind: 'local' };
  }
  if (endpoint !== undefined) {
    return { kind: 'endpoint', endpoint: endpoint.url, region, ...(profile ? { profile } : {}), from: endpoint.from };
  }
  if (target === 'endpoint') {
    throw new UsageError('--target endpoint needs an endpoint', 'add --endpoint URL or set AWS_ENDPOINT_URL');
  }
  return { kind: 'aws', region, ...(profile ? { profile } : {}) };
}
