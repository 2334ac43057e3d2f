/** Where Bulkhead sends its AWS calls. Nothing else differs between targets. */
export type Target =
  | { kind: 'local'; endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } }
  | { kind: 'aws'; region?: string; profile?: string }
  | {
      kind: 'endpoint';
      endpoint: string;
      region: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'local':
      return `local cloud at ${target.endpoint}`;
    case 'aws':
      return `AWS${target.profile ? ` (profile ${target.profile})` : ''}`;
    case 'endpoint':
      return `endpoint ${target.endpoint}`;
  }
}
