import { describe, expect, it } from 'vitest';
import { bucketNameProblem, isKmsKeyArn, trailNameProblem } from '../../src/config/rules/trail-names.js';
import { defaultBucketName } from '../../src/config/trail.js';

// S3's "General purpose bucket naming rules" and CloudTrail's trail name rules, case by case.
describe('bucket names', () => {
  it.each(['acme-org-trail-eu-west-1', 'abc', 'a'.repeat(63), 'logs.acme.example', '1-bucket'])('accepts %s', (n) =>
    expect(bucketNameProblem(n)).toBeUndefined(),
  );
  it.each([
    ['ab', '3 to 63'],
    ['a'.repeat(64), '3 to 63'],
    ['Acme-logs', 'lower-case'],
    ['acme_logs', 'lower-case'],
    ['-acme', 'begin and end'],
    ['acme.', 'begin and end'],
    ['acme..logs', 'adjacent periods'],
    ['192.168.5.4', 'IP address'],
    ['xn--acme', 'xn--'],
    ['sthree-acme', 'sthree-'],
    ['amzn-s3-demo-acme', 'amzn-s3-demo-'],
    ['acme-s3alias', '-s3alias'],
    ['acme--ol-s3', '--ol-s3'],
    ['acme.mrap', '.mrap'],
    ['acme--x-s3', '--x-s3'],
    ['acme--table-s3', '--table-s3'],
  ])('refuses %s (%s)', (n, why) => expect(bucketNameProblem(n)).toContain(why));
});

describe('trail names', () => {
  it.each(['org-trail', 'Org_Trail.1', 'abc', 'a'.repeat(128)])('accepts %s', (n) =>
    expect(trailNameProblem(n)).toBeUndefined(),
  );
  it.each([
    ['ab', '3 to 128'],
    ['a'.repeat(129), '3 to 128'],
    ['org trail', 'ASCII letters'],
    ['-trail', 'start and end'],
    ['trail_', 'start and end'],
    ['my--trail', 'adjacent'],
    ['my-_trail', 'adjacent'],
    ['10.0.0.1', 'IP address'],
  ])('refuses %s (%s)', (n, why) => expect(trailNameProblem(n)).toContain(why));
});

describe('KMS key ARNs', () => {
  it.each([
    'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    'arn:aws:kms:eu-west-1:111122223333:alias/org-trail',
  ])('accepts %s', (arn) => expect(isKmsKeyArn(arn)).toBe(true));
  it.each([
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'alias/org-trail',
    'arn:aws:kms:eu-west-1:1234:key/abc',
    'arn:aws:s3:::bucket',
    'arn:aws:kms:eu-west-1:111122223333:key/',
  ])('refuses %s', (arn) => expect(isKmsKeyArn(arn)).toBe(false));
});

describe('the default bucket name', () => {
  it('derives from the organization name and home region, lower-cased', () => {
    expect(defaultBucketName('Acme', 'eu-west-1')).toBe('acme-org-trail-eu-west-1');
  });
  it('replaces what S3 refuses and stays a valid name', () => {
    for (const org of ['Acme Corp_International', '--x--', 'xn--acme', 'Ünïcode Örg', 'a'.repeat(80)]) {
      const name = defaultBucketName(org, 'ap-southeast-2');
      expect(bucketNameProblem(name), `${org} → ${name}`).toBeUndefined();
    }
    expect(defaultBucketName('Acme Corp_International', 'eu-west-1')).toBe(
      'acme-corp-international-org-trail-eu-west-1',
    );
    expect(defaultBucketName('a'.repeat(80), 'eu-west-1')).toHaveLength(63);
  });
});
