import { randomBytes, randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

export const lowerAlnum = (n: number): string => pick(LOWER_ALNUM, n);
export const digits = (n: number): string => pick(DIGITS, n);

/** 12 digits, never starting with 0 so that tools that parse ids as numbers round-trip. */
export const newAccountId = (): string => pick('123456789', 1) + digits(11);
export const newOrganizationId = (): string => `o-${lowerAlnum(10)}`;
export const newRootId = (): string => `r-${lowerAlnum(4)}`;
export const newOuId = (rootId: string): string => `ou-${rootId.slice(2)}-${lowerAlnum(8)}`;
export const newPolicyId = (): string => `p-${lowerAlnum(8)}`;
export const newHandshakeId = (): string => `h-${lowerAlnum(10)}`;
export const newCreateAccountRequestId = (): string => `car-${randomBytes(16).toString('hex')}`;
export const newRequestId = (): string => randomUUID();
/** IAM unique ids: a 4-letter prefix (AROA role, ANPA policy, AIDA user) and 17 characters. */
export const newIamUniqueId = (prefix: 'AROA' | 'ANPA' | 'AIDA'): string => prefix + pick(UPPER_ALNUM, 17);
export const newAccessKeyId = (temporary: boolean): string => (temporary ? 'ASIA' : 'AKIA') + pick(UPPER_ALNUM, 16);
export const newSecretAccessKey = (): string => randomBytes(30).toString('base64');
export const newSessionToken = (): string => `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`;
