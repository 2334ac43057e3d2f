/** Static credentials: the local cloud's keys, or a session handed in by a library caller. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where Bulkhead sends its AWS calls. Nothing else differs between targets. */
export type Target =
  | { kind: 'local'; endpoint: string; region: string; credentials: StaticCredentials }
  | { kind: 'aws'; region?: string; profile?: string }
  | {
      kind: 'endpoint';
      endpoint: string;
      region: string;
      /** Without static credentials the SDK's default chain is used: AWS_* variables, profiles, SSO, … */
      profile?: string;
      credentials?: StaticCredentials;
      /** What named the endpoint (`--endpoint` or `AWS_ENDPOINT_URL`), shown in the description. */
      from?: string;
    };

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'local':
      return `local cloud at ${target.endpoint}`;
    case 'aws':
      return `AWS${target.profile ? ` (profile ${target.profile})` : ''}`;
    case 'endpoint': {
      const notes = [
        ...(target.from && target.from !== '--endpoint' ? [`from ${target.from}`] : []),
        ...(target.profile ? [`profile ${target.profile}`] : []),
      ];
      return `endpoint ${target.endpoint}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    }
  }
}
