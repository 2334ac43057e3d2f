import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `<prefix>/AWSLogs/[<org-id>/]<account-id>/`: where a trail's files for one account start. */
export function logKeyPrefix(
  s3KeyPrefix: string | undefined,
  organizationId: string | undefined,
  accountId: string,
): string {
  const head = s3KeyPrefix === undefined || s3KeyPrefix === '' ? '' : `${s3KeyPrefix.replace(/\/+$/, '')}/`;
  return `${head}AWSLogs/${organizationId === undefined ? '' : `${organizationId}/`}${accountId}/`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The key of one log file, as AWS names them: `…/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_
 * <YYYYMMDDTHHmmZ>_<16 random characters>.json.gz`, dated in UTC.
 */
export function logFileKey(
  prefix: string,
  accountId: string,
  region: string,
  at: number,
  unique: string = randomSuffix(),
): string {
  const d = new Date(at);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const stamp = `${y}${m}${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return `${prefix}CloudTrail/${region}/${y}/${m}/${day}/${accountId}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
}

export function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return out;
}
