import { describeType, type IssueList, type Located, type PolicyPath } from './types.js';

/**
 * Reads an element that IAM accepts as a string or a list of strings (Action, Resource, principal
 * values). Reports wrong types and empty values; returns the usable strings with their paths.
 */
export function stringList(value: unknown, path: PolicyPath, element: string, issues: IssueList): Located<string>[] {
  if (typeof value === 'string') {
    if (value === '')
      issues.error(
        'E-POLICY-EMPTY-VALUE',
        `${element} is an empty string`,
        path,
        `give ${element} a value or remove it`,
      );
    return value === '' ? [] : [{ value, path }];
  }
  if (!Array.isArray(value)) {
    issues.error(
      'E-POLICY-VALUE-TYPE',
      `${element} must be a string or a list of strings, not ${describeType(value)}`,
      path,
    );
    return [];
  }
  if (value.length === 0) {
    issues.error(
      'E-POLICY-EMPTY-VALUE',
      `${element} is an empty list`,
      path,
      `list at least one value in ${element} or remove the element`,
    );
    return [];
  }
  const out: Located<string>[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      issues.error('E-POLICY-VALUE-TYPE', `${element} entries must be strings, not ${describeType(item)}`, [
        ...path,
        i,
      ]);
    } else if (item === '') {
      issues.error('E-POLICY-EMPTY-VALUE', `${element} has an empty string`, [...path, i], 'remove the empty entry');
    } else {
      out.push({ value: item, path: [...path, i] });
    }
  });
  return out;
}
