import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BulkheadError } from '../../core/errors.js';

/** One cached sign-in, with the keys and formats the AWS CLI v2 writes (botocore's SSOTokenFetcher). */
export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: Date;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date;
  refreshToken?: string;
}

/** `~/.aws/sso/cache`, where every SDK's SSO provider looks (homedir() follows $HOME). */
export function tokenCacheDir(): string {
  return join(homedir(), '.aws', 'sso', 'cache');
}

/** The cache file of an sso-session: the SHA-1 of its name, in hex, as the AWS CLI v2 names it (in `dir`, default ~/.aws/sso/cache). */
export function tokenCachePath(sessionName: string, dir = tokenCacheDir()): string {
  return join(dir, `${createHash('sha1').update(sessionName, 'utf8').digest('hex')}.json`);
}

/** `2026-12-01T20:00:00Z`: UTC without milliseconds, as the AWS CLI writes it. */
export function cacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Writes the token for a session: directory 0700, file 0600, through a temporary file and a rename. */
export function writeCachedToken(sessionName: string, token: CachedToken, dir = tokenCacheDir()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = tokenCachePath(sessionName, dir);
  const body = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: cacheTime(token.expiresAt),
    ...(token.clientId ? { clientId: token.clientId } : {}),
    ...(token.clientSecret ? { clientSecret: token.clientSecret } : {}),
    ...(token.registrationExpiresAt ? { registrationExpiresAt: cacheTime(token.registrationExpiresAt) } : {}),
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  };
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(body)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return path;
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The session's cached token, or undefined when there is none; a file that is not a token is an error. */
export function readCachedToken(sessionName: string, dir = tokenCacheDir()): CachedToken | undefined {
  const path = tokenCachePath(sessionName, dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const expiresAt = date(raw['expiresAt']);
  if (typeof raw['accessToken'] !== 'string' || expiresAt === undefined)
    throw new BulkheadError('sso-cache-invalid', `${path} is not an SSO token (no accessToken or expiresAt)`, {
      hint: `sign in again (\`bulkhead login --sso-session ${sessionName}\`), which replaces it`,
    });
  const str = (k: string) => (typeof raw[k] === 'string' ? { [k]: raw[k] as string } : {});
  const registrationExpiresAt = date(raw['registrationExpiresAt']);
  return {
    startUrl: typeof raw['startUrl'] === 'string' ? raw['startUrl'] : '',
    region: typeof raw['region'] === 'string' ? raw['region'] : '',
    accessToken: raw['accessToken'],
    expiresAt,
    ...str('clientId'),
    ...str('clientSecret'),
    ...(registrationExpiresAt ? { registrationExpiresAt } : {}),
    ...str('refreshToken'),
  };
}

/** Whether a token is still good for a while (the SDK treats the last five minutes as expired too). */
export function tokenIsFresh(token: CachedToken, now = Date.now()): boolean {
  return token.expiresAt.getTime() - now > 5 * 60_000;
}
