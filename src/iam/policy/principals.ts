import { stringList } from './string-list.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import { describeType, isPlainObject, type IssueList, type Located, type PolicyPath } from './types.js';

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** Principal / NotPrincipal: `"*"` or an object of AWS | Service | Federated | CanonicalUser. */
export function checkPrincipal(value: unknown, path: PolicyPath, element: string, issues: IssueList): void {
  if (value === '*') return;
  if (typeof value === 'string') {
    issues.error(
      'E-POLICY-PRINCIPAL-VALUE',
      `${element} ${JSON.stringify(value)} must be "*" or an object such as {"AWS": …}`,
      path,
      value.endsWith('.amazonaws.com')
        ? `write {"Service": ${JSON.stringify(value)}}`
        : `write {"AWS": ${JSON.stringify(value)}}`,
    );
    return;
  }
  if (!isPlainObject(value)) {
    issues.error('E-POLICY-PRINCIPAL-VALUE', `${element} must be "*" or an object, not ${describeType(value)}`, path);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    issues.error(
      'E-POLICY-PRINCIPAL-VALUE',
      `${element} is an empty object`,
      path,
      `name at least one of ${PRINCIPAL_TYPES.join(', ')}`,
    );
    return;
  }
  for (const key of keys) {
    const keyPath = [...path, key];
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(key)) {
      issues.error(
        'E-POLICY-PRINCIPAL-TYPE',
        `unknown principal type ${JSON.stringify(key)} in ${element}`,
        keyPath,
        didYouMean(suggest(key, PRINCIPAL_TYPES)) ?? `use one of ${PRINCIPAL_TYPES.join(', ')}`,
      );
      continue;
    }
    for (const ref of stringList(value[key], keyPath, `${element}.${key}`, issues))
      checkValue(key as PrincipalType, ref, issues);
  }
}

function checkValue(type: PrincipalType, ref: Located<string>, issues: IssueList): void {
  const v = ref.value;
  switch (type) {
    case 'AWS': {
      if (v === '*' || /^\d{12}$/.test(v)) return;
      if (/^arn:[a-z-]+:(iam|sts)::[^:]+:.+$/.test(v)) {
        if (v.includes('*') || v.includes('?')) {
          issues.error(
            'E-POLICY-PRINCIPAL-WILDCARD',
            `principal ARN ${JSON.stringify(v)} contains a wildcard`,
            ref.path,
            'AWS does not match wildcards in principal ARNs: use "AWS": "*" with a Condition such as ArnLike on aws:PrincipalArn',
          );
        }
        return;
      }
      issues.error(
        'E-POLICY-PRINCIPAL-VALUE',
        `AWS principal ${JSON.stringify(v)} is not "*", a 12-digit account ID or an IAM/STS ARN`,
        ref.path,
        'write an account ID ("123456789012"), "arn:aws:iam::123456789012:root" or a role/user ARN',
      );
      return;
    }
    case 'Service':
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v)) return;
      issues.error(
        'E-POLICY-PRINCIPAL-VALUE',
        `service principal ${JSON.stringify(v)} is not a service host name`,
        ref.path,
        /^[a-z0-9-]+$/i.test(v)
          ? `did you mean "${v.toLowerCase()}.amazonaws.com"?`
          : 'write the service host name, e.g. "ec2.amazonaws.com"',
      );
      return;
    case 'CanonicalUser':
      if (/^[0-9a-f]{64}$/i.test(v)) return;
      issues.error(
        'E-POLICY-PRINCIPAL-VALUE',
        `canonical user ID ${JSON.stringify(v)} is not 64 hexadecimal characters`,
        ref.path,
      );
      return;
    case 'Federated':
      if (!/\s/.test(v)) return;
      issues.error(
        'E-POLICY-PRINCIPAL-VALUE',
        `federated principal ${JSON.stringify(v)} contains whitespace`,
        ref.path,
      );
  }
}
