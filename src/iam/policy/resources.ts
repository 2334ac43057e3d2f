import type { IssueList, Located } from './types.js';

// AWS partitions: commercial, China, GovCloud, the ISO regions (aws-iso, aws-iso-b, -e, -f) and the
// European Sovereign Cloud.
const PARTITION = /^aws(-cn|-us-gov|-iso(-[a-z])?|-eusc)?$/;
const dynamic = (s: string): boolean => s.includes('${') || s.includes('*') || s.includes('?');

/** Resource and NotResource values: `*` or `arn:partition:service:region:account:resource`. */
export function checkResources(refs: readonly Located<string>[], issues: IssueList): void {
  for (const ref of refs) {
    const problem = arnProblem(ref.value);
    if (problem === undefined) continue;
    issues.error(
      'E-POLICY-RESOURCE-ARN',
      `resource ${JSON.stringify(ref.value)} ${problem}`,
      ref.path,
      resourceHint(ref.value),
    );
  }
}

/** Why a resource string is not `*` or a well-formed ARN, or undefined when it is fine. */
export function arnProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  const parts = splitArn(value);
  if (parts[0] !== 'arn') {
    return parts[0]?.toLowerCase() === 'arn' ? 'must start with lowercase "arn:"' : 'is neither "*" nor an ARN';
  }
  if (parts.length < 6)
    return `has ${parts.length} colon-separated parts; an ARN has at least 6 (arn:partition:service:region:account:resource)`;
  const [, partition = '', service = '', , , ...rest] = parts;
  if (!PARTITION.test(partition) && !dynamic(partition)) return `has unknown partition ${JSON.stringify(partition)}`;
  if (service === '') return 'has an empty service part';
  if (!/^[a-z0-9-]+$/.test(service) && !dynamic(service))
    return `has an invalid service part ${JSON.stringify(service)}`;
  if (rest.join(':') === '') return 'has an empty resource part';
  return undefined;
}

/** Splits on colons, except inside policy variables such as `${aws:Partition}`. */
export function splitArn(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '$' && value[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function resourceHint(value: string): string {
  if (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(value)) {
    return `if this is an S3 bucket or object, write "arn:aws:s3:::${value}"; otherwise use the resource's full ARN or "*"`;
  }
  if (value.startsWith('arn:') && !value.includes('${') && value.split(':')[1] !== undefined) {
    return 'write arn:partition:service:region:account:resource (partition aws, aws-cn, aws-us-gov…; region and account may be empty, e.g. arn:aws:s3:::my-bucket/*)';
  }
  return 'use "*" or a full ARN such as "arn:aws:s3:::my-bucket/*"';
}
