/**
 * Where the profiles sign in: the AWS access portal's start URL and the Identity Center Region, from the
 * observed instance (AWS: `https://<identity store id>.awsapps.com/start`), or for the local cloud and
 * other endpoints `<endpoint>/start`; the flags override. The sso-session is named after the organization.
 */
import { BulkheadError, UsageError } from '../../core/errors.js';
import type { OrgModel } from '../../model/organization.js';
import { safeName } from './names.js';
import type { SsoSettings } from './render.js';
import type { SourceChoice } from './source.js';

export interface SsoOverrides {
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoSession?: string;
}

export function ssoSettings(model: OrgModel, choice: SourceChoice, options: SsoOverrides): SsoSettings {
  const session = options.ssoSession ?? safeName(model.name);
  if (!/^[A-Za-z0-9\-_.]+$/.test(session))
    throw new UsageError(
      `--sso-session "${session}" has characters an AWS config section name cannot hold`,
      'use letters, digits, -, _ and .',
    );
  const center = choice.live?.identity.center;
  const derived =
    choice.endpoint !== undefined
      ? `${choice.endpoint.replace(/\/+$/, '')}/start`
      : center !== undefined
        ? `https://${center.identityStoreId}.awsapps.com/start`
        : undefined;
  const startUrl = options.ssoStartUrl ?? derived;
  if (startUrl === undefined)
    throw new BulkheadError(
      'no-start-url',
      'the start URL of the AWS access portal is unknown before IAM Identity Center exists',
      {
        hint: 'pass it with --sso-start-url (IAM Identity Center console → Settings → AWS access portal URL), or apply first',
      },
    );
  if (!/^https?:\/\/\S+$/.test(startUrl))
    throw new UsageError(
      `--sso-start-url "${startUrl}" is not an http(s) URL`,
      'e.g. https://d-1234567890.awsapps.com/start',
    );
  return { session, startUrl, region: options.ssoRegion ?? choice.region ?? model.homeRegion };
}
