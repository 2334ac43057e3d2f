import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { columnWidths, cut } from '../../src/cli/render/audit-table.js';
import { parseLogFile, principalName } from '../../src/toolkit/audit/records.js';
import { dayFolders, fileMayHold, parseTimeBound, timeWindow } from '../../src/toolkit/audit/window.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('the time window', () => {
  it.each([
    ['30m', '2024-05-01T11:30:00.000Z'],
    ['1h', '2024-05-01T11:00:00.000Z'],
    ['2d', '2024-04-29T12:00:00.000Z'],
    ['1w', '2024-04-24T12:00:00.000Z'],
    ['2024-04-30', '2024-04-30T00:00:00.000Z'],
    ['2024-04-30T10:15', '2024-04-30T10:15:00.000Z'],
    ['2024-04-30T10:15:00+02:00', '2024-04-30T08:15:00.000Z'],
  ])('%s', (text, iso) => expect(parseTimeBound(text, '--since', NOW).toISOString()).toBe(iso));

  it.each(['yesterday', '1y', '-1h', '2024-13-45', ''])('"%s" is a usage error with the forms it takes', (text) => {
    expect(() => parseTimeBound(text, '--since', NOW)).toThrow(/neither a duration nor a time/);
  });

  it('refuses a since after the until', () => {
    expect(() => timeWindow({ since: '1h', until: '2h' }, NOW)).toThrow(/is after --until/);
  });

  it('lists the day folders across a month end, with an hour of delivery slack', () => {
    const window = timeWindow({ since: '2024-04-29T22:00:00Z', until: '2024-04-30T23:30:00Z' }, NOW);
    expect(dayFolders(window)).toEqual(['2024/04/29', '2024/04/30', '2024/05/01']);
  });

  it('skips files delivered before the window or long after it, from the stamp in their name', () => {
    const window = timeWindow({ since: '2024-05-01T10:00:30Z', until: '2024-05-01T11:00:00Z' }, NOW);
    const key = (stamp: string) =>
      `AWSLogs/o-1/111122223333/CloudTrail/eu-west-1/2024/05/01/x_CloudTrail_eu-west-1_${stamp}_ab.json.gz`;
    expect(fileMayHold(key('20240501T0959Z'), window)).toBe(false);
    expect(fileMayHold(key('20240501T1000Z'), window)).toBe(true); // the stamp is cut to the minute
    expect(fileMayHold(key('20240501T1200Z'), window)).toBe(true);
    expect(fileMayHold(key('20240501T1201Z'), window)).toBe(false);
    expect(fileMayHold('AWSLogs/o-1/111122223333/CloudTrail/eu-west-1/2024/05/01/odd-name.json.gz', window)).toBe(true);
  });
});

describe('log files', () => {
  it('reads gzipped {"Records": […]}', async () => {
    const parsed = await parseLogFile(gzipSync(JSON.stringify({ Records: [{ eventName: 'CreateRole' }] })));
    expect(parsed).toEqual({ ok: true, records: [{ eventName: 'CreateRole' }] });
  });

  it.each([
    ['plain text', Buffer.from('hello'), 'not a gzip file'],
    ['a truncated gzip', gzipSync('{"Records":[]}').subarray(0, 12), 'corrupt gzip data'],
    ['gzipped non-JSON', gzipSync('nope'), 'not JSON after gunzip'],
    ['JSON without Records', gzipSync('{"records":[]}'), 'no "Records" list'],
  ])('gives a reason, not a throw, for %s', async (_, bytes, reason) => {
    const parsed = await parseLogFile(bytes);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it.each([
    [{ type: 'Root', arn: 'arn:aws:iam::111122223333:root' }, 'root'],
    [{ type: 'IAMUser', userName: 'ci', arn: 'arn:aws:iam::111122223333:user/ci' }, 'user/ci'],
    [{ type: 'AWSService', invokedBy: 'config.amazonaws.com' }, 'config.amazonaws.com'],
    [
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice',
      },
      'alice (Admin)',
    ],
    [{ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/deploy/gh-1' }, 'deploy/gh-1'],
    [{ type: 'AWSAccount', accountId: '444455556666' }, 'account 444455556666'],
  ])('names the principal %j as %s', (identity, name) => expect(principalName(identity)).toBe(name));
});

describe('the table', () => {
  it('shrinks the widest columns until a row fits the width, never below the headers', () => {
    const row = ['2024-05-01 10:00:00', 'a'.repeat(30), 'b'.repeat(40), 'c'.repeat(50), 'd'.repeat(25)];
    const widths = columnWidths([row], 80);
    expect(widths.reduce((a, b) => a + b, 0) + 8).toBe(80);
    expect(widths[0]).toBe(19);
    expect(columnWidths([row], 20)).toEqual([19, 7, 9, 5, 6]);
  });

  it('cuts with the ellipsis inside the width', () => {
    expect(cut('abcdefgh', 5, '...')).toBe('ab...');
    expect(cut('abcdefgh', 5, '…')).toBe('abcd…');
    expect(cut('abc', 5, '…')).toBe('abc');
  });
});
