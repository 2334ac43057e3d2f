/** What an environment is for. Workload kinds carry applications; shared kinds serve the whole organization. */
export const ENVIRONMENT_KINDS = [
  'production',
  'staging',
  'development',
  'sandbox',
  'log-archive',
  'security',
  'shared-services',
  'build',
  'network',
  'backup',
] as const;

export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

export const WORKLOAD_KINDS: readonly EnvironmentKind[] = ['production', 'staging', 'development', 'sandbox'];

export interface Environment {
  name: string;
  kind: EnvironmentKind;
  description?: string;
  owner?: string;
  tags: Record<string, string>;
}

export function isProduction(env: Pick<Environment, 'kind'>): boolean {
  return env.kind === 'production';
}
