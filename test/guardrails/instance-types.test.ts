/** The instance type shape check against every instance type botocore's EC2 model knows. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isInstanceTypePattern, isInstanceTypeShape } from '../../src/guardrails/catalogue/instance-type-shape.js';

function botocoreInstanceTypes(): string[] {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
    encoding: 'utf8',
  }).trim();
  const ec2 = join(dir, 'data', 'ec2');
  const latest = readdirSync(ec2).sort().at(-1)!;
  const plain = join(ec2, latest, 'service-2.json');
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(`${plain}.gz`)).toString();
  const model = JSON.parse(text) as { shapes: { InstanceType: { enum: string[] } } };
  return model.shapes.InstanceType.enum;
}

describe('instance type shape', () => {
  it("accepts every instance type in botocore's EC2 model", () => {
    const types = botocoreInstanceTypes();
    expect(types.length).toBeGreaterThan(500);
    expect(types.filter((t) => !isInstanceTypeShape(t))).toEqual([]);
  });

  it.each([
    't3micro',
    't3.mirco',
    'T3.micro',
    't3.',
    '.micro',
    't3..micro',
    't3.micro.large',
    ' t3.micro',
    '3t.micro',
    't3.1xlarge',
    't3.24xlarg',
    't3.metal-',
    'p4d.24xlarge ',
    'm5_large',
  ])('refuses the near-miss %j', (name) => {
    expect(isInstanceTypeShape(name)).toBe(false);
    expect(isInstanceTypePattern(name)).toBe(false);
  });

  it.each(['t3.*', '*.micro', 'm5?.large', 'c7g*.xlarge', 'g*'])('accepts the pattern %j', (pattern) => {
    expect(isInstanceTypePattern(pattern)).toBe(true);
  });

  it.each(['T3.*', '*.', 't3.*.large', '*micro'])('refuses the malformed pattern %j', (pattern) => {
    expect(isInstanceTypePattern(pattern)).toBe(false);
  });
});
