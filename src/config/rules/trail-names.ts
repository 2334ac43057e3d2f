// AWS's naming rules for the trail's resources, as documented: S3 "General purpose bucket naming rules" and
// CloudTrail's InvalidTrailNameException (3–128 ASCII letters, digits, `.`, `_`, `-`, …).

const IP_FORMAT = /^\d{1,3}(\.\d{1,3}){3}$/;
const BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** What is wrong with a general purpose bucket name, or undefined when S3 accepts it. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; S3 allows 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lower-case letters, digits, periods and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not hold two adjacent periods';
  if (IP_FORMAT.test(name)) return 'must not be formatted as an IP address';
  const prefix = BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with "${prefix}" (reserved by S3)`;
  const suffix = BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with "${suffix}" (reserved by S3)`;
  return undefined;
}

/** What is wrong with a CloudTrail trail name, or undefined when CloudTrail accepts it. */
export function trailNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 128) return `is ${name.length} characters long; CloudTrail allows 3 to 128`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'may hold only ASCII letters, digits, periods, underscores and dashes';
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return 'must start and end with a letter or digit';
  if (/[._-]{2}/.test(name))
    return 'must not hold adjacent periods, underscores or dashes (like my-_trail or my--trail)';
  if (IP_FORMAT.test(name)) return 'must not be formatted as an IP address';
  return undefined;
}

/** A KMS key or alias ARN, as CloudTrail's KmsKeyId and S3's KMSMasterKeyID take it. */
const KMS_ARN =
  /^arn:aws(-cn|-us-gov|-iso|-iso-[a-z])?:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:(key\/[A-Za-z0-9-]{1,256}|alias\/[A-Za-z0-9/_-]{1,256})$/;

export const isKmsKeyArn = (arn: string): boolean => KMS_ARN.test(arn);
