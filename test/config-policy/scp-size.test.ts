import { describe, expect, it } from 'vitest';
import { SCP_MAX_SIZE, scpSize, validatePolicyDocument } from '../../src/config/policy/index.js';
import { minifyJsonText } from '../../src/config/policy/scp-size.js';

describe('scpSize', () => {
  const document = { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } };

  it('counts the minified document (hand-counted: 82 characters)', () => {
    // {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}
    //  1 + 9 + 1 + 12 + 1 + 11 + 1 + 1 + 8 + 1 + 6 + 1 + 8 + 1 + 3 + 1 + 10 + 1 + 3 + 1 + 1 = 82
    expect(scpSize(document)).toBe(82);
  });

  it('gives a pretty-printed JSON string the same size as the object', () => {
    expect(scpSize(JSON.stringify(document, null, 4))).toBe(82);
    expect(
      scpSize('{\n\t"Version" :  "2012-10-17",\r\n "Statement": {"Effect":"Deny","Action":"*","Resource":"*"} }'),
    ).toBe(82);
  });

  it('keeps whitespace and escapes inside strings', () => {
    expect(minifyJsonText('{ "Sid" : "a b" }')).toBe('{"Sid":"a b"}');
    expect(scpSize('{ "Sid" : "a b" }')).toBe(13);
    expect(scpSize('{"a": "x\\" y"}')).toBe(13);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(scpSize({ Sid: 'é✓' })).toBe(12);
    expect(scpSize({ Sid: '𝔸' })).toBe(11);
  });

  it('returns 0 for what cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(scpSize(cyclic)).toBe(0);
    expect(scpSize(undefined)).toBe(0);
  });

  it('reports E-SCP-TOO-LARGE just above the limit, not at it', async () => {
    const base = { Version: '2012-10-17', Statement: { Sid: '', Effect: 'Deny', Action: '*', Resource: '*' } };
    const fill = SCP_MAX_SIZE - scpSize(base);
    const atLimit = { ...base, Statement: { ...base.Statement, Sid: 'A'.repeat(fill) } };
    expect(scpSize(atLimit)).toBe(SCP_MAX_SIZE);
    expect(await validatePolicyDocument(atLimit, 'scp')).toEqual([]);
    const over = { ...base, Statement: { ...base.Statement, Sid: 'A'.repeat(fill + 1) } };
    const issues = await validatePolicyDocument(over, 'scp');
    expect(issues.map((i) => i.code)).toEqual(['E-SCP-TOO-LARGE']);
    expect(issues[0]?.message).toContain(`${SCP_MAX_SIZE + 1}`);
    expect(issues[0]?.message).toContain(`${SCP_MAX_SIZE}`);
    // The same document is fine as an identity policy: the limit is the SCP's.
    expect(await validatePolicyDocument(over, 'identity')).toEqual([]);
  });
});
