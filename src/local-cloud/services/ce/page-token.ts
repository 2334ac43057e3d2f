import { hashText } from '../../usage/hash.js';
import { invalidNextToken, requestChanged } from './common.js';

/**
 * Cost Explorer's NextPageToken: opaque to callers, tied to the request it came from. Here it names the request (a
 * hash of its parameters but the token), the period and the group the next page starts at, and a check value: a
 * hand-edited token is InvalidNextTokenException; a token replayed with other parameters is RequestChangedException,
 * as AWS answers.
 */
export interface PagePosition {
  period: number;
  group: number;
}

const check = (fingerprint: string, p: number, g: number): string =>
  hashText(`ce|${fingerprint}|${p}|${g}`).toString(36);

export function encodePageToken(fingerprint: string, pos: PagePosition): string {
  return Buffer.from(`${fingerprint}.${pos.period}.${pos.group}.${check(fingerprint, pos.period, pos.group)}`).toString(
    'base64url',
  );
}

export function decodePageToken(fingerprint: string, token: string): PagePosition {
  const [fp, rawP, rawG, sum] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const period = Number(rawP);
  const group = Number(rawG);
  if (
    fp === undefined ||
    !Number.isInteger(period) ||
    !Number.isInteger(group) ||
    period < 0 ||
    group < 0 ||
    sum !== check(fp, period, group)
  )
    throw invalidNextToken();
  if (fp !== fingerprint) throw requestChanged();
  return { period, group };
}

/** The request's identity for its tokens: every parameter but the token itself. */
export function requestFingerprint(op: string, input: Record<string, unknown>, caller: string): string {
  const { NextPageToken: _t, NextToken: _n, ...rest } = input;
  return hashText(`${op}|${caller}|${JSON.stringify(rest)}`).toString(36);
}
