import type { Store } from '../../store/store.js';
import type { SsoInstanceRecord } from '../sso-admin/tables.js';

/**
 * The Identity Center instance a start URL names: the local cloud's own `<endpoint>/start`, or the AWS form
 * `https://<identityStoreId>.awsapps.com/start` (a trailing `/` or `#/` allowed, as the AWS CLI writes them).
 */
export function instanceForStartUrl(
  store: Store,
  startUrl: string,
  endpoint: string | undefined,
): SsoInstanceRecord | undefined {
  const url = startUrl.replace(/#\/?$/, '').replace(/\/$/, '');
  const instances = [...store.values('ssoInstances')];
  if (endpoint !== undefined && endpoint !== '' && url.toLowerCase() === `${endpoint}/start`.toLowerCase())
    return instances.length === 1 ? instances[0] : undefined;
  const m = /^https:\/\/(d-[0-9a-f]{10})\.awsapps\.com\/start$/i.exec(url);
  if (m === null) return undefined;
  const id = (m[1] ?? '').toLowerCase();
  return instances.find((i) => i.identityStoreId === id);
}

/** The start URLs the local cloud answers for an instance. */
export function startUrlsOf(instance: SsoInstanceRecord, endpoint: string): string[] {
  return [`${endpoint}/start`, `https://${instance.identityStoreId}.awsapps.com/start`];
}
