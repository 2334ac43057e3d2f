/**
 * The shape of an EC2 instance type name: `<family>.<size>`, e.g. t3.micro, p4d.24xlarge, m7i-flex.large,
 * u-6tb1.metal, c7gd.metal-48xl. The family is a letter series, a generation and option letters, with an optional
 * `-suffix`; the size is a named size, `<n>xlarge` or `metal[-<n>xl]`. Patterns may use the IAM wildcards `*` and `?`
 * (`t3.*`); the parts without a wildcard must still have the shape. The test compares this with botocore's list.
 */
const FAMILY = /^[a-z]+[0-9]*[a-z]*(-[a-z0-9]+)?$/;
const SIZE = /^(nano|micro|small|medium|large|xlarge|([2-9]|[1-9][0-9]+)xlarge|metal(-([2-9]|[1-9][0-9]+)xl)?)$/;
const PATTERN_PART = /^[a-z0-9*?-]+$/;

export function isInstanceTypeShape(name: string): boolean {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot !== name.lastIndexOf('.')) return false;
  return FAMILY.test(name.slice(0, dot)) && SIZE.test(name.slice(dot + 1));
}

/** An instance type name or a wildcard pattern of one (`t3.*`, `*.micro`, `m5?.large`). */
export function isInstanceTypePattern(pattern: string): boolean {
  if (!/[*?]/.test(pattern)) return isInstanceTypeShape(pattern);
  const dot = pattern.indexOf('.');
  if (dot < 0) return /^[a-z0-9-]*[*?][a-z0-9*?-]*$/.test(pattern) && /^[a-z]/.test(pattern);
  if (dot === 0 || dot !== pattern.lastIndexOf('.')) return false;
  const [family, size] = [pattern.slice(0, dot), pattern.slice(dot + 1)];
  const ok = (part: string, shape: RegExp) => (/[*?]/.test(part) ? PATTERN_PART.test(part) : shape.test(part));
  return ok(family, FAMILY) && size !== '' && ok(size, SIZE);
}
